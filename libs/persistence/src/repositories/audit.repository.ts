import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, lt, SQL } from 'drizzle-orm';
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

  list(filter: { entityType?: string; entityId?: string; userId?: number; beforeId?: number; limit: number }): AuditRecord[] {
    const where: SQL[] = [];
    if (filter.entityType) where.push(eq(t.auditLog.entityType, filter.entityType));
    if (filter.entityId) where.push(eq(t.auditLog.entityId, filter.entityId));
    if (filter.userId) where.push(eq(t.auditLog.userId, filter.userId));
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
      .all();
  }
}
