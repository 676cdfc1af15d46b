import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, isStatus, Status, STATUS_ORDER, statusFromRatio, Thresholds, validateThresholds, worstStatus } from '@app/status';

// Written out here rather than read from STATUS_ORDER, so a change to the engine's order fails the tests.
const WORST_FIRST: Status[] = ['missed', 'deteriorating', 'off_track', 'at_risk', 'no_data', 'insufficient_data', 'not_started', 'on_track', 'achieved'];

describe('STATUS_ORDER and worstStatus', () => {
  it('orders the nine statuses worst first', () => {
    expect(STATUS_ORDER).toEqual(WORST_FIRST);
  });

  // Every pair (a worse than or equal to b), each in both orders: 45 pairs.
  const pairs = WORST_FIRST.flatMap((a, i) => WORST_FIRST.slice(i).map((b) => [a, b] as const));
  it.each(pairs)('worst of %s and %s is %s, in either order', (a, b) => {
    expect(worstStatus([a, b])).toBe(a);
    expect(worstStatus([b, a])).toBe(a);
  });

  it.each<[Status[], Status]>([
    [['achieved'], 'achieved'],
    [['no_data'], 'no_data'],
    [['achieved', 'on_track', 'not_started'], 'not_started'],
    [['on_track', 'no_data', 'not_started', 'achieved'], 'no_data'],
    [['at_risk', 'missed', 'achieved', 'deteriorating'], 'missed'],
    [['on_track', 'on_track'], 'on_track'],
  ])('worst of %j is %s', (list, worst) => {
    expect(worstStatus(list)).toBe(worst);
  });

  it.each<[string, Status[], RegExp]>([
    ['an empty list', [], /at least one status/],
    ['an unknown status', ['achieved', 'done' as Status], /Unknown status "done"/],
    ['an unknown status first', ['late' as Status, 'missed'], /Unknown status "late"/],
  ])('refuses %s', (_name, list, error) => {
    expect(() => worstStatus(list)).toThrow(error);
  });

  it.each<[unknown, boolean]>([
    ['missed', true],
    ['achieved', true],
    ['no_data', true],
    ['done', false],
    ['Missed', false],
    ['', false],
    [null, false],
    [3, false],
  ])('isStatus(%j) is %s', (value, ok) => {
    expect(isStatus(value)).toBe(ok);
  });
});

describe('thresholds', () => {
  it('defaults to 0.95 and 0.60', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ onTrack: 0.95, atRisk: 0.6 });
  });

  it.each<[Thresholds]>([[{ onTrack: 0.95, atRisk: 0.6 }], [{ onTrack: 1, atRisk: 0.5 }], [{ onTrack: 0.5, atRisk: 0.4 }], [{ onTrack: 0.02, atRisk: 0.01 }]])(
    'accepts %j',
    (t) => {
      expect(() => validateThresholds(t)).not.toThrow();
    },
  );

  it.each<[string, Thresholds]>([
    ['atRisk 0', { onTrack: 0.95, atRisk: 0 }],
    ['atRisk negative', { onTrack: 0.95, atRisk: -0.1 }],
    ['atRisk = onTrack', { onTrack: 0.6, atRisk: 0.6 }],
    ['atRisk > onTrack', { onTrack: 0.5, atRisk: 0.6 }],
    ['onTrack > 1', { onTrack: 1.01, atRisk: 0.6 }],
    ['onTrack NaN', { onTrack: Number.NaN, atRisk: 0.6 }],
    ['atRisk NaN', { onTrack: 0.95, atRisk: Number.NaN }],
    ['onTrack Infinity', { onTrack: Number.POSITIVE_INFINITY, atRisk: 0.6 }],
  ])('refuses %s', (_name, t) => {
    expect(() => validateThresholds(t)).toThrow(/Thresholds must satisfy 0 < atRisk < onTrack ≤ 1/);
  });
});

describe('statusFromRatio', () => {
  it.each<[number, Status]>([
    [2, 'on_track'],
    [1, 'on_track'],
    [0.95, 'on_track'],
    // 0.95 − 1e-12 rounds to 0.95 at 9 decimals: floating-point noise is not a status change.
    [0.95 - 1e-12, 'on_track'],
    [0.9499999, 'at_risk'],
    [0.9499, 'at_risk'],
    [0.6, 'at_risk'],
    [0.6 - 1e-12, 'at_risk'],
    [0.5999, 'off_track'],
    [0, 'off_track'],
    [-1e-12, 'off_track'],
    [-0.0001, 'deteriorating'],
    [-5, 'deteriorating'],
  ])('r = %s → %s (default thresholds)', (r, status) => {
    expect(statusFromRatio(r)).toBe(status);
  });

  it.each<[number, Status]>([
    [0.8, 'on_track'],
    [0.7999, 'at_risk'],
    [0.3, 'at_risk'],
    [0.2999, 'off_track'],
  ])('r = %s → %s (thresholds 0.8 / 0.3)', (r, status) => {
    expect(statusFromRatio(r, { onTrack: 0.8, atRisk: 0.3 })).toBe(status);
  });

  it('refuses NaN', () => {
    expect(() => statusFromRatio(Number.NaN)).toThrow(/not a number/);
  });
});
