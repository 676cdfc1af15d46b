import { Injectable } from '@nestjs/common';
import { and, eq, lt, sql } from 'drizzle-orm';
import { Database } from '../database';

/**
 * Hits per key (a client's sign-in attempts) and fixed window, counted in the database so that a limit
 * holds across every server instance.
 */
@Injectable()
export class RateLimitsRepository {
  constructor(private readonly database: Database) {}

  /** Counts one more hit in the window and returns the window's total, in one statement. */
  async hit(key: string, window: string): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db
      .insert(t.rateLimits)
      .values({ key, window, hits: 1 })
      .onConflictDoUpdate({ target: [t.rateLimits.key, t.rateLimits.window], set: { hits: sql`${t.rateLimits.hits} + 1` } })
      .returning({ hits: t.rateLimits.hits });
    return row.hits;
  }

  /** The hits counted in one window (0 when none). */
  async hits(key: string, window: string): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db
      .select({ hits: t.rateLimits.hits })
      .from(t.rateLimits)
      .where(and(eq(t.rateLimits.key, key), eq(t.rateLimits.window, window)))
      .limit(1);
    return row?.hits ?? 0;
  }

  /** Forgets the windows that started before `window` (they no longer count). */
  async pruneBefore(window: string): Promise<void> {
    const { db, t } = this.database;
    await db.delete(t.rateLimits).where(lt(t.rateLimits.window, window));
  }
}
