import type { IndicatorUnit } from './model';

/** Beyond this, a double no longer holds every integer exactly: no roadmap quantity comes close. */
export const MAX_ABS_VALUE = 1e15;

/**
 * What a measured value may be for its unit: a count is a whole number ≥ 0, a percentage lies in
 * 0–100, rates are ≥ 0; months (a change in lead time) may be negative. Returns the problem or null.
 */
export function valueProblem(unit: IndicatorUnit | string, value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  if (Math.abs(value) > MAX_ABS_VALUE) return `must be between -${MAX_ABS_VALUE} and ${MAX_ABS_VALUE}`;
  switch (unit) {
    case 'percent':
      return value < 0 || value > 100 ? 'is a percentage: it must be between 0 and 100' : null;
    case 'count':
      if (value < 0) return 'is a count: it cannot be negative';
      return Number.isInteger(value) ? null : 'is a count: it must be a whole number';
    case 'documents_per_year':
    case 'users_per_day':
    case 'visitors_per_year':
      return value < 0 ? 'is a rate: it cannot be negative' : null;
    default:
      return null;
  }
}
