import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gt, lt, lte, SQL } from 'drizzle-orm';
import { Database } from '../database';

export interface AuditEntry {
  at: string;
  userId: number | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}
export interface AuditRecord extends Omit<AuditEntry, 'entityId'> {
  id: number;
  entityId: string | null;
  userEmail: string | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  userId?: number;
  action?: string;
  /** Entries strictly after this instant (ISO). */
  after?: string;
  /** Entries up to this instant (ISO). */
  until?: string;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly database: Database) {}

  /** Called inside the write's own transaction, so the audit entry and the change land together. */
  async record(entry: AuditEntry): Promise<void> {
    const { db, t } = this.database;
    await db.insert(t.auditLog).values({
      ...entry,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }

  async list(filter: AuditFilter & { beforeId?: number; limit: number; offset?: number }): Promise<AuditRecord[]> {
    const { db, t } = this.database;
    const where = this.where(filter);
    if (filter.beforeId) where.push(lt(t.auditLog.id, filter.beforeId));
    return await db
      .select({
        id: t.auditLog.id,
        at: t.auditLog.at,
        userId: t.auditLog.userId,
        userEmail: t.users.email,
        action: t.auditLog.action,
        entityType: t.auditLog.entityType,
        entityId: t.auditLog.entityId,
        before: t.auditLog.before,
        after: t.auditLog.after,
      })
      .from(t.auditLog)
      .leftJoin(t.users, eq(t.users.id, t.auditLog.userId))
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(t.auditLog.id))
      .limit(filter.limit)
      .offset(filter.offset ?? 0);
  }

  /** How many entries match: for paging. */
  async count(filter: AuditFilter): Promise<number> {
    const { db, t } = this.database;
    const where = this.where(filter);
    const [row] = await db
      .select({ n: count() })
      .from(t.auditLog)
      .where(where.length ? and(...where) : undefined);
    return row.n;
  }

  /** The actions and entity types that occur, for filter lists. */
  async kinds(): Promise<{ actions: string[]; entityTypes: string[] }> {
    const { db, t } = this.database;
    const actions = await db.selectDistinct({ v: t.auditLog.action }).from(t.auditLog).orderBy(asc(t.auditLog.action));
    const types = await db.selectDistinct({ v: t.auditLog.entityType }).from(t.auditLog).orderBy(asc(t.auditLog.entityType));
    return { actions: actions.map((r) => r.v), entityTypes: types.map((r) => r.v) };
  }

  private where(filter: AuditFilter): SQL[] {
    const { t } = this.database;
    const where: SQL[] = [];
    if (filter.entityType) where.push(eq(t.auditLog.entityType, filter.entityType));
    if (filter.entityId) where.push(eq(t.auditLog.entityId, filter.entityId));
    if (filter.userId) where.push(eq(t.auditLog.userId, filter.userId));
    if (filter.action) where.push(eq(t.auditLog.action, filter.action));
    // Instants (ISO, UTC): entries after `after` and up to `until`.
    if (filter.after) where.push(gt(t.auditLog.at, filter.after));
    if (filter.until) where.push(lte(t.auditLog.at, filter.until));
    return where;
  }
}
