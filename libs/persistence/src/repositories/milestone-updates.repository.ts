import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, lte, sql, SQL } from 'drizzle-orm';
import { Database } from '../database';
import { ONE_ROW, preparedQuery } from '../prepared';

export type MilestoneState = 'not_started' | 'in_progress' | 'done';
export interface MilestoneUpdateRecord {
  id: number;
  milestoneId: number;
  state: MilestoneState;
  completedOn: string | null;
  evidence: string | null;
  comment: string | null;
  recordedBy: number;
  recordedByEmail: string;
  recordedByName: string;
  recordedAt: string;
}

/** Milestone progress, one full row per change; the latest recorded as of a cut-off is the state. */
@Injectable()
export class MilestoneUpdatesRepository {
  /** The status engine's lookup, once per milestone evaluated: prepared on first use (see preparedQuery). */
  private readonly latest;

  constructor(private readonly database: Database) {
    this.latest = preparedQuery(database, 'milestone_updates_latest_as_of', (_db, t) => {
      const m = t.milestoneUpdates;
      return this.records(and(eq(m.milestoneId, sql.placeholder('milestoneId')), lte(m.recordedAt, sql.placeholder('cutoff')))!)
        .orderBy(desc(m.recordedAt), desc(m.id))
        .limit(ONE_ROW);
    });
  }

  async insert(u: Omit<MilestoneUpdateRecord, 'id' | 'recordedByEmail' | 'recordedByName'>): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.milestoneUpdates).values(u).returning({ id: t.milestoneUpdates.id });
    return row.id;
  }

  async latestAsOf(milestoneId: number, cutoff: string): Promise<MilestoneUpdateRecord | undefined> {
    const [row] = await this.latest({ milestoneId, cutoff });
    return row;
  }

  async history(milestoneId: number): Promise<MilestoneUpdateRecord[]> {
    const m = this.database.t.milestoneUpdates;
    return this.records(eq(m.milestoneId, milestoneId)).orderBy(desc(m.recordedAt), desc(m.id));
  }

  async recordedBetween(fromExclusive: string, toInclusive: string): Promise<MilestoneUpdateRecord[]> {
    const m = this.database.t.milestoneUpdates;
    return this.records(and(gt(m.recordedAt, fromExclusive), lte(m.recordedAt, toInclusive))!).orderBy(asc(m.recordedAt), asc(m.id));
  }

  /** Updates with the name and email of who recorded them. */
  private records(where: SQL) {
    const { db, t } = this.database;
    const m = t.milestoneUpdates;
    return db
      .select({
        id: m.id,
        milestoneId: m.milestoneId,
        state: m.state,
        completedOn: m.completedOn,
        evidence: m.evidence,
        comment: m.comment,
        recordedBy: m.recordedBy,
        recordedByEmail: t.users.email,
        recordedByName: t.users.name,
        recordedAt: m.recordedAt,
      })
      .from(m)
      .innerJoin(t.users, eq(t.users.id, m.recordedBy))
      .where(where)
      .$dynamic();
  }
}
