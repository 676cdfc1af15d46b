import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Tables } from '@db/schema';
import { Database } from '../database';

export type OutboxRecord = Tables['outbox']['$inferSelect'];
export type OutboxState = OutboxRecord['state'];
export const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'sending', 'sent', 'failed'];

/** A message to queue: rendered already (subject, HTML and text), with the key that makes queuing idempotent. */
export interface NewOutboxMessage {
  key: string;
  template: string;
  userId: number | null;
  toAddress: string;
  lang: 'fr' | 'en';
  subject: string;
  html: string;
  text: string;
}

/**
 * The mail outbox. Messages are queued inside the caller's transaction (with the event that causes
 * them), then claimed, sent and marked by the outbox worker. A claim moves a message to `sending`
 * until `claimedUntil`: a message is picked again only if that claim lapsed (the worker died), and a
 * `sent` one never.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly database: Database) {}

  /** Queues a message unless one with the same key exists; true when queued now. */
  async enqueue(message: NewOutboxMessage, now: string): Promise<boolean> {
    const { db, t } = this.database;
    const queued = await db
      .insert(t.outbox)
      .values({ ...message, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now })
      .onConflictDoNothing({ target: t.outbox.key })
      .returning({ id: t.outbox.id });
    return queued.length === 1;
  }

  /** What is due at `now`: pending and due, or `sending` with a lapsed claim. */
  private dueAt(now: string) {
    const { t } = this.database;
    return or(and(eq(t.outbox.state, 'pending'), lte(t.outbox.nextAttemptAt, now)), and(eq(t.outbox.state, 'sending'), lt(t.outbox.claimedUntil, now)));
  }

  /** Whether anything is due at `now`: read outside any unit, so an idle poll takes no write lock. */
  async anyDue(now: string): Promise<boolean> {
    const { db, t } = this.database;
    const rows = await db.select({ id: t.outbox.id }).from(t.outbox).where(this.dueAt(now)).limit(1);
    return rows.length > 0;
  }

  /**
   * Claims up to `limit` messages due at `now`: each becomes `sending` until `claimedUntil`, its
   * attempt counted. Runs inside a Transactor unit: units queue on SQLite's write lock and, on
   * PostgreSQL, on the write advisory lock every unit takes first, so choosing and marking are one
   * step and two workers (two server instances) never claim the same message.
   */
  async claimDue(now: string, claimedUntil: string, limit: number): Promise<OutboxRecord[]> {
    if (!this.database.inTransaction) throw new Error('The outbox is claimed inside a unit of work (Transactor.run)');
    const { db, t } = this.database;
    const due = this.dueAt(now);
    const dueRows = await db.select({ id: t.outbox.id }).from(t.outbox).where(due).orderBy(asc(t.outbox.nextAttemptAt), asc(t.outbox.id)).limit(limit);
    const ids = dueRows.map((r) => r.id);
    if (!ids.length) return [];
    const claimed = await db
      .update(t.outbox)
      .set({ state: 'sending', claimedUntil, attempts: sql`${t.outbox.attempts} + 1` })
      .where(and(inArray(t.outbox.id, ids), due))
      .returning();
    return claimed.sort((a, b) => a.id - b.id);
  }

  /** Sent: never picked again. Only a message still claimed (`sending`) changes. */
  async markSent(id: number, at: string, messageId: string): Promise<void> {
    const { db, t } = this.database;
    await db
      .update(t.outbox)
      .set({ state: 'sent', sentAt: at, messageId, claimedUntil: null, lastError: null })
      .where(and(eq(t.outbox.id, id), eq(t.outbox.state, 'sending')));
  }

  /** A failed attempt to be tried again at `nextAttemptAt`. */
  async markRetry(id: number, nextAttemptAt: string, error: string): Promise<void> {
    const { db, t } = this.database;
    await db
      .update(t.outbox)
      .set({ state: 'pending', nextAttemptAt, claimedUntil: null, lastError: error })
      .where(and(eq(t.outbox.id, id), eq(t.outbox.state, 'sending')));
  }

  /** Failed for good (retries exhausted), with the last error. */
  async markFailed(id: number, error: string): Promise<void> {
    const { db, t } = this.database;
    await db
      .update(t.outbox)
      .set({ state: 'failed', claimedUntil: null, lastError: error })
      .where(and(eq(t.outbox.id, id), eq(t.outbox.state, 'sending')));
  }

  async find(id: number): Promise<OutboxRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select().from(t.outbox).where(eq(t.outbox.id, id)).limit(1);
    return row;
  }

  /** Newest first, optionally of one state. */
  async list(filter: { state?: OutboxState; limit: number; offset?: number }): Promise<OutboxRecord[]> {
    const { db, t } = this.database;
    return db
      .select()
      .from(t.outbox)
      .where(filter.state ? eq(t.outbox.state, filter.state) : undefined)
      .orderBy(desc(t.outbox.id))
      .limit(filter.limit)
      .offset(filter.offset ?? 0);
  }

  async count(state?: OutboxState): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db
      .select({ n: count() })
      .from(t.outbox)
      .where(state ? eq(t.outbox.state, state) : undefined);
    return row.n;
  }

  /** How many messages are in each state (every state present, 0 when none). */
  async countsByState(): Promise<Record<OutboxState, number>> {
    const { db, t } = this.database;
    const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
    const rows = await db.select({ state: t.outbox.state, n: count() }).from(t.outbox).groupBy(t.outbox.state);
    for (const r of rows) counts[r.state] = r.n;
    return counts;
  }
}
