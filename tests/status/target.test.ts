import { describe, expect, it } from 'vitest';
import { evaluateTarget, Observation, Status, TargetInput } from '@app/status';

/**
 * evaluateTarget, branch by branch. Baseline 0 on 2024-01-01, target 100 due 2025-01-01 (366 days,
 * 2024 is a leap year), so on day d of the path the expected value is 100·d/366.
 */
const b0: Observation = { value: 0, date: '2024-01-01' };
const inc: TargetInput = { value: 100, dueDate: '2025-01-01', exclusive: false };
const dec: TargetInput = { value: 20, dueDate: '2025-01-01', exclusive: false };
const b100: Observation = { value: 100, date: '2024-01-01' };
const asOf = '2024-07-01';
// 2024-07-01 is day 182: expected 100·182/366 = 49.7268…
const E = (100 * 182) / 366;

describe('evaluateTarget (linear)', () => {
  it.each<[string, TargetInput, 'increase' | 'decrease', Observation | null, Observation | null, string, Status]>([
    ['no value → no_data', inc, 'increase', b0, null, asOf, 'no_data'],
    ['value equal to the target → achieved', inc, 'increase', b0, { value: 100, date: '2024-06-30' }, asOf, 'achieved'],
    ['value beyond the target → achieved', inc, 'increase', b0, { value: 130, date: '2024-06-30' }, asOf, 'achieved'],
    ['exclusive target, value equal → not achieved', { ...inc, exclusive: true }, 'increase', b0, { value: 100, date: '2024-07-01' }, asOf, 'on_track'],
    ['exclusive target, value just above → achieved', { ...inc, exclusive: true }, 'increase', b0, { value: 100.01, date: '2024-07-01' }, asOf, 'achieved'],
    ['decrease: value at the target → achieved', dec, 'decrease', b100, { value: 20, date: '2024-07-01' }, asOf, 'achieved'],
    ['decrease exclusive: value equal → not achieved', { ...dec, exclusive: true }, 'decrease', b100, { value: 20, date: '2024-07-01' }, asOf, 'on_track'],
    ['due date is asOf → still judged on the path', inc, 'increase', b0, { value: 99, date: '2025-01-01' }, '2025-01-01', 'on_track'],
    ['one day after the due date, not reached → missed', inc, 'increase', b0, { value: 99, date: '2025-01-01' }, '2025-01-02', 'missed'],
    ['reached after the due date → achieved, not missed', inc, 'increase', b0, { value: 100, date: '2025-03-31' }, '2025-04-01', 'achieved'],
    ['no baseline: the only value is the baseline → r = 1', inc, 'increase', null, { value: 5, date: '2024-07-01' }, asOf, 'on_track'],
  ])('%s', (_name, target, direction, baseline, latest, when, expected) => {
    expect(evaluateTarget({ target, direction, method: 'linear', baseline, latest, asOf: when }).status).toBe(expected);
  });

  // Boundaries of the progress ratio r = v / E on day 182.
  it.each<[string, number, Status]>([
    ['r = 0.95 exactly → on_track', 0.95, 'on_track'],
    ['r = 0.9499 → at_risk', 0.9499, 'at_risk'],
    ['r = 0.60 exactly → at_risk', 0.6, 'at_risk'],
    ['r = 0.5999 → off_track', 0.5999, 'off_track'],
    ['r = 0 (no progress) → off_track', 0, 'off_track'],
    ['r = 1.5 (ahead) → on_track', 1.5, 'on_track'],
  ])('increase, %s', (_name, r, expected) => {
    const result = evaluateTarget({ target: inc, direction: 'increase', method: 'linear', baseline: b0, latest: { value: r * E, date: asOf }, asOf });
    expect(result.status).toBe(expected);
    expect(result.expected).toBeCloseTo(E, 9);
    expect(result.ratio).toBeCloseTo(r, 9);
  });

  it('increase: a value below the baseline → deteriorating (r < 0)', () => {
    const result = evaluateTarget({ target: inc, direction: 'increase', method: 'linear', baseline: { value: 10, date: '2024-01-01' }, latest: { value: 9, date: asOf }, asOf });
    // e = 10 + 90·182/366 = 54.754…; r = (9 − 10)/(54.754 − 10) = −0.02234…
    expect(result.status).toBe('deteriorating');
    expect(result.ratio).toBeCloseTo(-1 / (90 * 182 / 366), 9);
  });

  // Decrease from 100 to 20: expected on day 182 is 100 − 80·182/366 = 60.218…
  it.each<[string, number, Status]>([
    ['on the path', 100 - 80 * (182 / 366), 'on_track'],
    ['95% of the way', 100 - 0.95 * 80 * (182 / 366), 'on_track'],
    ['94.99% of the way', 100 - 0.9499 * 80 * (182 / 366), 'at_risk'],
    ['60% of the way', 100 - 0.6 * 80 * (182 / 366), 'at_risk'],
    ['59.99% of the way', 100 - 0.5999 * 80 * (182 / 366), 'off_track'],
    ['no progress', 100, 'off_track'],
    ['going up instead of down', 101, 'deteriorating'],
  ])('decrease, %s', (_name, v, expected) => {
    const result = evaluateTarget({ target: dec, direction: 'decrease', method: 'linear', baseline: b100, latest: { value: v, date: asOf }, asOf });
    expect(result.status).toBe(expected);
    expect(result.expected).toBeCloseTo(100 - 80 * (182 / 366), 9);
  });

  it('uses the measurement date, not asOf, for the expected value', () => {
    // Value observed on day 91 (2024-04-01): e = 100·91/366 = 24.863…; asOf later does not move e.
    const result = evaluateTarget({ target: inc, direction: 'increase', method: 'linear', baseline: b0, latest: { value: 20, date: '2024-04-01' }, asOf: '2024-10-01' });
    expect(result.expected).toBeCloseTo((100 * 91) / 366, 9);
    expect(result.ratio).toBeCloseTo(20 / ((100 * 91) / 366), 9); // 0.804
    expect(result.status).toBe('at_risk');
  });

  it('caps the path at the target once the measurement is past the due date', () => {
    const result = evaluateTarget({ target: inc, direction: 'increase', method: 'linear', baseline: b0, latest: { value: 50, date: '2025-02-01' }, asOf: '2025-02-01' });
    expect(result.expected).toBe(100);
    expect(result.ratio).toBe(0.5);
    expect(result.status).toBe('missed');
  });

  it('r = 1 when the expected value equals the baseline (measurement on the baseline date)', () => {
    const result = evaluateTarget({ target: inc, direction: 'increase', method: 'linear', baseline: b0, latest: { value: 0, date: '2024-01-01' }, asOf });
    expect(result.ratio).toBe(1);
    expect(result.status).toBe('on_track');
  });

  it('honours configured thresholds', () => {
    const latest = { value: 0.9 * E, date: asOf };
    const base = { target: inc, direction: 'increase' as const, method: 'linear' as const, baseline: b0, latest, asOf };
    expect(evaluateTarget(base).status).toBe('at_risk');
    expect(evaluateTarget({ ...base, thresholds: { onTrack: 0.85, atRisk: 0.5 } }).status).toBe('on_track');
    expect(() => evaluateTarget({ ...base, thresholds: { onTrack: 0.5, atRisk: 0.6 } })).toThrow(/0 < atRisk < onTrack/);
  });

  it('refuses malformed dates', () => {
    expect(() => evaluateTarget({ target: { ...inc, dueDate: '2025-02-30' }, direction: 'increase', method: 'linear', baseline: b0, latest: null, asOf })).toThrow(/Not a real date/);
  });
});

describe('evaluateTarget (compound annual growth)', () => {
  // Baseline 100 on 2020-01-01, target 400 due 2024-01-01 (1461 days = 4.0 years of 365.25 days):
  // required CAGR = 4^(1/4) − 1 = 0.41421…
  const target: TargetInput = { value: 400, dueDate: '2024-01-01', exclusive: false };
  const baseline = { value: 100, date: '2020-01-01' };
  const required = Math.pow(4, 1 / 4) - 1;

  it('compares observed growth with required growth', () => {
    // After 2 years (2022-01-01 is day 731 = 2.0014 years) at 200: observed = 2^(1/2.0014) − 1.
    const years = 731 / 365.25;
    const observed = Math.pow(2, 1 / years) - 1;
    const r = evaluateTarget({ target, direction: 'increase', method: 'cagr', baseline, latest: { value: 200, date: '2022-01-01' }, asOf: '2022-01-15' });
    expect(r.methodUsed).toBe('cagr');
    expect(r.ratio).toBeCloseTo(observed / required, 9);
    expect(r.expected).toBeCloseTo(100 * Math.pow(1 + required, years), 6);
    expect(r.status).toBe('on_track');
  });

  it('is at risk when growth is slower than required', () => {
    const years = 731 / 365.25;
    const r = evaluateTarget({ target, direction: 'increase', method: 'cagr', baseline, latest: { value: 150, date: '2022-01-01' }, asOf: '2022-01-15' });
    expect(r.ratio).toBeCloseTo((Math.pow(1.5, 1 / years) - 1) / required, 9); // ≈ 0.54 → off_track
    expect(r.status).toBe('off_track');
  });

  it('falls back to the linear path when the baseline is 0', () => {
    const r = evaluateTarget({ target, direction: 'increase', method: 'cagr', baseline: { value: 0, date: '2020-01-01' }, latest: { value: 200, date: '2022-01-01' }, asOf: '2022-01-15' });
    expect(r.methodUsed).toBe('linear');
    expect(r.expected).toBeCloseTo((400 * 731) / 1461, 9);
  });
});
