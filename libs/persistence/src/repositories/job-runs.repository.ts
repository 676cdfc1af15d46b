import { Injectable } from '@nestjs/common';
import { and, desc, eq } from 'drizzle-orm';
import type { Tables } from '@db/schema';
import { Database } from '../database';

export type JobRunRecord = Tables['jobRuns']['$inferSelect'];

/** Each run of a scheduled job, with its attempts and outcome. */
@Injectable()
export class JobRunsRepository {
  constructor(private readonly database: Database) {}

  async start(job: string, runKey: string, attempt: number, at: string): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.jobRuns).values({ job, runKey, attempt, status: 'running', startedAt: at }).returning({ id: t.jobRuns.id });
    return row.id;
  }

  async finish(id: number, status: 'succeeded' | 'failed', at: string, error: string | null, detail: unknown = null): Promise<void> {
    const { db, t } = this.database;
    await db.update(t.jobRuns).set({ status, finishedAt: at, error, detail }).where(eq(t.jobRuns.id, id));
  }

  /** Whether a run of this job for this key succeeded (on any instance). */
  async succeeded(job: string, runKey: string): Promise<boolean> {
    const { db, t } = this.database;
    const rows = await db
      .select({ id: t.jobRuns.id })
      .from(t.jobRuns)
      .where(and(eq(t.jobRuns.job, job), eq(t.jobRuns.runKey, runKey), eq(t.jobRuns.status, 'succeeded')))
      .limit(1);
    return rows.length > 0;
  }

  /** The latest runs first (ids grow with time). */
  async list(job?: string, limit = 50): Promise<JobRunRecord[]> {
    const { db, t } = this.database;
    return db
      .select()
      .from(t.jobRuns)
      .where(job ? eq(t.jobRuns.job, job) : undefined)
      .orderBy(desc(t.jobRuns.id))
      .limit(limit);
  }
}
