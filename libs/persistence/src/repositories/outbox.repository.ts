import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE } from '../tokens';

export type OutboxRecord = typeof t.outbox.$inferSelect;
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
  constructor(@Inject(DRIZZLE) private readonly db: Db) {}

  /** Queues a message unless one with the same key exists; true when queued now. */
  enqueue(message: NewOutboxMessage, now: string): boolean {
    const r = this.db
      .insert(t.outbox)
      .values({ ...message, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now })
      .onConflictDoNothing({ target: t.outbox.key })
      .run();
    return r.changes === 1;
  }

  /**
   * Claims up to `limit` messages due at `now` (pending and due, or sending with a lapsed claim):
   * each becomes `sending` until `claimedUntil`, its attempt counted. Run it in one transaction
   * (the caller's Transactor unit), so two workers never claim the same message.
   */
  claimDue(now: string, claimedUntil: string, limit: number): OutboxRecord[] {
    const due = or(and(eq(t.outbox.state, 'pending'), lte(t.outbox.nextAttemptAt, now)), and(eq(t.outbox.state, 'sending'), lt(t.outbox.claimedUntil, now)));
    const ids = this.db
      .select({ id: t.outbox.id })
      .from(t.outbox)
      .where(due)
      .orderBy(asc(t.outbox.nextAttemptAt), asc(t.outbox.id))
      .limit(limit)
      .all()
      .map((r) => r.id);
    if (!ids.length) return [];
    return this.db
      .update(t.outbox)
      .set({ state: 'sending', claimedUntil, attempts: sql`${t.outbox.attempts} + 1` })
      .where(and(inArray(t.outbox.id, ids), due))
      .returning()
      .all()
      .sort((a, b) => a.id - b.id);
  }

  /** Sent: never picked again. Only a message still claimed (`sending`) changes. */
  markSent(id: number, at: string, messageId: string): void {
    this.db
      .update(t.outbox)
      .set({ state: 'sent', sentAt: at, messageId, claimedUntil: null, lastError: null })
      .where(and(eq(t.outbox.id, id), eq(t.outbox.state, 'sending')))
      .run();
  }

  /** A failed attempt to be tried again at `nextAttemptAt`. */
  markRetry(id: number, nextAttemptAt: string, error: string): void {
    this.db
      .update(t.outbox)
      .set({ state: 'pending', nextAttemptAt, claimedUntil: null, lastError: error })
      .where(and(eq(t.outbox.id, id), eq(t.outbox.state, 'sending')))
      .run();
  }

  /** Failed for good (retries exhausted), with the last error. */
  markFailed(id: number, error: string): void {
    this.db
      .update(t.outbox)
      .set({ state: 'failed', claimedUntil: null, lastError: error })
      .where(and(eq(t.outbox.id, id), eq(t.outbox.state, 'sending')))
      .run();
  }

  find(id: number): OutboxRecord | undefined {
    return this.db.select().from(t.outbox).where(eq(t.outbox.id, id)).get();
  }

  /** Newest first, optionally of one state. */
  list(filter: { state?: OutboxState; limit: number; offset?: number }): OutboxRecord[] {
    return this.db
      .select()
      .from(t.outbox)
      .where(filter.state ? eq(t.outbox.state, filter.state) : undefined)
      .orderBy(desc(t.outbox.id))
      .limit(filter.limit)
      .offset(filter.offset ?? 0)
      .all();
  }

  count(state?: OutboxState): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(t.outbox)
      .where(state ? eq(t.outbox.state, state) : undefined)
      .get()!.n;
  }

  /** How many messages are in each state (every state present, 0 when none). */
  countsByState(): Record<OutboxState, number> {
    const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
    for (const r of this.db
      .select({ state: t.outbox.state, n: sql<number>`count(*)` })
      .from(t.outbox)
      .groupBy(t.outbox.state)
      .all())
      counts[r.state] = r.n;
    return counts;
  }
}
