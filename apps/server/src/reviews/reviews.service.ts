import { Inject, Injectable, Optional } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { Calendar, Conflict, fieldIsClean, Forbidden, NotFound, parsePeriod, Problem, ValidationFailed } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  AuditRepository,
  MeasurementsRepository,
  MilestoneUpdatesRepository,
  ObjectiveRow,
  ObjectiveUpdateRecord,
  ReviewPeriodRecord,
  ReviewsRepository,
  RoadmapRepository,
  Transactor,
  UsersRepository,
} from '@app/persistence';
import type { Lang } from '@app/presentation';
import {
  checkOpeningRequest,
  completenessByBody,
  contentOf,
  CONTRIBUTION_MAX_LENGTH,
  contributingBodyOf,
  daysLeft,
  milestoneWindow,
  objectiveUpdateLine,
  opensAutomatically,
  periodDueToOpen,
  planReviewPeriod,
  readText,
  readUpdateContent,
  REASON_MAX_LENGTH,
  requiredReason,
  returnStep,
  REVIEW_NOTICE_SINK,
  ReviewActor,
  ReviewNotice,
  ReviewNoticeSink,
  saveStep,
  StepOutcome,
  submitStep,
  UpdateSubject,
  validateStep,
} from '@app/review';
import { AddContributionDto, SaveUpdateDto } from './dto/review-requests.dto';
import {
  ContributionDto,
  ObjectiveReviewHistoryItemDto,
  ObjectiveUpdateDto,
  ReviewPeriodDetailDto,
  ReviewPeriodDto,
  UpdateRecordsDto,
} from './dto/review-responses.dto';
import { bodyCompletenessDto, contentDto, contributionDto, eventDto, periodDto, signaturesDto, updateLineDto, userRef } from './reviews.mapper';

type Step = 'submit' | 'validate' | 'return';
const STEPS = { submit: submitStep, validate: validateStep, return: returnStep } as const;
const NOTICES = { submit: 'update_submitted', validate: 'update_validated', return: 'update_returned' } as const;

/**
 * The quarterly review: periods opened by an admin or the scheduler, and each objective's update
 * written by its lead body, submitted, validated or returned. The rules are libs/review's; here they
 * meet the database. Every write is one transaction: the update, its event (with the content after
 * it), the audit entry and the notice the mail capability turns into messages.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly roadmap: RoadmapRepository,
    private readonly measurements: MeasurementsRepository,
    private readonly milestoneUpdates: MilestoneUpdatesRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(REVIEW_NOTICE_SINK) private readonly sink?: ReviewNoticeSink,
  ) {}

  // ── Periods ──────────────────────────────────────────────────────────────────────────────────

  async listPeriods(): Promise<ReviewPeriodDto[]> {
    const counts = new Map<number, { submitted: number; validated: number }>();
    for (const c of await this.reviews.stateCounts()) {
      const n = counts.get(c.reviewPeriodId) ?? { submitted: 0, validated: 0 };
      if (c.state === 'submitted' || c.state === 'validated') n.submitted += c.count;
      if (c.state === 'validated') n.validated += c.count;
      counts.set(c.reviewPeriodId, n);
    }
    const expected = this.roadmap.structure().objectives.length;
    const periods: ReviewPeriodDto[] = [];
    for (const p of await this.reviews.listPeriods()) {
      periods.push(await this.periodDto(p, { expected, ...(counts.get(p.id) ?? { submitted: 0, validated: 0 }) }));
    }
    return periods;
  }

  async getPeriod(periodText: string, lang: Lang): Promise<ReviewPeriodDetailDto> {
    const p = await this.findPeriod(periodText);
    const updates = new Map((await this.reviews.updatesOf(p.id)).map((u) => [u.objectiveCode, u]));
    const objectives = this.roadmap.structure(lang).objectives;
    const lines = objectives.map((o) => updateLineDto(o, updates.get(o.code)));
    const bodies = completenessByBody(
      objectives.map((o) => objectiveUpdateLine(o, updates.get(o.code), (d) => this.calendar.dateOf(d))),
      p.deadline,
      // A closed period is judged as it stood at its closing.
      p.closedAt ? this.calendar.dateOf(new Date(p.closedAt)) : this.calendar.today(),
      p.state === 'closed',
    );
    const submitted = lines.filter((l) => l.state === 'submitted' || l.state === 'validated').length;
    const validated = lines.filter((l) => l.state === 'validated').length;
    return { ...(await this.periodDto(p, { expected: lines.length, submitted, validated })), objectives: lines, bodies: bodies.map(bodyCompletenessDto) };
  }

  /**
   * Opens a review period: by an admin (`by`) or by the scheduler (`by` null). `earlier` carries the
   * problems the request's DTO found, reported with the rules' own in one 400. The check that it is not
   * open yet and the insert are one unit of work (the write lock, on PostgreSQL across instances), and
   * the period's unique column backs it: a period is opened, and announced, once.
   */
  async openPeriod(input: { period?: unknown; deadline?: unknown }, by: Principal | null, earlier: Problem[] = []): Promise<ReviewPeriodDto> {
    const { period, problems } = checkOpeningRequest(input, this.calendar.today());
    const all = [...earlier, ...problems.filter((p) => p.field === null || fieldIsClean(earlier, p.field))];
    if (all.length) throw new ValidationFailed(all);
    const plan = planReviewPeriod(period!, this.config.review, typeof input.deadline === 'string' ? input.deadline : undefined);
    const row = await this.tx.run(async () => {
      const existing = await this.reviews.findPeriod(plan.period.id);
      if (existing?.state === 'closed') throw new Conflict('review.period_already_closed', { period: existing.period }, 'period');
      if (existing) throw new Conflict('review.period_already_open', { period: existing.period, deadline: existing.deadline }, 'period');
      const now = this.calendar.now().toISOString();
      const created = await this.reviews.insertPeriod({
        period: plan.period.id,
        granularity: plan.period.kind,
        startDate: plan.period.start,
        endDate: plan.period.end,
        opensOn: plan.opensOn,
        deadline: plan.deadline,
        state: 'open',
        openedAt: now,
        openedBy: by?.userId ?? null,
      });
      await this.audit.record({
        at: now,
        userId: by?.userId ?? null,
        action: 'review.period_open',
        entityType: 'review_period',
        entityId: created.period,
        before: null,
        after: created,
      });
      await this.notify({ kind: 'period_opened', period: created.period, deadline: created.deadline });
      return created;
    });
    return this.periodDto(row, { expected: this.roadmap.structure().objectives.length, submitted: 0, validated: 0 });
  }

  /** Moves an open period's collection deadline (after the period's end, not in the past). */
  async changeDeadline(periodText: string, input: { deadline?: unknown }, by: Principal, earlier: Problem[] = []): Promise<ReviewPeriodDto> {
    const p = await this.findPeriod(periodText);
    const { problems } = checkOpeningRequest({ period: p.period, deadline: input.deadline }, this.calendar.today());
    const all = [...earlier, ...problems.filter((x) => x.field === 'deadline' && fieldIsClean(earlier, 'deadline'))];
    if (all.length) throw new ValidationFailed(all);
    if (p.state === 'closed') throw new Conflict('review.period_closed', { period: p.period });
    await this.tx.run(async () => {
      const deadline = input.deadline as string;
      await this.reviews.updatePeriod(p.id, { deadline });
      const now = this.calendar.now().toISOString();
      await this.audit.record({
        at: now,
        userId: by.userId,
        action: 'review.period_deadline',
        entityType: 'review_period',
        entityId: p.period,
        before: p,
        after: { ...p, deadline },
      });
    });
    return (await this.listPeriods()).find((x) => x.period === p.period)!;
  }

  /**
   * The scheduler's daily check: opens the period due on `today` (config.review) unless it exists,
   * or its collection is already over (see opensAutomatically). Checked and opened in one unit of
   * work: a second server instance running the same check waits for the first, then finds the period
   * and opens nothing, announces nothing.
   */
  async openDuePeriod(today: string = this.calendar.today()): Promise<{ period: string; opened: boolean; why?: 'exists' | 'deadline_passed' }> {
    const plan = periodDueToOpen(this.config.review, today);
    if (!opensAutomatically(plan, today)) return { period: plan.period.id, opened: false, why: 'deadline_passed' };
    return this.tx.run(async () => {
      if (await this.reviews.findPeriod(plan.period.id)) return { period: plan.period.id, opened: false, why: 'exists' as const };
      await this.openPeriod({ period: plan.period.id }, null);
      return { period: plan.period.id, opened: true };
    });
  }

  // ── An objective's update ───────────────────────────────────────────────────────────────────

  async getUpdate(periodText: string, code: string, lang: Lang): Promise<ObjectiveUpdateDto> {
    const p = await this.findPeriod(periodText);
    const objective = this.findObjective(code, lang);
    const u = await this.reviews.findUpdate(p.id, objective.id);
    const history = u ? (await this.reviews.eventsOf(u.id)).map(eventDto) : [];
    return {
      period: p.period,
      periodState: p.state,
      deadline: p.deadline,
      objectiveCode: objective.code,
      title: objective.title,
      leadBody: objective.leadBody,
      contributingBodies: objective.contributingBodies,
      state: u?.state ?? 'not_started',
      ...contentDto(u),
      version: u?.version ?? 0,
      returnReason: u?.returnReason ?? null,
      revisedAfterValidation: !!u?.revisedAfterValidationAt,
      revisedAfterValidationAt: u?.revisedAfterValidationAt ?? null,
      createdBy: history[0]?.by ?? null,
      createdAt: u?.createdAt ?? null,
      ...signaturesDto(u),
      history,
      contributions: (await this.reviews.contributionsOf(p.id, objective.id)).map(contributionDto),
      records: await this.recordsOf(p, objective),
    };
  }

  /** An objective's updates across the review periods, latest period first: its commentary history. */
  async objectiveHistory(code: string): Promise<ObjectiveReviewHistoryItemDto[]> {
    const objective = this.findObjective(code);
    const states = new Map((await this.reviews.listPeriods()).map((p) => [p.period, p.state]));
    return (await this.reviews.updatesOfObjective(objective.id)).map((u) => ({
      period: u.period,
      periodState: states.get(u.period)!,
      state: u.state,
      ...contentOf(u),
      version: u.version,
      updatedBy: userRef(u.updatedBy, u.updatedByName),
      updatedAt: u.updatedAt,
      submittedAt: u.submittedAt,
      validatedBy: userRef(u.validatedBy, u.validatedByName),
      validatedAt: u.validatedAt,
      revisedAfterValidationAt: u.revisedAfterValidationAt,
    }));
  }

  /**
   * Saves the update as a draft (created on its first save). `version` guards against overwriting a
   * change made since the editor loaded it. A validated update may still be changed with a reason:
   * it stays validated, marked revised after validation; a returned one goes back to draft.
   */
  async saveDraft(periodText: string, code: string, input: SaveUpdateDto, principal: Principal, lang: Lang = 'fr'): Promise<ObjectiveUpdateDto> {
    const p = await this.findPeriod(periodText);
    const objective = this.findObjective(code);
    await this.tx.run(
      async () => {
        const current = await this.reviews.findUpdate(p.id, objective.id);
        const reason = this.optionalReason(input.reason);
        const outcome = saveStep(actorOf(principal), this.subject(p, objective, current), reason);
        const currentVersion = current?.version ?? 0;
        if (input.version !== undefined && input.version !== currentVersion) {
          throw new Conflict('review.stale_version', { objective: objective.code, current: currentVersion, version: input.version }, 'version');
        }
        const { content, problems } = readUpdateContent(presentFields(input), current ? contentOf(current) : undefined);
        if (problems.length) throw new ValidationFailed(problems);
        const now = this.calendar.now().toISOString();
        const changes = {
          ...content,
          state: outcome.to,
          // The validator's reason stays while the update is returned; the history keeps it afterwards.
          returnReason: outcome.to === 'returned' ? (current?.returnReason ?? null) : null,
          updatedBy: principal.userId,
          updatedAt: now,
          ...(outcome.revision && { revisedAfterValidationAt: now }),
        };
        const after = current
          ? await this.change(current, objective.code, changes)
          : await this.reviews.insertUpdate({
              reviewPeriodId: p.id,
              objectiveId: objective.id,
              ...changes,
              version: 1,
              createdBy: principal.userId,
              createdAt: now,
            });
        await this.recordEvent(outcome.revision ? 'revise' : 'save', outcome, current ?? null, after, principal.userId, now, outcome.revision ? reason : null);
      },
      { objectives: [objective.code] },
    );
    return this.getUpdate(p.period, objective.code, lang);
  }

  /** Submit, validate or return (with the validator's reason). */
  async step(
    step: Step,
    periodText: string,
    code: string,
    principal: Principal,
    input: { reason?: unknown } = {},
    lang: Lang = 'fr',
  ): Promise<ObjectiveUpdateDto> {
    const p = await this.findPeriod(periodText);
    const objective = this.findObjective(code);
    await this.tx.run(
      async () => {
        const current = await this.reviews.findUpdate(p.id, objective.id);
        const outcome = STEPS[step](actorOf(principal), this.subject(p, objective, current));
        let reason: string | null = null;
        if (step === 'return') {
          const read = requiredReason(input.reason);
          if ('problem' in read) throw new ValidationFailed([read.problem]);
          reason = read.text;
        }
        const now = this.calendar.now().toISOString();
        const after = await this.change(current!, objective.code, {
          state: outcome.to,
          ...(step === 'submit' && { submittedBy: principal.userId, submittedAt: now }),
          ...(step === 'validate' && { validatedBy: principal.userId, validatedAt: now, returnReason: null }),
          ...(step === 'return' && { returnReason: reason }),
        });
        await this.recordEvent(step, outcome, current!, after, principal.userId, now, reason);
        const base = { period: p.period, objectiveCode: objective.code, byUserId: principal.userId };
        await this.notify(step === 'return' ? { kind: 'update_returned', ...base, reason: reason! } : { kind: NOTICES[step], ...base });
      },
      { objectives: [objective.code] },
    );
    return this.getUpdate(p.period, objective.code, lang);
  }

  /** A contributing body's editor signs a contribution the lead body reads (while the period is open). */
  async addContribution(periodText: string, code: string, input: AddContributionDto, principal: Principal): Promise<ContributionDto> {
    const p = await this.findPeriod(periodText);
    const objective = this.findObjective(code);
    const body = contributingBodyOf(actorOf(principal), objective);
    if (!body) throw new Forbidden('review.not_contributing_body', { objective: objective.code, bodies: objective.contributingBodies });
    if (p.state === 'closed') throw new Conflict('review.period_closed', { period: p.period });
    const read = readText(input.text, 'text', CONTRIBUTION_MAX_LENGTH);
    if ('problem' in read) throw new ValidationFailed([read.problem]);
    if (!read.text) throw new ValidationFailed([{ code: 'validation.required', field: 'text' }]);
    const id = await this.tx.run(async () => {
      const now = this.calendar.now().toISOString();
      const bodyId = this.roadmap.structure().bodies.find((b) => b.acronym === body)!.id;
      const created = { reviewPeriodId: p.id, objectiveId: objective.id, bodyId, text: read.text!, authorId: principal.userId, createdAt: now };
      const newId = await this.reviews.insertContribution(created);
      await this.audit.record({
        at: now,
        userId: principal.userId,
        action: 'review.contribution_add',
        entityType: 'update_contribution',
        entityId: newId,
        before: null,
        after: { ...created, id: newId, period: p.period, objective: objective.code, body },
      });
      return newId;
    });
    return contributionDto((await this.reviews.contributionsOf(p.id, objective.id)).find((c) => c.id === id)!);
  }

  // ── Steps ────────────────────────────────────────────────────────────────────────────────────

  /** Changes the update if nobody changed it since it was read (same transaction, so only another process could). */
  private async change(current: ObjectiveUpdateRecord, code: string, changes: Partial<ObjectiveUpdateRecord>): Promise<ObjectiveUpdateRecord> {
    if (!(await this.reviews.changeUpdate(current.id, current.version, changes))) {
      const now = (await this.reviews.findUpdateById(current.id))!;
      throw new Conflict('review.stale_version', { objective: code, current: now.version, version: current.version }, 'version');
    }
    return (await this.reviews.findUpdateById(current.id))!;
  }

  private async recordEvent(
    action: 'save' | 'revise' | Step,
    outcome: StepOutcome,
    before: ObjectiveUpdateRecord | null,
    after: ObjectiveUpdateRecord,
    userId: number,
    at: string,
    reason: string | null,
  ): Promise<void> {
    await this.reviews.insertEvent({ updateId: after.id, action, fromState: outcome.from, toState: outcome.to, reason, content: contentOf(after), userId, at });
    await this.audit.record({ at, userId, action: `review.update_${action}`, entityType: 'objective_update', entityId: after.id, before, after });
  }

  private async notify(notice: ReviewNotice): Promise<void> {
    // Inside the caller's transaction: a failing sink rolls the event back with it.
    await this.sink?.notify(notice);
  }

  private optionalReason(value: unknown): string | null {
    if (value === undefined) return null;
    const read = readText(value, 'reason', REASON_MAX_LENGTH);
    if ('problem' in read) throw new ValidationFailed([read.problem]);
    return read.text;
  }

  // ── Reading ──────────────────────────────────────────────────────────────────────────────────

  /** A review period from its name in the URL: a period people write (400 otherwise) that was opened (404 otherwise). */
  async findPeriod(periodText: string): Promise<ReviewPeriodRecord> {
    const period = parsePeriod(periodText);
    const p = await this.reviews.findPeriod(period.id);
    if (!p) throw new NotFound('not_found.review_period', { period: period.id });
    return p;
  }

  private findObjective(code: string, lang: Lang = 'en'): ObjectiveRow {
    const o = this.roadmap.structure(lang).objectivesByCode.get(code);
    if (!o) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    return o;
  }

  private subject(p: ReviewPeriodRecord, o: ObjectiveRow, u: ObjectiveUpdateRecord | undefined): UpdateSubject {
    return {
      objectiveCode: o.code,
      leadBody: o.leadBody,
      contributingBodies: o.contributingBodies,
      period: p.period,
      periodState: p.state,
      update: u ? { state: u.state, submittedBy: u.submittedBy, updatedBy: u.updatedBy, content: contentOf(u) } : null,
    };
  }

  /**
   * What the update reports besides its commentary: the objective's current values dated in the
   * period (a value describes the date it is observed at), and its milestones' progress recorded from
   * the period's first day up to today or the closing (progress has no other date; see milestoneWindow).
   */
  private async recordsOf(p: ReviewPeriodRecord, o: ObjectiveRow): Promise<UpdateRecordsDto> {
    const measurements: UpdateRecordsDto['measurements'] = [];
    for (const i of o.indicators) {
      for (const m of await this.measurements.currentBetween(i.id, p.startDate, p.endDate)) {
        measurements.push({
          id: m.id,
          indicatorId: i.id,
          indicator: i.name,
          value: m.value,
          observedAt: m.observedAt,
          source: m.source,
          comment: m.comment,
          correctionReason: m.correctionReason,
          recordedBy: { id: m.recordedBy, name: m.recordedByName },
          recordedAt: m.recordedAt,
        });
      }
    }
    const window = milestoneWindow({ startDate: p.startDate, closedOn: p.closedAt ? this.calendar.dateOf(new Date(p.closedAt)) : null }, this.calendar.today());
    const milestoneUpdates: UpdateRecordsDto['milestoneUpdates'] = [];
    for (const m of o.milestones) {
      const history = await this.milestoneUpdates.history(m.id);
      milestoneUpdates.push(
        ...history
          .filter((u) => {
            const on = this.calendar.dateOf(new Date(u.recordedAt));
            return window.from <= on && on <= window.to;
          })
          .reverse()
          .map((u) => ({
            id: u.id,
            milestoneId: m.id,
            milestone: m.title,
            state: u.state,
            completedOn: u.completedOn,
            evidence: u.evidence,
            comment: u.comment,
            recordedBy: { id: u.recordedBy, name: u.recordedByName },
            recordedAt: u.recordedAt,
          })),
      );
    }
    return { measurements, milestoneUpdates };
  }

  private async periodDto(p: ReviewPeriodRecord, counts: { expected: number; submitted: number; validated: number }): Promise<ReviewPeriodDto> {
    const openedBy = p.openedBy === null ? null : ((await this.users.findById(p.openedBy))?.name ?? null);
    return periodDto(p, counts, daysLeft(p.deadline, this.calendar.today()), openedBy);
  }
}

/** The review rules' view of a signed-in person (the web pages ask the same rules through it). */
export function actorOf(principal: Principal): ReviewActor {
  return { userId: principal.userId, role: principal.role, bodies: principal.bodies, scope: principal.scope };
}

/** The fields a request really carries (a DTO instance declares the others as undefined). */
function presentFields(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== 'version' && k !== 'reason'));
}
