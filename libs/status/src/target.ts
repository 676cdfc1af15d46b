import { assertIsoDate, daysBetween } from './dates';
import { DEFAULT_THRESHOLDS, Status, statusFromRatio, Thresholds, validateThresholds } from './status';

export interface Observation {
  value: number;
  /** The date the value describes (not the date it was recorded). */
  date: string;
}
export type Direction = 'increase' | 'decrease';
export type Method = 'linear' | 'cagr';
export interface TargetInput {
  value: number;
  dueDate: string;
  /** "more than N" / "fewer than N": reached only strictly beyond N. */
  exclusive: boolean;
}
export interface TargetEvaluation {
  status: Status;
  reached: boolean;
  /** Where the trajectory says the value should be on the latest measurement's date; null without data or without a trend. */
  expected: number | null;
  /**
   * Progress made over progress expected. Null without data or without a trend (no baseline dated
   * before the latest value), whatever the status.
   * Also reported for missed targets (by how much they were missed) and for achieved ones, where it
   * is at least 1: reaching the target is all the progress it asked for (a baseline already beyond
   * the target would otherwise give a meaningless or negative ratio); above 1, by how much the path
   * was beaten.
   */
  ratio: number | null;
  latest: Observation | null;
  /** The baseline actually used: the latest value itself when none was given. */
  baseline: Observation | null;
  /** 'linear' when cagr was asked for but does not apply; the method asked for when there is no data. */
  methodUsed: Method;
}
export interface TargetEvaluationInput {
  target: TargetInput;
  direction: Direction;
  method: Method;
  /**
   * The indicator's baseline; null means there is none but `latest` itself. A trend needs a baseline
   * dated before `latest`: without one the status is insufficient_data.
   */
  baseline: Observation | null;
  /** The latest measurement observed on or before asOf (the caller picks it). */
  latest: Observation | null;
  asOf: string;
  thresholds?: Thresholds;
}

/** Open SDG counts years as days / 365.25, so leap years do not bend the growth rate. */
export const DAYS_PER_YEAR = 365.25;

interface Path {
  expected: number;
  ratio: number;
}

/** Whether `value` reaches the target: ≥ / ≤, or strictly > / < for an exclusive ("more than") target. */
export function reaches(value: number, target: TargetInput, direction: Direction): boolean {
  if (direction === 'increase') return target.exclusive ? value > target.value : value >= target.value;
  return target.exclusive ? value < target.value : value <= target.value;
}

/**
 * Linear trajectory from baseline (b, t0) to target (T, td): e = b + (T − b)·f with
 * f = (t − t0)/(td − t0) clamped to [0, 1] (1 when td ≤ t0); r = (v − b)/(e − b), and r = 1 when
 * e = b (nothing was expected yet, so nothing is behind). Works for both directions: when
 * decreasing, T < b and both numerator and denominator are negative.
 */
export function linearPath(b: Observation, latest: Observation, target: TargetInput): Path {
  const span = daysBetween(b.date, target.dueDate);
  const elapsed = daysBetween(b.date, latest.date);
  // A measurement dated before the baseline clamps to 0 (e = b, so r = 1): no judgement before the path starts.
  const fraction = span <= 0 ? 1 : Math.min(1, Math.max(0, elapsed / span));
  const expected = b.value + (target.value - b.value) * fraction;
  const ratio = expected === b.value ? 1 : (latest.value - b.value) / (expected - b.value);
  return { expected, ratio };
}

/**
 * Compound annual growth (Open SDG progress method, CAGR variant): r = observed CAGR / required CAGR,
 * required = (T/b)^(1/years(td − t0)) − 1, observed = (v/b)^(1/years(t − t0)) − 1, and
 * e = b·(1 + required)^years(t − t0). Null (not applicable: the caller falls back to linear) unless
 * b, v and T are all > 0 and the due date is after the baseline (otherwise no rate is defined).
 */
export function cagrPath(b: Observation, latest: Observation, target: TargetInput): Path | null {
  const yearsToDue = daysBetween(b.date, target.dueDate) / DAYS_PER_YEAR;
  if (!(b.value > 0 && latest.value > 0 && target.value > 0 && yearsToDue > 0)) return null;
  const required = Math.pow(target.value / b.value, 1 / yearsToDue) - 1;
  // Before the baseline date counts as the baseline date (r = 1), as in linearPath.
  const years = Math.max(0, daysBetween(b.date, latest.date)) / DAYS_PER_YEAR;
  // Past the due date the expected value stays at T, as the linear path's fraction is capped at 1.
  const expected = b.value * Math.pow(1 + required, Math.min(years, yearsToDue));
  // t = t0: no time has passed; required = 0 (T = b): nothing to grow, like e = b in linearPath.
  if (years === 0 || required === 0) return { expected, ratio: 1 };
  const observed = Math.pow(latest.value / b.value, 1 / years) - 1;
  return { expected, ratio: observed / required };
}

function assertObservation(o: Observation, what: string): void {
  if (!Number.isFinite(o.value)) throw new Error(`${what}.value must be a finite number, got ${o.value}`);
  assertIsoDate(o.date, `${what}.date`);
}

/**
 * A numeric target's status as of `asOf`: no value → no_data; value reaches T → achieved (even after
 * the due date, even from a single value); past the due date (asOf > td) → missed; no baseline dated
 * before the latest value (one value and nothing to compare it with) → insufficient_data, as a
 * single point shows no trend; otherwise by progress ratio r against the thresholds: on_track,
 * at_risk, off_track, or deteriorating when r < 0 (moving away from T).
 */
export function evaluateTarget(input: TargetEvaluationInput): TargetEvaluation {
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  validateThresholds(thresholds);
  const { target, direction, method, latest, asOf } = input;
  if (direction !== 'increase' && direction !== 'decrease') throw new Error(`Unknown direction ${JSON.stringify(direction)}`);
  if (method !== 'linear' && method !== 'cagr') throw new Error(`Unknown method ${JSON.stringify(method)}`);
  assertIsoDate(asOf, 'asOf');
  if (!Number.isFinite(target.value)) throw new Error(`target.value must be a finite number, got ${target.value}`);
  assertIsoDate(target.dueDate, 'target.dueDate');
  if (input.baseline) assertObservation(input.baseline, 'baseline');

  if (!latest) {
    return { status: 'no_data', reached: false, expected: null, ratio: null, latest: null, baseline: input.baseline, methodUsed: method };
  }
  assertObservation(latest, 'latest');
  // A value from after asOf would let later data change a past status.
  if (daysBetween(asOf, latest.date) > 0) throw new Error(`latest.date ${latest.date} is after asOf ${asOf}`);

  const baseline = input.baseline ?? latest;
  const compound = method === 'cagr' ? cagrPath(baseline, latest, target) : null;
  const path = compound ?? linearPath(baseline, latest, target);
  const methodUsed = compound ? 'cagr' : 'linear';
  const reached = reaches(latest.value, target, direction);
  // One dated point is no trend: a path from it to itself would say "on track" whatever the value.
  const trend = daysBetween(baseline.date, latest.date) > 0;
  const expected = trend ? path.expected : null;
  const result = (status: Status, ratio: number | null): TargetEvaluation => ({ status, reached, expected, ratio, latest, baseline, methodUsed });
  if (reached) return result('achieved', trend ? Math.max(1, path.ratio) : null);
  if (daysBetween(target.dueDate, asOf) > 0) return result('missed', trend ? path.ratio : null);
  if (!trend) return result('insufficient_data', null);
  return result(statusFromRatio(path.ratio, thresholds), path.ratio);
}
