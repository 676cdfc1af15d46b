import { describe, expect, it } from 'vitest';
import { Frequency, isStale, STALENESS_ALLOWANCE_DAYS } from '@app/status';

describe('isStale', () => {
  it('allows 62 / 137 / 456 days (period + publication delay)', () => {
    expect(STALENESS_ALLOWANCE_DAYS).toEqual({ monthly: 62, quarterly: 137, yearly: 456 });
  });

  // Stale when asOf − latestObservedAt > allowance; day counts worked out in the comments.
  it.each<[Frequency, string, string, boolean]>([
    ['monthly', '2024-01-31', '2024-04-02', false], // 29 (to Feb 29) + 31 + 2 = 62
    ['monthly', '2024-01-31', '2024-04-03', true], // 63
    ['monthly', '2024-01-31', '2024-01-31', false], // 0
    ['quarterly', '2024-03-31', '2024-08-15', false], // 30 + 31 + 30 + 31 + 15 = 137
    ['quarterly', '2024-03-31', '2024-08-16', true], // 138
    ['quarterly', '2024-03-31', '2024-04-02', false], // 2
    ['yearly', '2023-12-31', '2025-03-31', false], // 366 + 31 + 28 + 31 = 456
    ['yearly', '2023-12-31', '2025-04-01', true], // 457
    ['yearly', '2023-12-31', '2024-12-31', false], // 366
    // A value dated after asOf (negative age) is not stale.
    ['monthly', '2024-05-01', '2024-04-01', false],
  ])('%s value of %s, on %s: stale %s', (frequency, latestObservedAt, asOf, stale) => {
    expect(isStale({ latestObservedAt, frequency, asOf })).toBe(stale);
  });

  it.each<[Frequency]>([['monthly'], ['quarterly'], ['yearly']])('%s: no value at all is not stale (it is no_data)', (frequency) => {
    expect(isStale({ latestObservedAt: null, frequency, asOf: '2030-01-01' })).toBe(false);
  });

  it.each<[string, Parameters<typeof isStale>[0], RegExp]>([
    ['an unknown frequency', { latestObservedAt: '2024-01-01', frequency: 'weekly' as Frequency, asOf: '2024-02-01' }, /Unknown frequency "weekly"/],
    ['a malformed asOf', { latestObservedAt: '2024-01-01', frequency: 'monthly', asOf: '2024-02-30' }, /asOf: not a real date/],
    ['a malformed asOf without value', { latestObservedAt: null, frequency: 'monthly', asOf: '2024-02-30' }, /asOf: not a real date/],
    ['a malformed latest date', { latestObservedAt: '2024-1-1', frequency: 'monthly', asOf: '2024-02-01' }, /latestObservedAt: not a real date/],
  ])('refuses %s', (_name, input, error) => {
    expect(() => isStale(input)).toThrow(error);
  });
});
