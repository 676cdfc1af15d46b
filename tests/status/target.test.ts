import { describe, expect, it } from 'vitest';
import { Direction, evaluateTarget, Method, Observation, Status, TargetInput, Thresholds } from '@app/status';

/**
 * evaluateTarget, branch by branch, with numbers worked out by hand.
 *
 * Linear fixture: baseline on 2024-01-01 (t0), due 2024-07-19 (td = t0 + 200 days: Jan 31 + Feb 29 +
 * Mar 31 + Apr 30 + May 31 + Jun 30 = 182 to 2024-07-01, + 18 = 200), values measured on 2024-04-10
 * (t = t0 + 100 days: 31 + 29 + 31 = 91 to 2024-04-01, + 9 = 100), so the fraction is 100/200 = 0.5.
 *   increase 100 → 300: e = 100 + (300 − 100)·0.5 = 200, r = (v − 100)/(200 − 100) = (v − 100)/100
 *   decrease 300 → 100: e = 300 + (100 − 300)·0.5 = 200, r = (v − 300)/(200 − 300) = (300 − v)/100
 */
const T0 = '2024-01-01';
const TD = '2024-07-19';
const T = '2024-04-10';
const TD_PLUS_1 = '2024-07-20';
const AFTER_TD = '2024-08-18'; // t0 + 230 days, 30 days past td

const up: TargetInput = { value: 300, dueDate: TD, exclusive: false };
const upMoreThan: TargetInput = { ...up, exclusive: true };
const down: TargetInput = { value: 100, dueDate: TD, exclusive: false };
const downFewerThan: TargetInput = { ...down, exclusive: true };
const b100: Observation = { value: 100, date: T0 };
const b300: Observation = { value: 300, date: T0 };
const at = (value: number, date = T): Observation => ({ value, date });

interface Expected {
  status: Status;
  reached: boolean;
  expected: number | null;
  ratio: number | null;
  methodUsed?: Method;
}
type Row = [name: string, direction: Direction, target: TargetInput, baseline: Observation | null, latest: Observation | null, asOf: string, want: Expected];

function check(result: ReturnType<typeof evaluateTarget>, want: Expected): void {
  expect(result.status).toBe(want.status);
  expect(result.reached).toBe(want.reached);
  if (want.expected === null) expect(result.expected).toBeNull();
  else expect(result.expected).toBeCloseTo(want.expected, 9);
  if (want.ratio === null) expect(result.ratio).toBeNull();
  else expect(result.ratio).toBeCloseTo(want.ratio, 9);
  if (want.methodUsed) expect(result.methodUsed).toBe(want.methodUsed);
}

describe('evaluateTarget, linear, increasing (100 → 300)', () => {
  it.each<Row>([
    ['no value → no_data', 'increase', up, b100, null, T, { status: 'no_data', reached: false, expected: null, ratio: null }],
    // Inclusive "300": 300 ≥ 300. r = (300 − 100)/100 = 2 is still reported.
    ['exactly T, inclusive → achieved', 'increase', up, b100, at(300), T, { status: 'achieved', reached: true, expected: 200, ratio: 2 }],
    ['beyond T → achieved', 'increase', up, b100, at(450), T, { status: 'achieved', reached: true, expected: 200, ratio: 3.5 }],
    // "More than 300": 300 > 300 is false, so judged on the path: r = 2 → on_track.
    ['exactly T, exclusive → not reached', 'increase', upMoreThan, b100, at(300), T, { status: 'on_track', reached: false, expected: 200, ratio: 2 }],
    ['just above T, exclusive → achieved', 'increase', upMoreThan, b100, at(300.01), T, { status: 'achieved', reached: true, expected: 200, ratio: 2.0001 }],
    // r = (195 − 100)/100 = 0.95
    ['r = 0.95 → on_track', 'increase', up, b100, at(195), T, { status: 'on_track', reached: false, expected: 200, ratio: 0.95 }],
    // r = (194.99 − 100)/100 = 0.9499
    ['r = 0.9499 → at_risk', 'increase', up, b100, at(194.99), T, { status: 'at_risk', reached: false, expected: 200, ratio: 0.9499 }],
    // r = (160 − 100)/100 = 0.6
    ['r = 0.60 → at_risk', 'increase', up, b100, at(160), T, { status: 'at_risk', reached: false, expected: 200, ratio: 0.6 }],
    // r = (159.99 − 100)/100 = 0.5999
    ['r = 0.5999 → off_track', 'increase', up, b100, at(159.99), T, { status: 'off_track', reached: false, expected: 200, ratio: 0.5999 }],
    // r = (100 − 100)/100 = 0
    ['r = 0 (no progress) → off_track', 'increase', up, b100, at(100), T, { status: 'off_track', reached: false, expected: 200, ratio: 0 }],
    // r = (99.99 − 100)/100 = −0.0001
    ['r = −0.0001 → deteriorating', 'increase', up, b100, at(99.99), T, { status: 'deteriorating', reached: false, expected: 200, ratio: -0.0001 }],
    // asOf = td is not "after td": still judged on the path.
    ['asOf = due date → not missed', 'increase', up, b100, at(195), TD, { status: 'on_track', reached: false, expected: 200, ratio: 0.95 }],
    ['asOf = due date + 1 → missed', 'increase', up, b100, at(195), TD_PLUS_1, { status: 'missed', reached: false, expected: 200, ratio: 0.95 }],
    [
      'reached, asOf after due → achieved, not missed',
      'increase',
      up,
      b100,
      at(300),
      TD_PLUS_1,
      { status: 'achieved', reached: true, expected: 200, ratio: 2 },
    ],
    // No baseline: one dated point is no trend (a path from 150 to itself would read r = 1, "on track").
    [
      'no baseline, one value → insufficient_data',
      'increase',
      up,
      null,
      at(150),
      T,
      { status: 'insufficient_data', reached: false, expected: null, ratio: null },
    ],
    // Measured on day 230 > 200: fraction min(1, 230/200) = 1, e = 300, r = (250 − 100)/(300 − 100) = 0.75.
    [
      'measured after td → fraction clamped to 1',
      'increase',
      up,
      b100,
      at(250, AFTER_TD),
      AFTER_TD,
      { status: 'missed', reached: false, expected: 300, ratio: 0.75 },
    ],
    // Measured on the baseline date: two values of one day are no trend (r would be 1 whatever v is).
    [
      'measured on the baseline date → insufficient_data',
      'increase',
      up,
      b100,
      at(50, T0),
      T,
      { status: 'insufficient_data', reached: false, expected: null, ratio: null },
    ],
    // Measured before the baseline date: the baseline is not "a baseline and a later value".
    [
      'measured before the baseline date → insufficient_data',
      'increase',
      up,
      b100,
      at(120, '2023-12-01'),
      T,
      { status: 'insufficient_data', reached: false, expected: null, ratio: null },
    ],
    // T = b = 100: e = 100 + 0·0.5 = b, so r = 1 (90 < 100 is not reached).
    [
      'target equal to the baseline → e = b, r = 1',
      'increase',
      { value: 100, dueDate: TD, exclusive: false },
      b100,
      at(90),
      T,
      { status: 'on_track', reached: false, expected: 100, ratio: 1 },
    ],
    // td = t0 = t: no later value than the baseline, no trend.
    [
      'due date on the baseline date, measured that day → insufficient_data',
      'increase',
      up,
      at(100, TD),
      at(160, TD),
      TD,
      { status: 'insufficient_data', reached: false, expected: null, ratio: null },
    ],
  ])('%s', (_name, direction, target, baseline, latest, asOf, want) => {
    check(evaluateTarget({ target, direction, method: 'linear', baseline, latest, asOf }), want);
  });
});

describe('evaluateTarget, linear, decreasing (300 → 100)', () => {
  it.each<Row>([
    ['no value → no_data', 'decrease', down, b300, null, T, { status: 'no_data', reached: false, expected: null, ratio: null }],
    // Inclusive "100": 100 ≤ 100. r = (300 − 100)/100 = 2.
    ['exactly T, inclusive → achieved', 'decrease', down, b300, at(100), T, { status: 'achieved', reached: true, expected: 200, ratio: 2 }],
    ['below T → achieved', 'decrease', down, b300, at(80), T, { status: 'achieved', reached: true, expected: 200, ratio: 2.2 }],
    // "Fewer than 100": 100 < 100 is false → on the path, r = 2.
    ['exactly T, exclusive → not reached', 'decrease', downFewerThan, b300, at(100), T, { status: 'on_track', reached: false, expected: 200, ratio: 2 }],
    ['just below T, exclusive → achieved', 'decrease', downFewerThan, b300, at(99.99), T, { status: 'achieved', reached: true, expected: 200, ratio: 2.0001 }],
    // r = (300 − 205)/100 = 0.95
    ['r = 0.95 → on_track', 'decrease', down, b300, at(205), T, { status: 'on_track', reached: false, expected: 200, ratio: 0.95 }],
    // r = (300 − 205.01)/100 = 0.9499
    ['r = 0.9499 → at_risk', 'decrease', down, b300, at(205.01), T, { status: 'at_risk', reached: false, expected: 200, ratio: 0.9499 }],
    // r = (300 − 240)/100 = 0.6
    ['r = 0.60 → at_risk', 'decrease', down, b300, at(240), T, { status: 'at_risk', reached: false, expected: 200, ratio: 0.6 }],
    // r = (300 − 240.01)/100 = 0.5999
    ['r = 0.5999 → off_track', 'decrease', down, b300, at(240.01), T, { status: 'off_track', reached: false, expected: 200, ratio: 0.5999 }],
    ['r = 0 (no progress) → off_track', 'decrease', down, b300, at(300), T, { status: 'off_track', reached: false, expected: 200, ratio: 0 }],
    // r = (300 − 300.01)/100 = −0.0001: going up instead of down.
    ['r = −0.0001 → deteriorating', 'decrease', down, b300, at(300.01), T, { status: 'deteriorating', reached: false, expected: 200, ratio: -0.0001 }],
    ['asOf = due date → not missed', 'decrease', down, b300, at(205), TD, { status: 'on_track', reached: false, expected: 200, ratio: 0.95 }],
    ['asOf = due date + 1 → missed', 'decrease', down, b300, at(205), TD_PLUS_1, { status: 'missed', reached: false, expected: 200, ratio: 0.95 }],
    ['reached, asOf after due → achieved', 'decrease', down, b300, at(100), TD_PLUS_1, { status: 'achieved', reached: true, expected: 200, ratio: 2 }],
    [
      'no baseline, one value → insufficient_data',
      'decrease',
      down,
      null,
      at(250),
      T,
      { status: 'insufficient_data', reached: false, expected: null, ratio: null },
    ],
    // Fraction 1: e = 100, r = (150 − 300)/(100 − 300) = 0.75.
    [
      'measured after td → fraction clamped to 1',
      'decrease',
      down,
      b300,
      at(150, AFTER_TD),
      AFTER_TD,
      { status: 'missed', reached: false, expected: 100, ratio: 0.75 },
    ],
  ])('%s', (_name, direction, target, baseline, latest, asOf, want) => {
    check(evaluateTarget({ target, direction, method: 'linear', baseline, latest, asOf }), want);
  });
});

describe('evaluateTarget result fields', () => {
  it('reports the baseline used: the given one, or the latest value when none was given', () => {
    expect(evaluateTarget({ target: up, direction: 'increase', method: 'linear', baseline: b100, latest: at(195), asOf: T })).toEqual({
      status: 'on_track',
      reached: false,
      expected: 200,
      ratio: 0.95,
      latest: { value: 195, date: T },
      baseline: b100,
      methodUsed: 'linear',
    });
    expect(evaluateTarget({ target: up, direction: 'increase', method: 'linear', baseline: null, latest: at(150), asOf: T }).baseline).toEqual({
      value: 150,
      date: T,
    });
  });

  it.each<[string, Observation | null, Method]>([
    ['linear, with a baseline', b100, 'linear'],
    ['cagr, without a baseline', null, 'cagr'],
  ])('without data (%s): nothing computed, baseline passed through, method as asked', (_name, baseline, method) => {
    expect(evaluateTarget({ target: up, direction: 'increase', method, baseline, latest: null, asOf: T })).toEqual({
      status: 'no_data',
      reached: false,
      expected: null,
      ratio: null,
      latest: null,
      baseline,
      methodUsed: method,
    });
  });
});

describe('evaluateTarget thresholds', () => {
  // Same increasing fixture: r = (v − 100)/100.
  it.each<[string, Thresholds, number, Status]>([
    ['0.90/0.50: r = 0.90 → on_track', { onTrack: 0.9, atRisk: 0.5 }, 190, 'on_track'],
    ['0.90/0.50: r = 0.8999 → at_risk', { onTrack: 0.9, atRisk: 0.5 }, 189.99, 'at_risk'],
    ['0.90/0.50: r = 0.50 → at_risk', { onTrack: 0.9, atRisk: 0.5 }, 150, 'at_risk'],
    ['0.90/0.50: r = 0.4999 → off_track', { onTrack: 0.9, atRisk: 0.5 }, 149.99, 'off_track'],
    ['1/0.5: r = 1 → on_track', { onTrack: 1, atRisk: 0.5 }, 200, 'on_track'],
    ['1/0.5: r = 0.9999 → at_risk', { onTrack: 1, atRisk: 0.5 }, 199.99, 'at_risk'],
    // Same value 190 (r = 0.9) under the defaults is at_risk: the thresholds above really were used.
    ['defaults: r = 0.90 → at_risk', { onTrack: 0.95, atRisk: 0.6 }, 190, 'at_risk'],
  ])('%s', (_name, thresholds, v, status) => {
    expect(evaluateTarget({ target: up, direction: 'increase', method: 'linear', baseline: b100, latest: at(v), asOf: T, thresholds }).status).toBe(status);
  });

  it('refuses invalid thresholds', () => {
    expect(() =>
      evaluateTarget({
        target: up,
        direction: 'increase',
        method: 'linear',
        baseline: b100,
        latest: at(195),
        asOf: T,
        thresholds: { onTrack: 0.5, atRisk: 0.6 },
      }),
    ).toThrow(/0 < atRisk < onTrack/);
  });
});

describe('evaluateTarget refuses malformed input', () => {
  const ok = { target: up, direction: 'increase' as Direction, method: 'linear' as Method, baseline: b100, latest: at(195), asOf: T };
  it.each<[string, Partial<typeof ok>, RegExp]>([
    ['due date 2025-02-30', { target: { ...up, dueDate: '2025-02-30' } }, /target\.dueDate: not a real date/],
    ['asOf written 2024/04/10', { asOf: '2024/04/10' }, /asOf: not a real date/],
    ['baseline dated 2023-02-29', { baseline: at(100, '2023-02-29') }, /baseline\.date: not a real date/],
    ['latest dated 2024-4-10', { latest: at(195, '2024-4-10') }, /latest\.date: not a real date/],
    ['latest value NaN', { latest: at(Number.NaN) }, /latest\.value must be a finite number/],
    ['target value Infinity', { target: { ...up, value: Number.POSITIVE_INFINITY } }, /target\.value must be a finite number/],
    ['latest observed after asOf', { latest: at(195, '2024-04-11') }, /after asOf/],
    ['unknown direction', { direction: 'up' as Direction }, /Unknown direction/],
    ['unknown method', { method: 'log' as Method }, /Unknown method/],
  ])('%s', (_name, patch, error) => {
    expect(() => evaluateTarget({ ...ok, ...patch })).toThrow(error);
  });

  it('accepts the same input unpatched (so each row above fails for its own reason)', () => {
    expect(evaluateTarget(ok).status).toBe('on_track');
  });
});

/**
 * Compound annual growth. Baseline on 2016-01-01, measured on 2020-01-01 (1461 days = 4 years of
 * 365.25 days), due 2024-01-01 (2922 days = 8 years).
 *   increase 100 → 25600: required = (25600/100)^(1/8) − 1 = 256^(1/8) − 1 = 2 − 1 = 1,
 *     e = 100·(1 + 1)^4 = 1600, observed = (v/100)^(1/4) − 1, r = observed / 1.
 *   decrease 25600 → 100: required = (1/256)^(1/8) − 1 = 0.5 − 1 = −0.5,
 *     e = 25600·0.5^4 = 1600, observed = (v/25600)^(1/4) − 1, r = observed / −0.5.
 */
describe('evaluateTarget, compound annual growth', () => {
  const C0 = '2016-01-01';
  const CT = '2020-01-01';
  const CD = '2024-01-01';
  const upC: TargetInput = { value: 25600, dueDate: CD, exclusive: false };
  const downC: TargetInput = { value: 100, dueDate: CD, exclusive: false };
  const cb100 = { value: 100, date: C0 };
  const cb25600 = { value: 25600, date: C0 };
  const c = (value: number, date = CT): Observation => ({ value, date });

  it.each<Row>([
    // 16^(1/4) − 1 = 1 → r = 1
    ['increase: on the growth path', 'increase', upC, cb100, c(1600), CT, { status: 'on_track', reached: false, expected: 1600, ratio: 1, methodUsed: 'cagr' }],
    // 1445.900625 = 100·1.95^4 → observed 0.95, r = 0.95
    [
      'increase: r = 0.95 → on_track',
      'increase',
      upC,
      cb100,
      c(1445.900625),
      CT,
      { status: 'on_track', reached: false, expected: 1600, ratio: 0.95, methodUsed: 'cagr' },
    ],
    // 1445.60405281422 = 100·1.9499^4 → r = 0.9499
    [
      'increase: r = 0.9499 → at_risk',
      'increase',
      upC,
      cb100,
      c(1445.60405281422),
      CT,
      { status: 'at_risk', reached: false, expected: 1600, ratio: 0.9499, methodUsed: 'cagr' },
    ],
    // 900: 9^(1/4) − 1 = √3 − 1 = 0.7320508075688772
    [
      'increase: r = √3 − 1 → at_risk',
      'increase',
      upC,
      cb100,
      c(900),
      CT,
      { status: 'at_risk', reached: false, expected: 1600, ratio: 0.7320508075688772, methodUsed: 'cagr' },
    ],
    // 655.36 = 100·1.6^4 → r = 0.6
    [
      'increase: r = 0.60 → at_risk',
      'increase',
      upC,
      cb100,
      c(655.36),
      CT,
      { status: 'at_risk', reached: false, expected: 1600, ratio: 0.6, methodUsed: 'cagr' },
    ],
    // 655.19617535936 = 100·1.5999^4 → r = 0.5999
    [
      'increase: r = 0.5999 → off_track',
      'increase',
      upC,
      cb100,
      c(655.19617535936),
      CT,
      { status: 'off_track', reached: false, expected: 1600, ratio: 0.5999, methodUsed: 'cagr' },
    ],
    // 400: 4^(1/4) − 1 = √2 − 1 = 0.41421356237309515
    [
      'increase: r = √2 − 1 → off_track',
      'increase',
      upC,
      cb100,
      c(400),
      CT,
      { status: 'off_track', reached: false, expected: 1600, ratio: 0.41421356237309515, methodUsed: 'cagr' },
    ],
    [
      'increase: no growth, r = 0 → off_track',
      'increase',
      upC,
      cb100,
      c(100),
      CT,
      { status: 'off_track', reached: false, expected: 1600, ratio: 0, methodUsed: 'cagr' },
    ],
    // 50: 0.5^(1/4) − 1 = −0.1591035847462855
    [
      'increase: shrinking → deteriorating',
      'increase',
      upC,
      cb100,
      c(50),
      CT,
      { status: 'deteriorating', reached: false, expected: 1600, ratio: -0.1591035847462855, methodUsed: 'cagr' },
    ],
    // 25600: 256^(1/4) − 1 = 3 → reached, r = 3
    [
      'increase: target reached → achieved',
      'increase',
      upC,
      cb100,
      c(25600),
      CT,
      { status: 'achieved', reached: true, expected: 1600, ratio: 3, methodUsed: 'cagr' },
    ],
    [
      'increase: due date passed → missed',
      'increase',
      upC,
      cb100,
      c(1600),
      '2024-01-02',
      { status: 'missed', reached: false, expected: 1600, ratio: 1, methodUsed: 'cagr' },
    ],
    // (1/16)^(1/4) − 1 = −0.5 → r = −0.5/−0.5 = 1
    ['decrease: on the path', 'decrease', downC, cb25600, c(1600), CT, { status: 'on_track', reached: false, expected: 1600, ratio: 1, methodUsed: 'cagr' }],
    // 3317.76 = 25600·0.6^4 → observed −0.4, r = 0.8
    [
      'decrease: r = 0.8 → at_risk',
      'decrease',
      downC,
      cb25600,
      c(3317.76),
      CT,
      { status: 'at_risk', reached: false, expected: 1600, ratio: 0.8, methodUsed: 'cagr' },
    ],
    // 6400: (1/4)^(1/4) − 1 = 1/√2 − 1 = −0.2928932188134524, r = 0.5857864376269049
    [
      'decrease: r = 2 − √2 → off_track',
      'decrease',
      downC,
      cb25600,
      c(6400),
      CT,
      { status: 'off_track', reached: false, expected: 1600, ratio: 0.5857864376269049, methodUsed: 'cagr' },
    ],
    // 30000: (30000/25600)^(1/4) − 1 = 1.171875^(1/4) − 1 = 0.04044786257195421, r = −0.08089572514390842
    [
      'decrease: going up → deteriorating',
      'decrease',
      downC,
      cb25600,
      c(30000),
      CT,
      { status: 'deteriorating', reached: false, expected: 1600, ratio: -0.08089572514390841, methodUsed: 'cagr' },
    ],
    // 100 ≤ 100: (1/256)^(1/4) − 1 = −0.75, r = 1.5
    [
      'decrease: target reached → achieved',
      'decrease',
      downC,
      cb25600,
      c(100),
      CT,
      { status: 'achieved', reached: true, expected: 1600, ratio: 1.5, methodUsed: 'cagr' },
    ],
    // t = t0: no time elapsed, no trend.
    [
      'measured on the baseline date → insufficient_data',
      'increase',
      upC,
      cb100,
      c(90, C0),
      CT,
      { status: 'insufficient_data', reached: false, expected: null, ratio: null, methodUsed: 'cagr' },
    ],
    // T = b: required = 1^(1/8) − 1 = 0 (guarded, no division by 0): r = 1, e = 100·1^4 = 100.
    [
      'target equal to the baseline → required 0, r = 1',
      'increase',
      { value: 100, dueDate: CD, exclusive: false },
      cb100,
      c(90),
      CT,
      { status: 'on_track', reached: false, expected: 100, ratio: 1, methodUsed: 'cagr' },
    ],
    // Measured 2015-12-01, before the baseline: no later value, no trend.
    [
      'measured before the baseline date → insufficient_data',
      'increase',
      upC,
      cb100,
      c(120, '2015-12-01'),
      CT,
      { status: 'insufficient_data', reached: false, expected: null, ratio: null, methodUsed: 'cagr' },
    ],
    // No baseline: one value, no trend.
    [
      'no baseline, one value → insufficient_data',
      'increase',
      upC,
      null,
      c(1600),
      CT,
      { status: 'insufficient_data', reached: false, expected: null, ratio: null, methodUsed: 'cagr' },
    ],
    // Measured 2028-01-01 (4383 days = 12 years), past td: e capped at T = 100·2^8 = 25600 (not 100·2^12 = 409600);
    // observed = 16^(1/12) − 1 = 2^(1/3) − 1 = 0.2599210498948732.
    [
      'measured after td → e capped at T',
      'increase',
      upC,
      cb100,
      c(1600, '2028-01-01'),
      '2028-01-01',
      { status: 'missed', reached: false, expected: 25600, ratio: 0.2599210498948732, methodUsed: 'cagr' },
    ],
  ])('%s', (_name, direction, target, baseline, latest, asOf, want) => {
    check(evaluateTarget({ target, direction, method: 'cagr', baseline, latest, asOf }), want);
  });

  // Not applicable → linear, methodUsed 'linear'. Linear fraction here is 1461/2922 = 0.5.
  it.each<Row>([
    // b = 0: e = 0 + 25600·0.5 = 12800, r = 12160/12800 = 0.95
    ['baseline 0', 'increase', upC, c(0, C0), c(12160), CT, { status: 'on_track', reached: false, expected: 12800, ratio: 0.95, methodUsed: 'linear' }],
    // b < 0: e = −100 + 25700·0.5 = 12750, r = (6325 − (−100))/(12750 − (−100)) = 6425/12850 = 0.5
    [
      'negative baseline',
      'increase',
      upC,
      c(-100, C0),
      c(6325),
      CT,
      { status: 'off_track', reached: false, expected: 12750, ratio: 0.5, methodUsed: 'linear' },
    ],
    // v = 0: e = 100 + 25500·0.5 = 12850, r = (0 − 100)/(12850 − 100) = −100/12750 = −0.00784313725490196
    [
      'latest value 0',
      'increase',
      upC,
      cb100,
      c(0),
      CT,
      { status: 'deteriorating', reached: false, expected: 12850, ratio: -0.00784313725490196, methodUsed: 'linear' },
    ],
    // T = 0: e = 1000 + (0 − 1000)·0.5 = 500, r = (500 − 1000)/(500 − 1000) = 1
    [
      'target 0 (decrease to zero)',
      'decrease',
      { value: 0, dueDate: CD, exclusive: false },
      c(1000, C0),
      c(500),
      CT,
      { status: 'on_track', reached: false, expected: 500, ratio: 1, methodUsed: 'linear' },
    ],
    // td = t0 < t: no years to grow over; linear fraction 1, e = 400, r = (160 − 100)/(400 − 100) = 0.2 (and past due: missed)
    [
      'due date on the baseline date',
      'increase',
      { value: 400, dueDate: CD, exclusive: false },
      c(100, CD),
      c(160, '2024-01-02'),
      '2024-01-02',
      { status: 'missed', reached: false, expected: 400, ratio: 0.2, methodUsed: 'linear' },
    ],
  ])('falls back to linear: %s', (_name, direction, target, baseline, latest, asOf, want) => {
    check(evaluateTarget({ target, direction, method: 'cagr', baseline, latest, asOf }), want);
  });
});
