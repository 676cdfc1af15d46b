import { daysBetween } from './dates';

export type Frequency = 'monthly' | 'quarterly' | 'yearly';

/**
 * How old an indicator's latest value may be before it is stale: its reporting period plus the
 * usual delay before a figure is published (one month, 45 days, one quarter).
 */
export const STALENESS_ALLOWANCE_DAYS: Record<Frequency, number> = { monthly: 62, quarterly: 137, yearly: 456 };

/** No value at all is not "stale" but "no data", listed separately. */
export function isStale(input: { latestObservedAt: string | null; frequency: Frequency; asOf: string }): boolean {
  if (!input.latestObservedAt) return false;
  return daysBetween(input.latestObservedAt, input.asOf) > STALENESS_ALLOWANCE_DAYS[input.frequency];
}
