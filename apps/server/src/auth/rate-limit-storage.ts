import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitsRepository } from '@app/persistence';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The throttler's hit counts, kept in the database (RateLimitsRepository) so that the sign-in limit
 * holds across every server instance: a client cannot multiply its attempts by the number of
 * instances behind the load balancer. Hits are counted in fixed windows (one `ttl` long: a minute for
 * sign-in); the previous window's hits count in proportion to the part of it still within the last
 * `ttl`, so that attempts on both sides of a window's end are not given twice the limit. Time is the
 * real time, as the attempts are.
 */
@Injectable()
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  /** The window this instance last pruned before: each instance prunes at most once per window. */
  private prunedBefore = '';

  constructor(private readonly rateLimits: RateLimitsRepository) {}

  /** `key` is the throttler's own: a hash of the route, the throttler's name and the client's address. */
  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const start = Math.floor(now / ttl) * ttl;
    // ISO instants: text order is time order, so older windows are those that sort before.
    const window = new Date(start).toISOString();
    const previousWindow = new Date(start - ttl).toISOString();
    const current = await this.rateLimits.hit(key, window);
    const previous = await this.rateLimits.hits(key, previousWindow);
    await this.pruneNowAndThen(previousWindow);
    // Rounded up: a client at the limit just before a window's end stays over it just after.
    const totalHits = current + Math.ceil((previous * (start + ttl - now)) / ttl);
    const timeToExpire = Math.max(1, Math.ceil((start + ttl - now) / 1000));
    const isBlocked = totalHits > limit;
    return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }

  /**
   * Forgets the windows that no longer count, once per window per instance. The previous window is
   * kept: it still counts, and an instance whose clock is a little behind may still be adding to it.
   */
  private async pruneNowAndThen(before: string): Promise<void> {
    if (before <= this.prunedBefore) return;
    this.prunedBefore = before;
    await this.rateLimits.pruneBefore(before);
  }
}
