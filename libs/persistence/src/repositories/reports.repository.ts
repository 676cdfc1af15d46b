import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNull, lt, SQL, sql } from 'drizzle-orm';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE } from '../tokens';

export type ReportRecord = typeof t.reports.$inferSelect;
export type ReportSummary = Omit<ReportRecord, 'content' | 'statuses' | 'scriptHashes'>;

const SUMMARY_COLUMNS = {
  id: t.reports.id,
  kind: t.reports.kind,
  scope: t.reports.scope,
  period: t.reports.period,
  asOf: t.reports.asOf,
  format: t.reports.format,
  lang: t.reports.lang,
  trigger: t.reports.trigger,
  createdAt: t.reports.createdAt,
  createdBy: t.reports.createdBy,
  dataHash: t.reports.dataHash,
  fileHash: t.reports.fileHash,
  byteSize: t.reports.byteSize,
};

/** The archive of published reports. */
@Injectable()
export class ReportsRepository {
  constructor(@Inject(DRIZZLE) private readonly db: Db) {}

  insert(report: typeof t.reports.$inferInsert): void {
    this.db.insert(t.reports).values(report).run();
  }

  findById(id: string): ReportRecord | undefined {
    return this.db.select().from(t.reports).where(eq(t.reports.id, id)).get();
  }

  list(filter: { kind?: string; scope?: string; period?: string; limit: number; offset: number }): ReportSummary[] {
    const where: SQL[] = [];
    if (filter.kind) where.push(eq(t.reports.kind, filter.kind as ReportRecord['kind']));
    if (filter.scope) where.push(eq(t.reports.scope, filter.scope));
    if (filter.period) where.push(eq(t.reports.period, filter.period));
    return this.db
      .select(SUMMARY_COLUMNS)
      .from(t.reports)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(t.reports.createdAt), desc(sql`rowid`))
      .limit(filter.limit)
      .offset(filter.offset)
      .all();
  }

  /** The latest report of the same kind and scope with an earlier as-of date: "the previous report". */
  previous(kind: string, scope: string | null, asOf: string): ReportRecord | undefined {
    return this.db
      .select()
      .from(t.reports)
      .where(
        and(eq(t.reports.kind, kind as ReportRecord['kind']), scope === null ? isNull(t.reports.scope) : eq(t.reports.scope, scope), lt(t.reports.asOf, asOf)),
      )
      .orderBy(desc(t.reports.asOf), desc(t.reports.createdAt), desc(sql`rowid`))
      .limit(1)
      .get();
  }

  count(): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(t.reports)
      .get()!.n;
  }
}
