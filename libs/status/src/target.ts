import { daysBetween } from './dates';
import { DEFAULT_THRESHOLDS, Status, statusFromRatio, Thresholds, validateThresholds } from './status';

export interface Observation {
  value: number;
  /** The date the value describes. */
  date: string;
}
export type Direction = 'increase' | 'decrease';
export type Method = 'linear' | 'cagr';
export interface TargetInput {
  value: number;
  dueDate: string;
  /** "more than N": reached only when the value goes beyond N. */
  exclusive: boolean;
}
export interface TargetEvaluation {
  status: Status;
  reached: boolean;
  /** Where the trajectory says the value should be at the latest measurement's date. */
  expected: number | null;
  /** Progress made over progress expected; computed whenever there is data, whatever the status. */
  ratio: number | null;
  latest: Observation | null;
  baseline: Observation | null;
  methodUsed: Method;
}
export interface TargetEvaluationInput {
  target: TargetInput;
  direction: Direction;
  method: Method;
  /** The indicator's baseline; null means its first measurement, i.e. `latest` when it is the only one. */
  baseline: Observation | null;
  /** The latest measurement observed on or before asOf (the caller picks it). */
  latest: Observation | null;
  asOf: string;
  thresholds?: Thresholds;
}

const YEAR_DAYS = 365.25;

export function reaches(value: number, target: TargetInput, direction: Direction): boolean {
  if (direction === 'increase') return target.exclusive ? value > target.value : value >= target.value;
  return target.exclusive ? value < target.value : value <= target.value;
}

/** Linear path from baseline (b, t0) to target (T, td): e = b + (T − b)·min(1, (t − t0)/(td − t0)). */
function linear(b: Observation, latest: Observation, target: TargetInput): { expected: number; ratio: number } {
  const span = daysBetween(b.date, target.dueDate);
  const elapsed = daysBetween(b.date, latest.date);
  const fraction = span <= 0 ? 1 : Math.min(1, Math.max(0, elapsed / span));
  const expected = b.value + (target.value - b.value) * fraction;
  const ratio = expected === b.value ? 1 : (latest.value - b.value) / (expected - b.value);
  return { expected, ratio };
}

/**
 * Compound annual growth (Open SDG's CAGR variant): observed CAGR over required CAGR. Only defined
 * for positive baseline, value and target, and a due date after the baseline.
 */
function cagr(b: Observation, latest: Observation, target: TargetInput): { expected: number; ratio: number } | null {
  const yearsToDue = daysBetween(b.date, target.dueDate) / YEAR_DAYS;
  if (!(b.value > 0 && latest.value > 0 && target.value > 0 && yearsToDue > 0)) return null;
  const required = Math.pow(target.value / b.value, 1 / yearsToDue) - 1;
  const years = Math.max(0, daysBetween(b.date, latest.date)) / YEAR_DAYS;
  const expected = b.value * Math.pow(1 + required, Math.min(years, yearsToDue));
  if (years === 0 || required === 0) return { expected, ratio: 1 };
  const observed = Math.pow(latest.value / b.value, 1 / years) - 1;
  return { expected, ratio: observed / required };
}

export function evaluateTarget(input: TargetEvaluationInput): TargetEvaluation {
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  validateThresholds(thresholds);
  const { target, latest, asOf } = input;
  daysBetween(target.dueDate, asOf); // validates both dates
  if (!latest) {
    return { status: 'no_data', reached: false, expected: null, ratio: null, latest: null, baseline: input.baseline, methodUsed: input.method };
  }
  const baseline = input.baseline ?? latest;
  const path = (input.method === 'cagr' && cagr(baseline, latest, target)) || linear(baseline, latest, target);
  const methodUsed: Method = input.method === 'cagr' && cagr(baseline, latest, target) ? 'cagr' : 'linear';
  const reached = reaches(latest.value, target, input.direction);
  const status: Status = reached
    ? 'achieved'
    : daysBetween(target.dueDate, asOf) > 0
      ? 'missed'
      : statusFromRatio(path.ratio, thresholds);
  return { status, reached, expected: path.expected, ratio: path.ratio, latest, baseline, methodUsed };
}
