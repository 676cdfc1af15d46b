/**
 * How many decimals a figure deserves where it is exported: counts are whole, percentages keep 2,
 * rates and durations 1–2, progress ratios 3. Shared so that every export rounds the same way.
 */
const UNIT_DECIMALS: Record<string, number> = {
  count: 0,
  percent: 2,
  documents_per_year: 0,
  users_per_day: 0,
  visitors_per_year: 0,
  months: 1,
};

/** Decimals of a value in this unit (2 for a unit not listed). */
export function valueDecimals(unit: string): number {
  return UNIT_DECIMALS[unit] ?? 2;
}

/** Progress ratios (observed progress / expected progress). */
export const RATIO_DECIMALS = 3;
