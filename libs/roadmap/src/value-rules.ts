import type { IndicatorUnit } from './model';

/** Beyond this, a double no longer holds every integer exactly: no roadmap quantity comes close. */
export const MAX_ABS_VALUE = 1e15;

/** What is wrong with a value: a message code (see @app/presentation's catalogue) and its parameters. */
export interface ValueProblem {
  code: string;
  params?: { max: number };
}

/**
 * What a measured value may be for its unit: a count is a whole number ≥ 0, a percentage lies in
 * 0–100, rates are ≥ 0; months (a change in lead time) may be negative. Returns the problem or null.
 */
export function valueProblem(unit: IndicatorUnit | string, value: number): ValueProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'validation.not_a_number' };
  if (Math.abs(value) > MAX_ABS_VALUE) return { code: 'value.out_of_bounds', params: { max: MAX_ABS_VALUE } };
  switch (unit) {
    case 'percent':
      return value < 0 || value > 100 ? { code: 'value.percent_out_of_range' } : null;
    case 'count':
      if (value < 0) return { code: 'value.negative_count' };
      return Number.isInteger(value) ? null : { code: 'value.fractional_count' };
    case 'documents_per_year':
    case 'users_per_day':
    case 'visitors_per_year':
      return value < 0 ? { code: 'value.negative_rate' } : null;
    default:
      return null;
  }
}
