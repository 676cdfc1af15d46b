import { Injectable } from '@nestjs/common';
import { lt, sql } from 'drizzle-orm';
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

  /** Forgets the windows that started before `window` (they no longer count). */
  async pruneBefore(window: string): Promise<void> {
    const { db, t } = this.database;
    await db.delete(t.rateLimits).where(lt(t.rateLimits.window, window));
  }
}
