import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tables } from '@db/schema';
import { changedRows, Database } from '../database';

export type ReviewPeriodRecord = Tables['reviewPeriods']['$inferSelect'];
export type ObjectiveUpdateRecord = Tables['objectiveUpdates']['$inferSelect'];
export type NewObjectiveUpdate = Tables['objectiveUpdates']['$inferInsert'];
export type ObjectiveUpdateEventRecord = Tables['objectiveUpdateEvents']['$inferSelect'] & { userName: string; userEmail: string };
export type NewObjectiveUpdateEvent = Tables['objectiveUpdateEvents']['$inferInsert'];
export type UpdateContributionRecord = Tables['updateContributions']['$inferSelect'] & { body: string; authorName: string; authorEmail: string };
export type ReviewPublicationRecord = Tables['reviewPublications']['$inferSelect'];
/** An update with the objective's code and the names of who wrote, submitted and validated it. */
export type ObjectiveUpdateRow = ObjectiveUpdateRecord & {
  objectiveCode: string;
  updatedByName: string;
  submittedByName: string | null;
  validatedByName: string | null;
};

/** A revision after validation, as a report's "changes" lists it. */
export interface RevisionRecord {
  period: string;
  objectiveCode: string;
  action: 'revise' | 'value_revised';
  at: string;
  reason: string | null;
}

/**
 * Review periods, objectives' updates with their event history, contributions and publications.
 * Writes happen inside the caller's Transactor unit, so an update, its event, its audit entry and
 * the mails it causes commit together.
 */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly database: Database) {}

  // ── Periods ──────────────────────────────────────────────────────────────────────────────────
  async insertPeriod(period: Tables['reviewPeriods']['$inferInsert']): Promise<ReviewPeriodRecord> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.reviewPeriods).values(period).returning();
    return row;
  }

  async findPeriod(period: string): Promise<ReviewPeriodRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select().from(t.reviewPeriods).where(eq(t.reviewPeriods.period, period)).limit(1);
    return row;
  }

  /** Latest end first (a month and its quarter may end on the same day: the one opened first comes first). */
  async listPeriods(): Promise<ReviewPeriodRecord[]> {
    const { db, t } = this.database;
    return db.select().from(t.reviewPeriods).orderBy(desc(t.reviewPeriods.endDate), asc(t.reviewPeriods.id));
  }

  async openPeriods(): Promise<ReviewPeriodRecord[]> {
    const { db, t } = this.database;
    return db.select().from(t.reviewPeriods).where(eq(t.reviewPeriods.state, 'open')).orderBy(asc(t.reviewPeriods.endDate), asc(t.reviewPeriods.id));
  }

  async updatePeriod(id: number, changes: Partial<Tables['reviewPeriods']['$inferInsert']>): Promise<void> {
    const { db, t } = this.database;
    await db.update(t.reviewPeriods).set(changes).where(eq(t.reviewPeriods.id, id));
  }

  // ── Updates ──────────────────────────────────────────────────────────────────────────────────
  private updateRows() {
    const { db, t } = this.database;
    const updater = alias(t.users, 'updater');
    const submitter = alias(t.users, 'submitter');
    const validator = alias(t.users, 'validator');
    return db
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

  async findUpdate(reviewPeriodId: number, objectiveId: number): Promise<ObjectiveUpdateRow | undefined> {
    const { t } = this.database;
    const [row] = await this.updateRows()
      .where(and(eq(t.objectiveUpdates.reviewPeriodId, reviewPeriodId), eq(t.objectiveUpdates.objectiveId, objectiveId)))
      .limit(1);
    return row && ReviewsRepository.flatten(row);
  }

  /** Every update of a period, in objective order. */
  async updatesOf(reviewPeriodId: number): Promise<ObjectiveUpdateRow[]> {
    const { t } = this.database;
    const rows = await this.updateRows().where(eq(t.objectiveUpdates.reviewPeriodId, reviewPeriodId)).orderBy(asc(t.objectiveUpdates.objectiveId));
    return rows.map(ReviewsRepository.flatten);
  }

  /** An objective's updates across periods, latest period first (its commentary history). */
  async updatesOfObjective(objectiveId: number): Promise<(ObjectiveUpdateRow & { period: string })[]> {
    const { t } = this.database;
    const periods = new Map((await this.listPeriods()).map((p) => [p.id, p]));
    // In creation order, so that periods ending on the same day keep it after the stable sort below.
    const rows = await this.updateRows().where(eq(t.objectiveUpdates.objectiveId, objectiveId)).orderBy(asc(t.objectiveUpdates.id));
    return rows
      .map((r) => ({
        ...ReviewsRepository.flatten(r),
        period: periods.get(r.update.reviewPeriodId)!.period,
        endDate: periods.get(r.update.reviewPeriodId)!.endDate,
      }))
      .sort((a, b) => b.endDate.localeCompare(a.endDate))
      .map(({ endDate: _e, ...u }) => u);
  }

  async insertUpdate(update: NewObjectiveUpdate): Promise<ObjectiveUpdateRecord> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.objectiveUpdates).values(update).returning();
    return row;
  }

  /** Changes an update only if it is still at `version` (optimistic concurrency); false if someone changed it since. */
  async changeUpdate(id: number, version: number, changes: Partial<NewObjectiveUpdate>): Promise<boolean> {
    const { db, t } = this.database;
    const result = await db
      .update(t.objectiveUpdates)
      .set({ ...changes, version: version + 1 })
      .where(and(eq(t.objectiveUpdates.id, id), eq(t.objectiveUpdates.version, version)));
    return changedRows(result) === 1;
  }

  /**
   * The validated updates of an objective with their periods' dates: what a value recorded for it
   * may revise. One indexed lookup (objective_updates_objective_idx), done once per objective per write or import.
   */
  async validatedUpdatesOfObjective(objectiveId: number): Promise<
    {
      updateId: number;
      period: string;
      startDate: string;
      endDate: string;
      periodState: 'open' | 'closed';
      state: 'validated';
    }[]
  > {
    const { db, t } = this.database;
    const rows = await db
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
      .orderBy(asc(t.objectiveUpdates.id));
    return rows.map((r) => ({ ...r, state: 'validated' as const }));
  }

  /** Whether any update is validated at all: until one is, no value is locked and a write needs no lookup per objective. */
  async anyValidated(): Promise<boolean> {
    const { db, t } = this.database;
    const rows = await db.select({ id: t.objectiveUpdates.id }).from(t.objectiveUpdates).where(eq(t.objectiveUpdates.state, 'validated')).limit(1);
    return rows.length > 0;
  }

  async findUpdateById(id: number): Promise<ObjectiveUpdateRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select().from(t.objectiveUpdates).where(eq(t.objectiveUpdates.id, id)).limit(1);
    return row;
  }

  /** Marks an update revised after validation (a value of its period changed); moves its version, so an editor's open form is stale. */
  async markRevised(id: number, at: string): Promise<ObjectiveUpdateRecord> {
    const { db, t } = this.database;
    const [row] = await db
      .update(t.objectiveUpdates)
      .set({ revisedAfterValidationAt: at, version: sql`${t.objectiveUpdates.version} + 1` })
      .where(eq(t.objectiveUpdates.id, id))
      .returning();
    return row;
  }

  /** Per period, how many updates are in each state (the list of periods). */
  async stateCounts(): Promise<{ reviewPeriodId: number; state: string; count: number }[]> {
    const { db, t } = this.database;
    return db
      .select({ reviewPeriodId: t.objectiveUpdates.reviewPeriodId, state: t.objectiveUpdates.state, count: count() })
      .from(t.objectiveUpdates)
      .groupBy(t.objectiveUpdates.reviewPeriodId, t.objectiveUpdates.state);
  }

  // ── History ──────────────────────────────────────────────────────────────────────────────────
  async insertEvent(event: NewObjectiveUpdateEvent): Promise<void> {
    const { db, t } = this.database;
    await db.insert(t.objectiveUpdateEvents).values(event);
  }

  async eventsOf(updateId: number): Promise<ObjectiveUpdateEventRecord[]> {
    const { db, t } = this.database;
    const rows = await db
      .select({ event: t.objectiveUpdateEvents, userName: t.users.name, userEmail: t.users.email })
      .from(t.objectiveUpdateEvents)
      .innerJoin(t.users, eq(t.users.id, t.objectiveUpdateEvents.userId))
      .where(eq(t.objectiveUpdateEvents.updateId, updateId))
      .orderBy(asc(t.objectiveUpdateEvents.id));
    return rows.map((r) => ({ ...r.event, userName: r.userName, userEmail: r.userEmail }));
  }

  /** Revisions after validation (of any period's update) recorded in (from, to]: a report's "changes". */
  async revisionsBetween(from: string, to: string): Promise<RevisionRecord[]> {
    const { db, t } = this.database;
    const rows = await db
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
      .orderBy(asc(t.objectiveUpdateEvents.id));
    return rows as RevisionRecord[];
  }

  // ── Contributions ────────────────────────────────────────────────────────────────────────────
  async insertContribution(c: Tables['updateContributions']['$inferInsert']): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.updateContributions).values(c).returning({ id: t.updateContributions.id });
    return row.id;
  }

  async contributionsOf(reviewPeriodId: number, objectiveId?: number): Promise<UpdateContributionRecord[]> {
    const { db, t } = this.database;
    const rows = await db
      .select({ c: t.updateContributions, body: t.bodies.acronym, authorName: t.users.name, authorEmail: t.users.email })
      .from(t.updateContributions)
      .innerJoin(t.bodies, eq(t.bodies.id, t.updateContributions.bodyId))
      .innerJoin(t.users, eq(t.users.id, t.updateContributions.authorId))
      .where(
        objectiveId === undefined
          ? eq(t.updateContributions.reviewPeriodId, reviewPeriodId)
          : and(eq(t.updateContributions.reviewPeriodId, reviewPeriodId), eq(t.updateContributions.objectiveId, objectiveId)),
      )
      .orderBy(asc(t.updateContributions.id));
    return rows.map((r) => ({ ...r.c, body: r.body, authorName: r.authorName, authorEmail: r.authorEmail }));
  }

  // ── Publications ─────────────────────────────────────────────────────────────────────────────
  async insertPublication(p: Tables['reviewPublications']['$inferInsert']): Promise<void> {
    const { db, t } = this.database;
    await db.insert(t.reviewPublications).values(p);
  }

  async findPublication(reviewPeriodId: number): Promise<ReviewPublicationRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select().from(t.reviewPublications).where(eq(t.reviewPublications.reviewPeriodId, reviewPeriodId)).limit(1);
    return row;
  }

  async setPublicationReports(reviewPeriodId: number, reportIds: string[]): Promise<void> {
    const { db, t } = this.database;
    await db.update(t.reviewPublications).set({ reportIds }).where(eq(t.reviewPublications.reviewPeriodId, reviewPeriodId));
  }
}
