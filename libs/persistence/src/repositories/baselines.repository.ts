import { Injectable } from '@nestjs/common';
import { and, desc, eq, lte, sql, SQL } from 'drizzle-orm';
import { Database } from '../database';
import { ONE_ROW, preparedQuery } from '../prepared';

export interface BaselineRecord {
  id: number;
  indicatorId: number;
  value: number;
  baselineDate: string;
  source: string | null;
  comment: string | null;
  recordedBy: number;
  recordedByEmail: string;
  recordedAt: string;
}

/** Baselines set by hand; the latest recorded as of a cut-off applies (history kept for audit). */
@Injectable()
export class BaselinesRepository {
  /** The status engine's lookup, once per indicator evaluated: prepared on first use (see preparedQuery). */
  private readonly latest;

  constructor(private readonly database: Database) {
    this.latest = preparedQuery(database, 'baselines_latest_as_of', (_db, t) => {
      const b = t.indicatorBaselines;
      return this.records(and(eq(b.indicatorId, sql.placeholder('indicatorId')), lte(b.recordedAt, sql.placeholder('cutoff')))!)
        .orderBy(desc(b.recordedAt), desc(b.id))
        .limit(ONE_ROW);
    });
  }

  async insert(b: Omit<BaselineRecord, 'id' | 'recordedByEmail'>): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.indicatorBaselines).values(b).returning({ id: t.indicatorBaselines.id });
    return row.id;
  }

  async latestAsOf(indicatorId: number, cutoff: string): Promise<BaselineRecord | undefined> {
    const [row] = await this.latest({ indicatorId, cutoff });
    return row;
  }

  async history(indicatorId: number): Promise<BaselineRecord[]> {
    const b = this.database.t.indicatorBaselines;
    return this.records(eq(b.indicatorId, indicatorId)).orderBy(desc(b.recordedAt), desc(b.id));
  }

  /** Baselines with the email of who recorded them. */
  private records(where: SQL) {
    const { db, t } = this.database;
    const b = t.indicatorBaselines;
    return db
      .select({
        id: b.id,
        indicatorId: b.indicatorId,
        value: b.value,
        baselineDate: b.baselineDate,
        source: b.source,
        comment: b.comment,
        recordedBy: b.recordedBy,
        recordedByEmail: t.users.email,
        recordedAt: b.recordedAt,
      })
      .from(b)
      .innerJoin(t.users, eq(t.users.id, b.recordedBy))
      .where(where)
      .$dynamic();
  }
}
