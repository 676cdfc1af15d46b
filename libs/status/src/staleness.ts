import { assertIsoDate, daysBetween } from './dates';

export type Frequency = 'monthly' | 'quarterly' | 'yearly';

/**
 * How old (in days, asOf − observedAt) an indicator's latest value may be before it is stale: the
 * longest reporting period plus the usual delay before a figure is published.
 * monthly 62 = 31 + 31 (one month's delay); quarterly 137 = 92 + 45 (45 days);
 * yearly 456 = 365 + 91 (one quarter).
 */
export const STALENESS_ALLOWANCE_DAYS: Record<Frequency, number> = Object.freeze({
  monthly: 62,
  quarterly: 137,
  yearly: 456,
});

/** Stale once asOf − latestObservedAt exceeds the allowance. No value at all is not stale but no_data, listed separately. */
export function isStale(input: { latestObservedAt: string | null; frequency: Frequency; asOf: string }): boolean {
  const allowance = STALENESS_ALLOWANCE_DAYS[input.frequency];
  if (allowance === undefined) throw new Error(`Unknown frequency ${JSON.stringify(input.frequency)}`);
  assertIsoDate(input.asOf, 'asOf');
  if (input.latestObservedAt == null) return false;
  assertIsoDate(input.latestObservedAt, 'latestObservedAt');
  return daysBetween(input.latestObservedAt, input.asOf) > allowance;
}
