import { wallClockInZone } from '@app/common';

/** How many failed sign-ins in a row lock an account, and for how long (LOGIN_LOCKOUT_ATTEMPTS, LOGIN_LOCKOUT_MINUTES). */
export interface LockoutPolicy {
  attempts: number;
  minutes: number;
}

/** Whether an account is locked at `now`: its lockout ends at `lockedUntil` (an ISO instant; text order is time order). */
export function isLocked(account: { lockedUntil: string | null }, now: Date): boolean {
  return account.lockedUntil !== null && account.lockedUntil > now.toISOString();
}

/** When a lockout that starts at `now` ends. */
export function lockoutEnd(now: Date, policy: LockoutPolicy): string {
  return new Date(now.getTime() + policy.minutes * 60_000).toISOString();
}

/**
 * The parameters of the "account locked" message: the failures that locked it and the wall-clock
 * time it can be tried again, in the service's time zone ("14 h 32" / "14:32" is the catalogue's
 * business). Hours and minutes are text so that "05" keeps its zero.
 */
export function lockoutParams(lockedUntil: string, policy: LockoutPolicy, timeZone: string): { attempts: number; hour: string; minute: string } {
  const local = wallClockInZone(new Date(lockedUntil), timeZone);
  // A lockout ending at 14:32:10 is over at 14:33 at the latest: never name a minute when it still holds.
  const rounded = new Date(Math.ceil(local.getTime() / 60_000) * 60_000);
  return {
    attempts: policy.attempts,
    hour: String(rounded.getUTCHours()).padStart(2, '0'),
    minute: String(rounded.getUTCMinutes()).padStart(2, '0'),
  };
}
