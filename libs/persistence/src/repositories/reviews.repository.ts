import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE } from '../tokens';

export type ReviewPeriodRecord = typeof t.reviewPeriods.$inferSelect;
export type ObjectiveUpdateRecord = typeof t.objectiveUpdates.$inferSelect;
export type NewObjectiveUpdate = typeof t.objectiveUpdates.$inferInsert;
export type ObjectiveUpdateEventRecord = typeof t.objectiveUpdateEvents.$inferSelect & { userName: string; userEmail: string };
export type NewObjectiveUpdateEvent = typeof t.objectiveUpdateEvents.$inferInsert;
export type UpdateContributionRecord = typeof t.updateContributions.$inferSelect & { body: string; authorName: string; authorEmail: string };
export type ReviewPublicationRecord = typeof t.reviewPublications.$inferSelect;
/** An update with the objective's code and the names of who wrote, submitted and validated it. */
export type ObjectiveUpdateRow = ObjectiveUpdateRecord & {
  objectiveCode: string;
  updatedByName: string;
  submittedByName: string | null;
  validatedByName: string | null;
};

/**
 * Review periods, objectives' updates with their event history, contributions and publications.
 * Writes happen inside the caller's Transactor unit, so an update, its event, its audit entry and
 * the mails it causes commit together.
 */
@Injectable()
export class ReviewsRepository {
  constructor(@Inject(DRIZZLE) private readonly db: Db) {}

  // ── Periods ──────────────────────────────────────────────────────────────────────────────────
  insertPeriod(period: typeof t.reviewPeriods.$inferInsert): ReviewPeriodRecord {
    return this.db.insert(t.reviewPeriods).values(period).returning().get();
  }

  findPeriod(period: string): ReviewPeriodRecord | undefined {
    return this.db.select().from(t.reviewPeriods).where(eq(t.reviewPeriods.period, period)).get();
  }

  listPeriods(): ReviewPeriodRecord[] {
    return this.db.select().from(t.reviewPeriods).orderBy(desc(t.reviewPeriods.endDate)).all();
  }

  openPeriods(): ReviewPeriodRecord[] {
    return this.db.select().from(t.reviewPeriods).where(eq(t.reviewPeriods.state, 'open')).orderBy(asc(t.reviewPeriods.endDate)).all();
  }

  updatePeriod(id: number, changes: Partial<typeof t.reviewPeriods.$inferInsert>): void {
    this.db.update(t.reviewPeriods).set(changes).where(eq(t.reviewPeriods.id, id)).run();
  }

  // ── Updates ──────────────────────────────────────────────────────────────────────────────────
  private updateRows() {
    const updater = alias(t.users, 'updater');
    const submitter = alias(t.users, 'submitter');
    const validator = alias(t.users, 'validator');
    return this.db
      .select({
        update: t.objectiveUpdates,
        objectiveCode: t.objectives.code,
        updatedByName: updater.name,
        submittedByName: submitter.name,
        validatedByName: validator.name,
      })
      .from(t.objectiveUpdates)
      .innerJoin(t.objectives, eq(t.objectives.id, t.objectiveUpdates.objectiveId))
      .innerJoin(updater, eq(updater.id, t.objectiveUpdates.updatedBy))
      .leftJoin(submitter, eq(submitter.id, t.objectiveUpdates.submittedBy))
      .leftJoin(validator, eq(validator.id, t.objectiveUpdates.validatedBy))
      .$dynamic();
  }

  private static flatten(r: {
    update: ObjectiveUpdateRecord;
    objectiveCode: string;
    updatedByName: string;
    submittedByName: string | null;
    validatedByName: string | null;
  }): ObjectiveUpdateRow {
    return {
      ...r.update,
      objectiveCode: r.objectiveCode,
      updatedByName: r.updatedByName,
      submittedByName: r.submittedByName,
      validatedByName: r.validatedByName,
    };
  }

  findUpdate(reviewPeriodId: number, objectiveId: number): ObjectiveUpdateRow | undefined {
    const row = this.updateRows()
      .where(and(eq(t.objectiveUpdates.reviewPeriodId, reviewPeriodId), eq(t.objectiveUpdates.objectiveId, objectiveId)))
      .get();
    return row && ReviewsRepository.flatten(row);
  }

  /** Every update of a period, in objective order. */
  updatesOf(reviewPeriodId: number): ObjectiveUpdateRow[] {
    return this.updateRows()
      .where(eq(t.objectiveUpdates.reviewPeriodId, reviewPeriodId))
      .orderBy(asc(t.objectiveUpdates.objectiveId))
      .all()
      .map(ReviewsRepository.flatten);
  }

  /** An objective's updates across periods, latest period first (its commentary history). */
  updatesOfObjective(objectiveId: number): (ObjectiveUpdateRow & { period: string })[] {
    const periods = new Map(this.listPeriods().map((p) => [p.id, p]));
    return this.updateRows()
      .where(eq(t.objectiveUpdates.objectiveId, objectiveId))
      .all()
      .map((r) => ({
        ...ReviewsRepository.flatten(r),
        period: periods.get(r.update.reviewPeriodId)!.period,
        endDate: periods.get(r.update.reviewPeriodId)!.endDate,
      }))
      .sort((a, b) => b.endDate.localeCompare(a.endDate))
      .map(({ endDate: _e, ...u }) => u);
  }

  insertUpdate(update: NewObjectiveUpdate): ObjectiveUpdateRecord {
    return this.db.insert(t.objectiveUpdates).values(update).returning().get();
  }

  /** Changes an update only if it is still at `version` (optimistic concurrency); false if someone changed it since. */
  changeUpdate(id: number, version: number, changes: Partial<NewObjectiveUpdate>): boolean {
    const r = this.db
      .update(t.objectiveUpdates)
      .set({ ...changes, version: version + 1 })
      .where(and(eq(t.objectiveUpdates.id, id), eq(t.objectiveUpdates.version, version)))
      .run();
    return r.changes === 1;
  }

  /**
   * The validated updates of an objective with their periods' dates: what a value recorded for it
   * may revise. One indexed lookup (objective_updates_objective_idx), done once per objective per write or import.
   */
  validatedUpdatesOfObjective(objectiveId: number): {
    updateId: number;
    period: string;
    startDate: string;
    endDate: string;
    periodState: 'open' | 'closed';
    state: 'validated';
  }[] {
    return this.db
      .select({
        updateId: t.objectiveUpdates.id,
        period: t.reviewPeriods.period,
        startDate: t.reviewPeriods.startDate,
        endDate: t.reviewPeriods.endDate,
        periodState: t.reviewPeriods.state,
      })
      .from(t.objectiveUpdates)
      .innerJoin(t.reviewPeriods, eq(t.reviewPeriods.id, t.objectiveUpdates.reviewPeriodId))
      .where(and(eq(t.objectiveUpdates.objectiveId, objectiveId), eq(t.objectiveUpdates.state, 'validated')))
      .all()
      .map((r) => ({ ...r, state: 'validated' as const }));
  }

  /** Whether any update is validated at all: until one is, no value is locked and a write needs no lookup per objective. */
  anyValidated(): boolean {
    return !!this.db.select({ id: t.objectiveUpdates.id }).from(t.objectiveUpdates).where(eq(t.objectiveUpdates.state, 'validated')).limit(1).get();
  }

  findUpdateById(id: number): ObjectiveUpdateRecord | undefined {
    return this.db.select().from(t.objectiveUpdates).where(eq(t.objectiveUpdates.id, id)).get();
  }

  /** Marks an update revised after validation (a value of its period changed); moves its version, so an editor's open form is stale. */
  markRevised(id: number, at: string): ObjectiveUpdateRecord {
    return this.db
      .update(t.objectiveUpdates)
      .set({ revisedAfterValidationAt: at, version: sql`${t.objectiveUpdates.version} + 1` })
      .where(eq(t.objectiveUpdates.id, id))
      .returning()
      .get();
  }

  /** Per period, how many updates are in each state (the list of periods). */
  stateCounts(): { reviewPeriodId: number; state: string; count: number }[] {
    return this.db
      .select({ reviewPeriodId: t.objectiveUpdates.reviewPeriodId, state: t.objectiveUpdates.state, count: sql<number>`count(*)` })
      .from(t.objectiveUpdates)
      .groupBy(t.objectiveUpdates.reviewPeriodId, t.objectiveUpdates.state)
      .all();
  }

  // ── History ──────────────────────────────────────────────────────────────────────────────────
  insertEvent(event: NewObjectiveUpdateEvent): void {
    this.db.insert(t.objectiveUpdateEvents).values(event).run();
  }

  eventsOf(updateId: number): ObjectiveUpdateEventRecord[] {
    return this.db
      .select({ event: t.objectiveUpdateEvents, userName: t.users.name, userEmail: t.users.email })
      .from(t.objectiveUpdateEvents)
      .innerJoin(t.users, eq(t.users.id, t.objectiveUpdateEvents.userId))
      .where(eq(t.objectiveUpdateEvents.updateId, updateId))
      .orderBy(asc(t.objectiveUpdateEvents.id))
      .all()
      .map((r) => ({ ...r.event, userName: r.userName, userEmail: r.userEmail }));
  }

  /** Revisions after validation (of any period's update) recorded in (from, to]: a report's "changes". */
  revisionsBetween(
    from: string,
    to: string,
  ): { period: string; objectiveCode: string; action: 'revise' | 'value_revised'; at: string; reason: string | null }[] {
    return this.db
      .select({
        period: t.reviewPeriods.period,
        objectiveCode: t.objectives.code,
        action: t.objectiveUpdateEvents.action,
        at: t.objectiveUpdateEvents.at,
        reason: t.objectiveUpdateEvents.reason,
      })
      .from(t.objectiveUpdateEvents)
      .innerJoin(t.objectiveUpdates, eq(t.objectiveUpdates.id, t.objectiveUpdateEvents.updateId))
      .innerJoin(t.objectives, eq(t.objectives.id, t.objectiveUpdates.objectiveId))
      .innerJoin(t.reviewPeriods, eq(t.reviewPeriods.id, t.objectiveUpdates.reviewPeriodId))
      .where(
        and(inArray(t.objectiveUpdateEvents.action, ['revise', 'value_revised']), gt(t.objectiveUpdateEvents.at, from), lte(t.objectiveUpdateEvents.at, to)),
      )
      .orderBy(asc(t.objectiveUpdateEvents.id))
      .all() as { period: string; objectiveCode: string; action: 'revise' | 'value_revised'; at: string; reason: string | null }[];
  }

  // ── Contributions ────────────────────────────────────────────────────────────────────────────
  insertContribution(c: typeof t.updateContributions.$inferInsert): number {
    return this.db.insert(t.updateContributions).values(c).returning({ id: t.updateContributions.id }).get().id;
  }

  contributionsOf(reviewPeriodId: number, objectiveId?: number): UpdateContributionRecord[] {
    return this.db
      .select({ c: t.updateContributions, body: t.bodies.acronym, authorName: t.users.name, authorEmail: t.users.email })
      .from(t.updateContributions)
      .innerJoin(t.bodies, eq(t.bodies.id, t.updateContributions.bodyId))
      .innerJoin(t.users, eq(t.users.id, t.updateContributions.authorId))
      .where(
        objectiveId === undefined
          ? eq(t.updateContributions.reviewPeriodId, reviewPeriodId)
          : and(eq(t.updateContributions.reviewPeriodId, reviewPeriodId), eq(t.updateContributions.objectiveId, objectiveId)),
      )
      .orderBy(asc(t.updateContributions.id))
      .all()
      .map((r) => ({ ...r.c, body: r.body, authorName: r.authorName, authorEmail: r.authorEmail }));
  }

  // ── Publications ─────────────────────────────────────────────────────────────────────────────
  insertPublication(p: typeof t.reviewPublications.$inferInsert): void {
    this.db.insert(t.reviewPublications).values(p).run();
  }

  findPublication(reviewPeriodId: number): ReviewPublicationRecord | undefined {
    return this.db.select().from(t.reviewPublications).where(eq(t.reviewPublications.reviewPeriodId, reviewPeriodId)).get();
  }

  setPublicationReports(reviewPeriodId: number, reportIds: string[]): void {
    this.db.update(t.reviewPublications).set({ reportIds }).where(eq(t.reviewPublications.reviewPeriodId, reviewPeriodId)).run();
  }
}
