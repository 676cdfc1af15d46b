import { addDays, assertIsoDate, compareDates, daysBetween } from './dates';
import { DAYS_PER_YEAR, Direction, Method, Observation, reaches, TargetInput } from './target';

/**
 * A numeric target's forecast: where the indicator gets to if it keeps the pace observed so far.
 * Pure (no clock, no I/O): asOf is given, and values dated after it are not seen.
 */

/** How the pace was measured: a straight line (units per year) or a compound rate (growth per year, 0.1 = +10 %). */
export interface Pace {
  /** 'linear' when cagr was asked for but does not apply (a value ≤ 0, or a target ≤ 0). */
  method: Method;
  /** Linear: change per year, in the indicator's unit. Compound: yearly growth rate (−0.05 = −5 % a year). */
  perYear: number;
  /** Dates of the oldest and latest values the pace is measured over, and how many values. */
  from: string;
  to: string;
  values: number;
}
export type TargetForecast =
  /** No value on or before asOf, or only values of one date: no pace can be told. */
  | { kind: 'insufficient_data' }
  /** The latest value already reaches the target (the same rule as the status's "achieved"); `on` is that value's date. */
  | { kind: 'reached'; on: string }
  /** At this pace, reached on or before the due date. */
  | { kind: 'on_pace'; pace: Pace; expectedAtDue: number | null; reachedOn: string; monthsLate: 0 }
  /** At this pace, reached after the due date, `monthsLate` calendar months after it (at least 1). */
  | { kind: 'late'; pace: Pace; expectedAtDue: number | null; reachedOn: string; monthsLate: number }
  /** The pace is flat or goes the wrong way, or would reach the target only after FORECAST_HORIZON. */
  | { kind: 'never'; pace: Pace; expectedAtDue: number | null };
export type ForecastKind = TargetForecast['kind'];
export const FORECAST_KINDS: readonly ForecastKind[] = ['reached', 'on_pace', 'late', 'never', 'insufficient_data'];

export interface ForecastInput {
  /** The indicator's values, oldest first (values of one date: the last one given counts). Values after asOf are ignored. */
  series: Observation[];
  direction: Direction;
  method: Method;
  target: TargetInput;
  asOf: string;
}

/**
 * A reach date later than this is no forecast but a way of saying "never": a pace that takes past
 * the end of the century to get there is, for a roadmap steered year by year, flat.
 */
export const FORECAST_HORIZON = '2100-12-31';

/**
 * The pace is measured over the year before the latest value, through at most five values: the
 * latest, and the last value on or before each quarter mark before it (3, 6, 9 and 12 months back,
 * as k·365.25/4 days rounded). Why not every value of the year: a least-squares line through values
 * spread over a year smooths noise about as well as one through all of them, and reading five
 * values is five indexed lookups whatever the history holds (60 monthly or 3 200 daily values),
 * which keeps the status's cost per indicator flat (apps/bench). Why a year: long enough that one
 * bad month does not swing the forecast, short enough that the pace is the current one, not that of
 * 2019. A series with a gap reaches back to the last value before each mark, so a yearly indicator
 * gets last year's value. With no value at least three months older than the latest, the pace runs
 * from the first value to the latest.
 */
export const PACE_MARK_DAYS: readonly number[] = [1, 2, 3, 4].map((k) => Math.round((k * DAYS_PER_YEAR) / 4)); // 91, 183, 274, 365

/** The dates of the quarter marks before a latest value, latest mark first: the caller reads the last value on or before each. */
export function paceMarks(latestDate: string): string[] {
  assertIsoDate(latestDate, 'latestDate');
  return PACE_MARK_DAYS.map((d) => addDays(latestDate, -d));
}

/**
 * The values the pace is measured over (see PACE_MARK_DAYS), oldest first, one per date; fewer than
 * two means no pace. `series` must be sorted oldest first and hold no value after asOf.
 */
export function paceValues(series: Observation[]): Observation[] {
  if (series.length === 0) return [];
  const latest = series[series.length - 1];
  const picked = new Map<string, Observation>([[latest.date, latest]]);
  let i = series.length - 1;
  for (const mark of paceMarks(latest.date)) {
    while (i >= 0 && compareDates(series[i].date, mark) > 0) i--;
    if (i < 0) break;
    if (!picked.has(series[i].date)) picked.set(series[i].date, series[i]);
  }
  if (picked.size === 1 && series[0].date !== latest.date) picked.set(series[0].date, series[0]);
  return [...picked.values()].sort((a, b) => compareDates(a.date, b.date));
}

function validate(input: ForecastInput): void {
  const { direction, method, target, asOf } = input;
  if (direction !== 'increase' && direction !== 'decrease') throw new Error(`Unknown direction ${JSON.stringify(direction)}`);
  if (method !== 'linear' && method !== 'cagr') throw new Error(`Unknown method ${JSON.stringify(method)}`);
  assertIsoDate(asOf, 'asOf');
  if (!target || !Number.isFinite(target.value)) throw new Error(`target.value must be a finite number, got ${target?.value}`);
  assertIsoDate(target.dueDate, 'target.dueDate');
  if (!Array.isArray(input.series)) throw new Error('series must be a list of values');
  input.series.forEach((o, k) => {
    if (!Number.isFinite(o?.value)) throw new Error(`series[${k}].value must be a finite number, got ${o?.value}`);
    assertIsoDate(o.date, `series[${k}].date`);
  });
}

/** Least-squares slope of y over x (x in days). Needs two distinct x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  return sxy / sxx;
}

/**
 * The projection from the latest value: value(d) d days after it, and the (real, possibly
 * fractional or infinite) number of days until it equals T. Linear: v + s·d. Compound: v·e^(g·d),
 * with g the least-squares slope of ln(value), only when every value and T are > 0.
 */
interface Projection {
  pace: Pace;
  at(days: number): number;
  /** Days from the latest value until the projection equals T; NaN or ≤ 0 or Infinity when it never gets there. */
  daysTo(targetValue: number): number;
}
function project(values: Observation[], method: Method, targetValue: number): Projection {
  const latest = values[values.length - 1];
  const span = { from: values[0].date, to: latest.date, values: values.length };
  const x = (o: Observation) => daysBetween(latest.date, o.date);
  if (method === 'cagr' && targetValue > 0 && values.every((o) => o.value > 0)) {
    const g = slope(values.map((o) => ({ x: x(o), y: Math.log(o.value) })));
    return {
      pace: { method: 'cagr', perYear: Math.expm1(g * DAYS_PER_YEAR), ...span },
      at: (d) => latest.value * Math.exp(g * d),
      daysTo: (t) => Math.log(t / latest.value) / g,
    };
  }
  const s = slope(values.map((o) => ({ x: x(o), y: o.value })));
  return {
    pace: { method: 'linear', perYear: s * DAYS_PER_YEAR, ...span },
    at: (d) => latest.value + s * d,
    daysTo: (t) => (t - latest.value) / s,
  };
}

/** Calendar month number (year·12 + month): months late are counted on the calendar, as the sentence names a month. */
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));

/**
 * Months late: calendar months from the due date's month to the reach date's month (due 2026-12-31,
 * reached 2028-03-02 → March − December 2026 = 15), so that "reached in March 2028: 15 months late"
 * adds up for the reader. Reached later in the due month itself still counts 1: a late target is
 * never "0 months late".
 */
export function monthsLate(dueDate: string, reachedOn: string): number {
  assertIsoDate(dueDate, 'dueDate');
  assertIsoDate(reachedOn, 'reachedOn');
  if (compareDates(reachedOn, dueDate) <= 0) return 0;
  return Math.max(1, monthIndex(reachedOn) - monthIndex(dueDate));
}

/** A projected value within a billionth (relative) of T is T: floating point must not decide "reached" or not. */
const snap = (value: number, target: number) => (Math.abs(value - target) <= 1e-9 * Math.max(1, Math.abs(target)) ? target : value);

/**
 * The first whole day (≥ 1 after the latest value) on which the projection reaches T, or null when it
 * never does before FORECAST_HORIZON. A crossing within a billionth of a day of a whole day is on that
 * day; an exclusive target ("more than N") reached exactly on a day needs the next day to be beyond N.
 */
function reachDay(p: Projection, latest: Observation, target: TargetInput, direction: Direction): number | null {
  const exact = p.daysTo(target.value);
  const limit = daysBetween(latest.date, FORECAST_HORIZON);
  // Moving the wrong way or not at all gives a crossing in the past (< 0), none (NaN) or at infinity.
  if (!(exact >= 0) || !(exact <= limit + 1)) return null;
  let day = Math.max(1, Math.ceil(Math.round(exact * 1e9) / 1e9));
  // At most two steps: the exact-crossing day of an exclusive target, and rounding that landed a hair short.
  for (let step = 0; step < 2 && !reaches(snap(p.at(day), target.value), target, direction); step++) day++;
  return day <= limit ? day : null;
}

/**
 * The forecast of one target as of asOf: insufficient_data without two values on distinct dates up
 * to asOf; reached when the latest value reaches T (the status's own rule, `reaches`); otherwise the
 * pace (PACE_MARK_DAYS) projected from the latest value: the value expected on the due date (null
 * when the due date is before the latest value: what it was then is known) and the first day it
 * reaches T — on_pace when that day is on or before the due date, late after it (monthsLate),
 * never when the pace is flat, goes the wrong way, or gets there only after FORECAST_HORIZON. A
 * target already past due and not reached is forecast the same way: how late it will be. The
 * projection starts at the latest value; when values lag behind asOf, a reach date the pace puts on
 * or before asOf becomes the day after asOf (no value shows it reached; staleness flags such lags).
 */
export function forecastTarget(input: ForecastInput): TargetForecast {
  validate(input);
  const { direction, method, target, asOf } = input;
  const seen = input.series
    .map((o) => ({ value: o.value, date: o.date }))
    .filter((o) => compareDates(o.date, asOf) <= 0)
    .sort((a, b) => compareDates(a.date, b.date)); // stable: of one date, the last given stays last
  if (seen.length === 0) return { kind: 'insufficient_data' };
  const latest = seen[seen.length - 1];
  if (reaches(latest.value, target, direction)) return { kind: 'reached', on: latest.date };
  const values = paceValues(seen);
  if (values.length < 2) return { kind: 'insufficient_data' };

  const p = project(values, method, target.value);
  const toDue = daysBetween(latest.date, target.dueDate);
  const expectedAtDue = toDue >= 0 ? p.at(toDue) : null;
  const day = reachDay(p, latest, target, direction);
  if (day === null) return { kind: 'never', pace: p.pace, expectedAtDue };
  // No value up to asOf reaches T, so T cannot have been reached by asOf, whatever the pace says
  // when values lag behind: the earliest reach date is the day after asOf (a target past due is then late).
  const projected = addDays(latest.date, day);
  const reachedOn = compareDates(projected, asOf) > 0 ? projected : addDays(asOf, 1);
  const late = monthsLate(target.dueDate, reachedOn);
  return late === 0
    ? { kind: 'on_pace', pace: p.pace, expectedAtDue, reachedOn, monthsLate: 0 }
    : { kind: 'late', pace: p.pace, expectedAtDue, reachedOn, monthsLate: late };
}
