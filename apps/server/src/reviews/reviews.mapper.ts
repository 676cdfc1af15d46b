import type { ObjectiveRow, ObjectiveUpdateEventRecord, ObjectiveUpdateRow, ReviewPeriodRecord, UpdateContributionRecord } from '@app/persistence';
import { BodyCompleteness, contentOf } from '@app/review';
import {
  ContributionDto,
  ObjectiveUpdateLineDto,
  ReviewPeriodDto,
  UpdateContentDto,
  UpdateCountsDto,
  UpdateEventDto,
  UserRefDto,
  BodyCompletenessDto,
} from './dto/review-responses.dto';

/** Rows of the review tables turned into what the API answers (never the rows themselves). */

export const userRef = (id: number | null, name: string | null | undefined): UserRefDto | null => (id === null || !name ? null : { id, name });

export function periodDto(p: ReviewPeriodRecord, counts: UpdateCountsDto, daysLeft: number, openedByName: string | null): ReviewPeriodDto {
  return {
    period: p.period,
    granularity: p.granularity,
    startDate: p.startDate,
    endDate: p.endDate,
    opensOn: p.opensOn,
    deadline: p.deadline,
    daysLeft,
    state: p.state,
    openedAt: p.openedAt,
    openedBy: userRef(p.openedBy, openedByName),
    closedAt: p.closedAt,
    counts,
  };
}

/** Who last edited, submitted and validated an update, and when (all null while there is none). */
export function signaturesDto(u: ObjectiveUpdateRow | undefined) {
  return {
    updatedBy: u ? userRef(u.updatedBy, u.updatedByName) : null,
    updatedAt: u?.updatedAt ?? null,
    submittedBy: u ? userRef(u.submittedBy, u.submittedByName) : null,
    submittedAt: u?.submittedAt ?? null,
    validatedBy: u ? userRef(u.validatedBy, u.validatedByName) : null,
    validatedAt: u?.validatedAt ?? null,
  };
}

export function updateLineDto(o: ObjectiveRow, u: ObjectiveUpdateRow | undefined): ObjectiveUpdateLineDto {
  return {
    objectiveCode: o.code,
    title: o.title,
    leadBody: o.leadBody,
    state: u?.state ?? 'not_started',
    confidence: u?.confidence ?? null,
    version: u?.version ?? 0,
    ...signaturesDto(u),
    revisedAfterValidationAt: u?.revisedAfterValidationAt ?? null,
  };
}

export function contentDto(u: ObjectiveUpdateRow | undefined): UpdateContentDto {
  if (!u) return { confidence: null, progress: null, difficulties: null, nextSteps: null, decisionsNeeded: null, dataNote: null };
  return contentOf(u);
}

export function eventDto(e: ObjectiveUpdateEventRecord): UpdateEventDto {
  return {
    id: e.id,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    reason: e.reason,
    content: e.content as Record<string, unknown>,
    by: { id: e.userId, name: e.userName },
    at: e.at,
  };
}

export function contributionDto(c: UpdateContributionRecord): ContributionDto {
  return { id: c.id, body: c.body, text: c.text, author: { id: c.authorId, name: c.authorName }, createdAt: c.createdAt };
}

export function bodyCompletenessDto(b: BodyCompleteness): BodyCompletenessDto {
  return { ...b, missing: [...b.missing] };
}
