import { describe, expect, it } from 'vitest';
import { evaluateIndicator, Observation, Status, TargetInput } from '@app/status';

/**
 * Objective 1-1's shape: 250 by 2023-12-31, then 400 by 2026-12-31, from 0 on 2022-12-31.
 *   target 250: 365 days from baseline to due; target 400: 1461 days (2024 is a leap year).
 *   A value of 200 on 2023-12-31 (day 365):
 *     for 250: e = 250·365/365 = 250, r = 200/250 = 0.8 → at_risk
 *     for 400: e = 400·365/1461 = 99.9315537303217, r = 200·1461/146000 = 2.0013698630136987 → on_track
 */
const T250: TargetInput = { value: 250, dueDate: '2023-12-31', exclusive: false };
const T400: TargetInput = { value: 400, dueDate: '2026-12-31', exclusive: false };
const baseline: Observation = { value: 0, date: '2022-12-31' };
const v200: Observation = { value: 200, date: '2023-12-31' };

describe('evaluateIndicator picks the earliest target not yet due', () => {
  it.each<[string, TargetInput[], Observation | null, string, number, Status, Status[]]>([
    ['asOf = first due date → the first target', [T250, T400], v200, '2023-12-31', 0, 'at_risk', ['at_risk', 'on_track']],
    ['the day after → the second target', [T250, T400], v200, '2024-01-01', 1, 'on_track', ['missed', 'on_track']],
    // 100 on 2023-06-30 (day 181): for 250 e = 250·181/365 = 123.97, r = 0.8066; for 400 e = 400·181/1461 = 49.56, r = 2.018.
    ['before every due date → the first target', [T250, T400], { value: 100, date: '2023-06-30' }, '2023-06-30', 0, 'at_risk', ['at_risk', 'on_track']],
    // 390 < 400 and 2027-01-01 > 2026-12-31: both missed; the last target decides.
    ['all due → the last target (missed)', [T250, T400], { value: 390, date: '2026-12-31' }, '2027-01-01', 1, 'missed', ['achieved', 'missed']],
    ['all due → the last target (achieved)', [T250, T400], { value: 400, date: '2026-12-31' }, '2027-01-01', 1, 'achieved', ['achieved', 'achieved']],
    // Input order is kept in the report: index 1 is T250 here.
    ['unsorted input, asOf 2023-12-31 → input index 1', [T400, T250], v200, '2023-12-31', 1, 'at_risk', ['on_track', 'at_risk']],
    ['unsorted input, asOf 2024-01-01 → input index 0', [T400, T250], v200, '2024-01-01', 0, 'on_track', ['on_track', 'missed']],
    [
      'unsorted input, all due → input index 0 (latest due)',
      [T400, T250],
      { value: 390, date: '2026-12-31' },
      '2027-01-01',
      0,
      'missed',
      ['missed', 'achieved'],
    ],
    ['single target', [T400], v200, '2024-01-01', 0, 'on_track', ['on_track']],
    ['no value → no_data from the current target', [T250, T400], null, '2024-01-01', 1, 'no_data', ['no_data', 'no_data']],
    // Same due date: the first in input order is current (stable sort); 200 ≥ 150 reaches the second.
    ['two targets due the same day → the first given', [T250, { ...T250, value: 150 }], v200, '2023-12-31', 0, 'at_risk', ['at_risk', 'achieved']],
  ])('%s', (_name, targets, latest, asOf, index, status, statuses) => {
    const r = evaluateIndicator({ targets, direction: 'increase', method: 'linear', baseline, latest, asOf });
    expect(r.currentTargetIndex).toBe(index);
    expect(r.status).toBe(status);
    expect(r.targets.map((t) => t.status)).toEqual(statuses);
  });

  it('reports each target evaluation against its own target, in input order', () => {
    const r = evaluateIndicator({ targets: [T400, T250], direction: 'increase', method: 'linear', baseline, latest: v200, asOf: '2023-12-31' });
    expect(r.targets[0].expected).toBeCloseTo(99.9315537303217, 9);
    expect(r.targets[0].ratio).toBeCloseTo(2.0013698630136987, 9);
    expect(r.targets[1].expected).toBe(250);
    expect(r.targets[1].ratio).toBe(0.8);
  });

  it('passes direction, method and thresholds through to the targets', () => {
    // Decreasing 100 → 50 by 2023-12-31 from 2022-12-31; 60 on the due date.
    const input = {
      targets: [{ value: 50, dueDate: '2023-12-31', exclusive: false }],
      direction: 'decrease' as const,
      method: 'cagr' as const,
      baseline: { value: 100, date: '2022-12-31' },
      latest: { value: 60, date: '2023-12-31' },
      asOf: '2023-12-31',
    };
    // cagr over 365/365.25 years: required = 0.5^(365.25/365) − 1 = −0.50024, observed = 0.6^(365.25/365) − 1 = −0.40021;
    // r = 0.80004 → at_risk under the defaults, on_track with onTrack 0.75.
    const r = evaluateIndicator(input);
    expect(r.targets[0].methodUsed).toBe('cagr');
    expect(r.status).toBe('at_risk');
    expect(evaluateIndicator({ ...input, thresholds: { onTrack: 0.75, atRisk: 0.5 } }).status).toBe('on_track');
  });

  it('refuses an indicator without targets', () => {
    expect(() => evaluateIndicator({ targets: [], direction: 'increase', method: 'linear', baseline, latest: v200, asOf: '2024-01-01' })).toThrow(
      /at least one target/,
    );
  });
});
