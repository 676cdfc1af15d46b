import { describe, expect, it } from 'vitest';
import { evaluateIndicator, evaluateTarget, Observation, objectiveStatus, TargetEvaluation, TargetInput } from '@app/status';

// "Status that never flatters": one value and no baseline is no trend (insufficient_data), until a
// baseline dated before a later value exists (two dated points, or a baseline the roadmap declares).
const up: TargetInput = { value: 300, dueDate: '2024-07-19', exclusive: false }; // 100 → 300 over 200 days from 2024-01-01
const down: TargetInput = { value: 100, dueDate: '2024-07-19', exclusive: false };
const at = (value: number, date = '2024-04-10'): Observation => ({ value, date });
const b100 = at(100, '2024-01-01');
const AS_OF = '2024-04-10';
const AFTER_DUE = '2024-07-20';

type Row = [string, 'increase' | 'decrease', TargetInput, Observation | null, Observation | null, string, Partial<TargetEvaluation>];

describe('a numeric target without a trend', () => {
  it.each<Row>([
    // One value, no baseline: a path from 150 to itself would read r = 1 ("on track") whatever the value.
    ['one value, no baseline → insufficient_data', 'increase', up, null, at(150), AS_OF, { status: 'insufficient_data', expected: null, ratio: null }],
    [
      'one low value, no baseline → insufficient_data, not on track',
      'increase',
      up,
      null,
      at(1),
      AS_OF,
      { status: 'insufficient_data', expected: null, ratio: null },
    ],
    [
      'decreasing, one value, no baseline → insufficient_data',
      'decrease',
      down,
      null,
      at(250),
      AS_OF,
      { status: 'insufficient_data', expected: null, ratio: null },
    ],
    // A baseline and a value of the same day are one dated point.
    [
      'baseline and value on the same day → insufficient_data',
      'increase',
      up,
      at(100, AS_OF),
      at(150, AS_OF),
      AS_OF,
      { status: 'insufficient_data', ratio: null },
    ],
    ['baseline dated after the value → insufficient_data', 'increase', up, at(100, '2024-05-01'), at(150), AS_OF, { status: 'insufficient_data', ratio: null }],
    // A declared (or recorded) baseline before the one value: a real status. 100 days of 200: e = 200.
    ['baseline + one later value on the path → on_track', 'increase', up, b100, at(195), AS_OF, { status: 'on_track', expected: 200, ratio: 0.95 }],
    ['baseline + one later value behind → at_risk', 'increase', up, b100, at(170), AS_OF, { status: 'at_risk', expected: 200, ratio: 0.7 }],
    ['baseline + one later value far behind → off_track', 'increase', up, b100, at(110), AS_OF, { status: 'off_track', ratio: 0.1 }],
    ['baseline + one later value going the wrong way → deteriorating', 'increase', up, b100, at(90), AS_OF, { status: 'deteriorating', ratio: -0.1 }],
    // One value that already reaches the target is achieved: the target is met, whatever the trend.
    [
      'one value reaching the target, no baseline → achieved, no ratio',
      'increase',
      up,
      null,
      at(320),
      AS_OF,
      { status: 'achieved', reached: true, expected: null, ratio: null },
    ],
    ['decreasing: one value at the target, no baseline → achieved', 'decrease', down, null, at(100), AS_OF, { status: 'achieved', reached: true, ratio: null }],
    // Past the due date and not reached is missed, trend or not: the date has passed.
    [
      'one value after the due date, not reached → missed, no ratio',
      'increase',
      up,
      null,
      at(250, AFTER_DUE),
      AFTER_DUE,
      { status: 'missed', expected: null, ratio: null },
    ],
    [
      'baseline + value after the due date, not reached → missed with its ratio',
      'increase',
      up,
      b100,
      at(250, AFTER_DUE),
      AFTER_DUE,
      { status: 'missed', expected: 300, ratio: 0.75 },
    ],
    ['no value → no_data', 'increase', up, b100, null, AS_OF, { status: 'no_data', ratio: null }],
  ])('%s', (_name, direction, target, baseline, latest, asOf, want) => {
    const got = evaluateTarget({ target, direction, method: 'linear', baseline, latest, asOf });
    expect(got).toMatchObject(want);
    if (typeof want.ratio === 'number') expect(got.ratio).toBeCloseTo(want.ratio, 9);
  });

  it('is the same with the cagr method', () => {
    const cagr = (baseline: Observation | null, latest: Observation) =>
      evaluateTarget({ target: up, direction: 'increase', method: 'cagr', baseline, latest, asOf: AS_OF }).status;
    expect(cagr(null, at(150))).toBe('insufficient_data');
    expect(cagr(b100, at(200))).not.toBe('insufficient_data');
  });
});

describe('the ratio of an achieved target', () => {
  it.each<[string, 'increase' | 'decrease', TargetInput, Observation, Observation, number]>([
    // Baseline 400 already beyond 300; value 420 went further away: (420 − 400)/(e − 400) < 0 raw.
    ['increasing, baseline already beyond the target, moving away → 1, not negative', 'increase', up, at(400, '2024-01-01'), at(420), 1],
    // Baseline 80 already below 100 (decreasing); value 70: (70 − 80)/(90 − 80) = −1 raw.
    ['decreasing, baseline already below the target, moving away → 1, not negative', 'decrease', down, at(80, '2024-01-01'), at(70), 1],
    // Baseline 400 beyond 300, value 390 (nearer the target, still beyond): 0.2 raw; reaching is all the target asked.
    ['baseline beyond, value nearer the target → 1', 'increase', up, at(400, '2024-01-01'), at(390), 1],
    // The usual case: 100 → 320 by day 100 of 200, e = 200: r = 220/100 = 2.2, beaten by that much.
    ['beaten ahead of the path → its ratio above 1', 'increase', up, b100, at(320), 2.2],
    ['decreasing, beaten: 300 → 80 with e = 200 → 2.2', 'decrease', down, at(300, '2024-01-01'), at(80), 2.2],
  ])('%s', (_name, direction, target, baseline, latest, ratio) => {
    const got = evaluateTarget({ target, direction, method: 'linear', baseline, latest, asOf: AS_OF });
    expect(got.status).toBe('achieved');
    expect(got.ratio).toBeCloseTo(ratio, 9);
    expect(got.ratio!).toBeGreaterThanOrEqual(1);
  });
});

describe('an indicator and its objective with one value', () => {
  const targets: TargetInput[] = [up, { value: 500, dueDate: '2026-12-31', exclusive: false }];
  it('reads insufficient_data until a second dated point, then a real status', () => {
    const one = evaluateIndicator({ targets, direction: 'increase', method: 'linear', baseline: null, latest: at(150), asOf: AS_OF });
    expect(one.status).toBe('insufficient_data');
    expect(one.targets.map((t) => t.status)).toEqual(['insufficient_data', 'insufficient_data']);
    // The first value becomes the baseline once a later one exists.
    const two = evaluateIndicator({ targets, direction: 'increase', method: 'linear', baseline: at(150, '2024-02-01'), latest: at(210), asOf: AS_OF });
    expect(two.status).not.toBe('insufficient_data');
    expect(two.status).toBe('on_track');
  });

  it('keeps an objective from reading "on track" when one of its indicators has no trend', () => {
    expect(objectiveStatus(['on_track', 'achieved', 'insufficient_data'])).toBe('insufficient_data');
    expect(objectiveStatus(['insufficient_data', 'missed'])).toBe('missed');
  });
});
