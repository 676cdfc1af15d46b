import { Injectable } from '@nestjs/common';
import { Calendar } from '@app/common';
import { ObjectiveUpdateRow, ReviewPeriodRecord, ReviewsRepository, RoadmapRepository } from '@app/persistence';
import { contentOf, ObjectiveUpdateLine, objectiveUpdateLine, UpdateContent, UpdateState } from '@app/review';
import type { ReportReviewInput, ReportRevision } from './review-section';

/** The part of a publication's snapshot the reports read again: the official review input. */
export interface PublishedReview {
  review: ReportReviewInput;
}

/**
 * Reads what reports show of a review period from the database: the live updates of a period still
 * open, or — at closing — what was validated, as validated (the content of each update's latest
 * validate or revise event, not a later draft).
 */
@Injectable()
export class ReviewReportInputs {
  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly roadmap: RoadmapRepository,
    private readonly calendar: Calendar,
  ) {}

  /** The review a report of `period` shows: null without one; the published one once closed. */
  async forPeriod(period: string): Promise<ReportReviewInput | null> {
    const row = await this.reviews.findPeriod(period);
    if (!row) return null;
    if (row.state === 'closed') {
      const publication = await this.reviews.findPublication(row.id);
      const published = publication?.snapshot as PublishedReview | undefined;
      if (published?.review) return published.review;
    }
    return this.live(row);
  }

  /** A period still open: every update as it stands, each with its state. */
  async live(row: ReviewPeriodRecord): Promise<ReportReviewInput> {
    const updates = await this.reviews.updatesOf(row.id);
    return {
      period: row.period,
      official: false,
      deadline: row.deadline,
      judgedOn: this.calendar.today(),
      publishedAt: null,
      lines: this.lines(updates),
      updates: updates.map((u) => ({
        objectiveCode: u.objectiveCode,
        state: u.state,
        content: contentOf(u),
        revisedAfterValidation: u.revisedAfterValidationAt !== null,
      })),
      missingAtClosing: [],
    };
  }

  /** At closing (`publishedAt`): only the validated updates, each as its latest validate/revise event left it. */
  async official(row: ReviewPeriodRecord, publishedAt: string, missing: string[]): Promise<ReportReviewInput> {
    const updates = await this.reviews.updatesOf(row.id);
    const validated: ReportReviewInput['updates'] = [];
    for (const u of updates) {
      if (u.state !== 'validated') continue;
      const events = await this.reviews.eventsOf(u.id);
      const asValidated = [...events].reverse().find((e) => e.action === 'validate' || e.action === 'revise');
      validated.push({
        objectiveCode: u.objectiveCode,
        state: 'validated' as UpdateState,
        content: asValidated ? contentOf(asValidated.content as Partial<UpdateContent>) : contentOf(u),
        revisedAfterValidation: u.revisedAfterValidationAt !== null,
      });
    }
    return {
      period: row.period,
      official: true,
      deadline: row.deadline,
      judgedOn: this.calendar.dateOf(new Date(publishedAt)),
      publishedAt,
      lines: this.lines(updates),
      updates: validated,
      missingAtClosing: missing,
    };
  }

  /** When a period's review was published (closed), if it was. */
  async publishedAt(period: string): Promise<string | null> {
    const row = await this.reviews.findPeriod(period);
    return (row && (await this.reviews.findPublication(row.id))?.publishedAt) ?? null;
  }

  /** Revisions after validation recorded in (from, to]. */
  async revisionsBetween(from: string, to: string): Promise<ReportRevision[]> {
    return this.reviews.revisionsBetween(from, to);
  }

  /** One line per objective of the roadmap: its lead body, its update's state and submission day. */
  private lines(updates: ObjectiveUpdateRow[]): ObjectiveUpdateLine[] {
    const byCode = new Map(updates.map((u) => [u.objectiveCode, u]));
    return this.roadmap.structure().objectives.map((o) => objectiveUpdateLine(o, byCode.get(o.code), (d) => this.calendar.dateOf(d)));
  }
}
