import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, lte, notInArray, SQL } from 'drizzle-orm';
import { Database } from '../database';

/**
 * What a web page keeps between two requests (a checked file waiting for its confirmation, a value
 * shown once, a form's one-time key): in the database, so that the next request may reach any
 * server instance. Each state has a purpose, may belong to a user, and expires; an expired state is
 * never read, and `pruneExpired` deletes it. Instants are ISO-8601 text (text order is time order).
 */
@Injectable()
export class WebStatesRepository {
  constructor(private readonly database: Database) {}

  /** Stores a state under its key, replacing whatever the key held. */
  async put(key: string, purpose: string, userId: number | null, value: unknown, expiresAt: string): Promise<void> {
    const { db, t } = this.database;
    await db
      .insert(t.webStates)
      .values({ key, purpose, userId, value, expiresAt })
      .onConflictDoUpdate({ target: t.webStates.key, set: { purpose, userId, value, expiresAt } });
  }

  /**
   * Stores a state only if its key is free (never used, or expired at `now`): true when this call
   * took the key. Two requests claiming one key at once, on any instances, get one true.
   */
  async claim(key: string, purpose: string, userId: number | null, value: unknown, expiresAt: string, now: string): Promise<boolean> {
    const { db, t } = this.database;
    await db.delete(t.webStates).where(and(eq(t.webStates.key, key), lte(t.webStates.expiresAt, now)));
    const taken = await db
      .insert(t.webStates)
      .values({ key, purpose, userId, value, expiresAt })
      .onConflictDoNothing({ target: t.webStates.key })
      .returning({ key: t.webStates.key });
    return taken.length === 1;
  }

  /** The value of a live state of this purpose (and of this user, when one is given). */
  async get<V>(key: string, purpose: string, now: string, userId?: number): Promise<V | undefined> {
    const { db, t } = this.database;
    const [row] = await db
      .select({ value: t.webStates.value })
      .from(t.webStates)
      .where(this.live(key, purpose, now, userId))
      .limit(1);
    return row ? (row.value as V) : undefined;
  }

  /**
   * The value of a live state, deleted in the same statement: it is read once only, even by two
   * requests asking at the same moment. A state of another user is left where it is.
   */
  async take<V>(key: string, purpose: string, now: string, userId?: number): Promise<V | undefined> {
    const { db, t } = this.database;
    const [row] = await db
      .delete(t.webStates)
      .where(this.live(key, purpose, now, userId))
      .returning({ value: t.webStates.value });
    return row ? (row.value as V) : undefined;
  }

  /** Forgets a state, whoever holds it. */
  async drop(key: string, purpose: string): Promise<void> {
    const { db, t } = this.database;
    await db.delete(t.webStates).where(and(eq(t.webStates.key, key), eq(t.webStates.purpose, purpose)));
  }

  /** Deletes every state expired at `now`; returns how many. */
  async pruneExpired(now: string): Promise<number> {
    const { db, t } = this.database;
    const gone = await db.delete(t.webStates).where(lte(t.webStates.expiresAt, now)).returning({ key: t.webStates.key });
    return gone.length;
  }

  /** Keeps the `keep` states of a purpose that expire last and deletes the others (a bound on what a purpose may hold). */
  async trim(purpose: string, keep: number): Promise<void> {
    const { db, t } = this.database;
    const kept = db
      .select({ key: t.webStates.key })
      .from(t.webStates)
      .where(eq(t.webStates.purpose, purpose))
      .orderBy(desc(t.webStates.expiresAt), asc(t.webStates.key))
      .limit(keep);
    await db.delete(t.webStates).where(and(eq(t.webStates.purpose, purpose), notInArray(t.webStates.key, kept)));
  }

  private live(key: string, purpose: string, now: string, userId?: number): SQL | undefined {
    const { t } = this.database;
    return and(
      eq(t.webStates.key, key),
      eq(t.webStates.purpose, purpose),
      gt(t.webStates.expiresAt, now),
      userId === undefined ? undefined : eq(t.webStates.userId, userId),
    );
  }
}
