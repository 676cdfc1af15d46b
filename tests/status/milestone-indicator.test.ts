import { describe, expect, it } from 'vitest';
import {
  addDays,
  countStatuses,
  daysBetween,
  emptyCounts,
  evaluateIndicator,
  evaluateMilestone,
  isIsoDate,
  isStale,
  objectiveStatus,
  Status,
  STATUS_ORDER,
  worstStatus,
} from '@app/status';

describe('evaluateMilestone', () => {
  it.each<[string, Parameters<typeof evaluateMilestone>[0], Status, number | null, number]>([
    ['done on time', { dueDate: '2024-06-30', state: 'done', completedOn: '2024-06-30', asOf: '2024-08-01' }, 'achieved', 0, -32],
    ['done 15 days late', { dueDate: '2024-06-30', state: 'done', completedOn: '2024-07-15', asOf: '2024-08-01' }, 'achieved', 15, -32],
    ['done early, asOf before due', { dueDate: '2024-06-30', state: 'done', completedOn: '2024-05-01', asOf: '2024-05-02' }, 'achieved', 0, 59],
    ['not done, one day past due', { dueDate: '2024-06-30', state: 'in_progress', completedOn: null, asOf: '2024-07-01' }, 'missed', 1, -1],
    ['not started, past due', { dueDate: '2024-06-30', state: 'not_started', completedOn: null, asOf: '2025-06-15' }, 'missed', 350, -350],
    ['in progress, due today', { dueDate: '2024-06-30', state: 'in_progress', completedOn: null, asOf: '2024-06-30' }, 'on_track', null, 0],
    ['not started, due today', { dueDate: '2024-06-30', state: 'not_started', completedOn: null, asOf: '2024-06-30' }, 'at_risk', null, 0],
    ['not started, due in exactly 90 days', { dueDate: '2024-06-30', state: 'not_started', completedOn: null, asOf: '2024-04-01' }, 'at_risk', null, 90],
    ['not started, due in 91 days', { dueDate: '2024-06-30', state: 'not_started', completedOn: null, asOf: '2024-03-31' }, 'not_started', null, 91],
    ['not started, 30-day horizon', { dueDate: '2024-06-30', state: 'not_started', completedOn: null, asOf: '2024-05-01', horizonDays: 30 }, 'not_started', null, 60],
  ])('%s', (_name, input, status, daysLate, daysUntilDue) => {
    expect(evaluateMilestone(input)).toEqual({ status, daysLate, daysUntilDue });
  });

  it('refuses a done milestone without a completion date', () => {
    expect(() => evaluateMilestone({ dueDate: '2024-06-30', state: 'done', completedOn: null, asOf: '2024-07-01' })).toThrow(/completion date/);
  });
});

describe('evaluateIndicator', () => {
  // 1-1's shape: 250 by 2023-12-31 and 400 by 2026-12-31, from 0 on 2022-12-31.
  const targets = [
    { value: 250, dueDate: '2023-12-31', exclusive: false },
    { value: 400, dueDate: '2026-12-31', exclusive: false },
  ];
  const baseline = { value: 0, date: '2022-12-31' };
  const evaluate = (asOf: string, latest = { value: 200, date: '2023-12-31' }) =>
    evaluateIndicator({ targets, direction: 'increase', method: 'linear', baseline, latest, asOf });

  it('is judged on the earliest target not yet due (due on asOf counts as not yet due)', () => {
    const r = evaluate('2023-12-31');
    expect(r.currentTargetIndex).toBe(0);
    expect(r.status).toBe('at_risk'); // r = 200/250 = 0.8
  });

  it('moves to the next target the day after', () => {
    const r = evaluate('2024-01-01');
    expect(r.currentTargetIndex).toBe(1);
    expect(r.targets[0].status).toBe('missed');
    // e for 400 on 2023-12-31 = 400·365/1461 = 99.93; r = 200/99.93 = 2.0 → on_track
    expect(r.status).toBe('on_track');
  });

  it('uses the last target once all are due', () => {
    const r = evaluate('2027-03-01', { value: 390, date: '2026-12-31' });
    expect(r.currentTargetIndex).toBe(1);
    expect(r.status).toBe('missed');
  });

  it('reports in input order even when targets are not sorted', () => {
    const r = evaluateIndicator({ targets: [targets[1], targets[0]], direction: 'increase', method: 'linear', baseline, latest: { value: 200, date: '2023-12-31' }, asOf: '2023-06-30' });
    expect(r.currentTargetIndex).toBe(1);
    expect(r.targets[1].expected).toBeCloseTo((250 * 365) / 365, 9);
  });

  it('refuses an indicator without targets', () => {
    expect(() => evaluateIndicator({ targets: [], direction: 'increase', method: 'linear', baseline, latest: null, asOf: '2024-01-01' })).toThrow();
  });
});

describe('roll-ups', () => {
  it('orders statuses worst first', () => {
    expect(STATUS_ORDER).toEqual(['missed', 'deteriorating', 'off_track', 'at_risk', 'no_data', 'not_started', 'on_track', 'achieved']);
  });

  it.each(STATUS_ORDER.flatMap((a, i) => STATUS_ORDER.map((b, j) => [a, b, i <= j ? a : b] as const)))('worst of %s and %s is %s', (a, b, worst) => {
    expect(worstStatus([a, b])).toBe(worst);
    expect(worstStatus([b, a])).toBe(worst);
  });

  it('gives an objective the worst of its parts', () => {
    expect(objectiveStatus(['achieved', 'on_track', 'not_started'])).toBe('not_started');
    expect(objectiveStatus(['achieved'])).toBe('achieved');
    expect(() => objectiveStatus([])).toThrow();
  });

  it('counts every status, zeros included', () => {
    expect(emptyCounts()).toEqual({ missed: 0, deteriorating: 0, off_track: 0, at_risk: 0, no_data: 0, not_started: 0, on_track: 0, achieved: 0 });
    expect(countStatuses(['missed', 'missed', 'achieved'])).toEqual({ ...emptyCounts(), missed: 2, achieved: 1 });
  });
});

describe('staleness', () => {
  it.each([
    ['monthly', '2024-01-31', '2024-04-02', false], // 62 days
    ['monthly', '2024-01-31', '2024-04-03', true], // 63 days
    ['quarterly', '2024-03-31', '2024-08-15', false], // 137 days
    ['quarterly', '2024-03-31', '2024-08-16', true],
    ['yearly', '2023-12-31', '2025-03-31', false], // 456 days
    ['yearly', '2023-12-31', '2025-04-01', true],
  ] as const)('%s value of %s is stale on %s: %s', (frequency, latest, asOf, stale) => {
    expect(isStale({ latestObservedAt: latest, frequency, asOf })).toBe(stale);
  });

  it('does not call "stale" an indicator without any value (that is no data)', () => {
    expect(isStale({ latestObservedAt: null, frequency: 'monthly', asOf: '2030-01-01' })).toBe(false);
  });
});

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-04-31', false],
    ['2023-12-31', true],
    ['2023-13-01', false],
    ['2023-1-01', false],
    ['31/12/2023', false],
    ['', false],
    [20231231, false],
  ])('isIsoDate(%s) is %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });

  it('counts whole days across leap years and DST changes', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});
