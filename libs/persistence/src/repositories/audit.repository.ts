import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, lt, lte, SQL, sql } from 'drizzle-orm';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE } from '../tokens';

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
  constructor(@Inject(DRIZZLE) private readonly db: Db) {}

  /** Called inside the write's own transaction, so the audit entry and the change land together. */
  record(entry: AuditEntry): void {
    this.db
      .insert(t.auditLog)
      .values({
        ...entry,
        entityId: entry.entityId === null ? null : String(entry.entityId),
        before: entry.before ?? null,
        after: entry.after ?? null,
      })
      .run();
  }

  list(filter: AuditFilter & { beforeId?: number; limit: number; offset?: number }): AuditRecord[] {
    const where = this.where(filter);
    if (filter.beforeId) where.push(lt(t.auditLog.id, filter.beforeId));
    return this.db
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
      .offset(filter.offset ?? 0)
      .all();
  }

  /** How many entries match: for paging. */
  count(filter: AuditFilter): number {
    const where = this.where(filter);
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(t.auditLog)
      .where(where.length ? and(...where) : undefined)
      .get()!.n;
  }

  /** The actions and entity types that occur, for filter lists. */
  kinds(): { actions: string[]; entityTypes: string[] } {
    const actions = this.db.selectDistinct({ v: t.auditLog.action }).from(t.auditLog).orderBy(asc(t.auditLog.action)).all();
    const types = this.db.selectDistinct({ v: t.auditLog.entityType }).from(t.auditLog).orderBy(asc(t.auditLog.entityType)).all();
    return { actions: actions.map((r) => r.v), entityTypes: types.map((r) => r.v) };
  }

  private where(filter: AuditFilter): SQL[] {
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
