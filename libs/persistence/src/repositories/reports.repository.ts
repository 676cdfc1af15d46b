import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, isNull, lt, SQL } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Tables } from '@db/schema';
import { Database } from '../database';

export type ReportRecord = Tables['reports']['$inferSelect'];
export type ReportSummary = Omit<ReportRecord, 'content' | 'statuses' | 'scriptHashes'>;

/** Everything but the file and what the next report compares against: what a list shows. */
function summaryColumns(t: Tables) {
  return {
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
}

/**
 * The archive of published reports. The files themselves are in the database (`content`), so every
 * instance serves every report, whichever made it.
 */
@Injectable()
export class ReportsRepository {
  /** The last id made here: ids made in the same millisecond count on from it. */
  private last = { ms: 0, seq: 0 };

  constructor(private readonly database: Database) {}

  /**
   * A new report id: a UUID (version 7) that begins with the creation instant, then a counter, so
   * that ids sort in the order the reports were made. Reports made in the same millisecond (a batch,
   * or tests on a fixed clock) then list newest first on both engines: PostgreSQL has no rowid to
   * break the tie with.
   */
  newId(at: Date): string {
    let ms = at.getTime();
    let seq = 0;
    if (ms <= this.last.ms) {
      ms = this.last.ms;
      seq = this.last.seq + 1;
      // 12 bits of counter: past 4,096 ids in one millisecond, borrow the next one.
      if (seq > 0xfff) [ms, seq] = [ms + 1, 0];
    }
    this.last = { ms, seq };
    const random = randomBytes(8);
    random[0] = (random[0] & 0x3f) | 0x80; // the RFC 9562 variant
    const hex = `${ms.toString(16).padStart(12, '0')}7${seq.toString(16).padStart(3, '0')}${random.toString('hex')}`;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  async insert(report: Tables['reports']['$inferInsert']): Promise<void> {
    const { db, t } = this.database;
    await db.insert(t.reports).values(report);
  }

  async findById(id: string): Promise<ReportRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select().from(t.reports).where(eq(t.reports.id, id)).limit(1);
    return row;
  }

  /** Newest first; reports made at the same instant, the last made first (ids sort as they were made). */
  async list(filter: { kind?: string; scope?: string; period?: string; limit: number; offset: number }): Promise<ReportSummary[]> {
    const { db, t } = this.database;
    const where: SQL[] = [];
    if (filter.kind) where.push(eq(t.reports.kind, filter.kind as ReportRecord['kind']));
    if (filter.scope) where.push(eq(t.reports.scope, filter.scope));
    if (filter.period) where.push(eq(t.reports.period, filter.period));
    return db
      .select(summaryColumns(t))
      .from(t.reports)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(t.reports.createdAt), desc(t.reports.id))
      .limit(filter.limit)
      .offset(filter.offset);
  }

  /** The latest report of the same kind and scope with an earlier as-of date: "the previous report". */
  async previous(kind: string, scope: string | null, asOf: string): Promise<ReportRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db
      .select()
      .from(t.reports)
      .where(
        and(eq(t.reports.kind, kind as ReportRecord['kind']), scope === null ? isNull(t.reports.scope) : eq(t.reports.scope, scope), lt(t.reports.asOf, asOf)),
      )
      .orderBy(desc(t.reports.asOf), desc(t.reports.createdAt), desc(t.reports.id))
      .limit(1);
    return row;
  }

  async count(): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.select({ n: count() }).from(t.reports);
    return row.n;
  }
}
