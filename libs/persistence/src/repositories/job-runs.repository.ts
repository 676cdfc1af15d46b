import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq } from 'drizzle-orm';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE } from '../tokens';

export type JobRunRecord = typeof t.jobRuns.$inferSelect;

@Injectable()
export class JobRunsRepository {
  constructor(@Inject(DRIZZLE) private readonly db: Db) {}

  start(job: string, runKey: string, attempt: number, at: string): number {
    return this.db.insert(t.jobRuns).values({ job, runKey, attempt, status: 'running', startedAt: at }).returning({ id: t.jobRuns.id }).get().id;
  }

  finish(id: number, status: 'succeeded' | 'failed', at: string, error: string | null, detail: unknown = null): void {
    this.db.update(t.jobRuns).set({ status, finishedAt: at, error, detail }).where(eq(t.jobRuns.id, id)).run();
  }

  succeeded(job: string, runKey: string): boolean {
    return !!this.db
      .select({ id: t.jobRuns.id })
      .from(t.jobRuns)
      .where(and(eq(t.jobRuns.job, job), eq(t.jobRuns.runKey, runKey), eq(t.jobRuns.status, 'succeeded')))
      .get();
  }

  list(job?: string, limit = 50): JobRunRecord[] {
    return this.db
      .select()
      .from(t.jobRuns)
      .where(job ? eq(t.jobRuns.job, job) : undefined)
      .orderBy(desc(t.jobRuns.id))
      .limit(limit)
      .all();
  }
}
