import { parsePeriod, Period, PeriodKind } from '@app/common';
import { Lang, periodLabel } from '@app/presentation';

/** The roadmap runs from 2023: no report covers an earlier period. */
const FIRST_YEAR = 2023;
const MONTHS_OFFERED = 12;

export interface PeriodChoice {
  kind: PeriodKind;
  options: { value: string; label: string }[];
}

/** The period a report is asked for by default: the current quarter. */
export function currentQuarter(today: string): Period {
  const [y, m] = today.split('-').map(Number);
  return parsePeriod(`${y}-Q${Math.floor((m - 1) / 3) + 1}`);
}

/**
 * The periods the report form offers, newest first, grouped by kind: every quarter, half-year and
 * year since the roadmap began, and the last twelve months (all up to the one `today` falls in).
 */
export function recentPeriods(today: string, lang: Lang): PeriodChoice[] {
  const [y, m] = today.split('-').map(Number);
  const ids: Record<PeriodKind, string[]> = { quarter: [], month: [], half: [], year: [] };
  for (let year = y; year >= FIRST_YEAR; year--) {
    ids.year.push(String(year));
    for (let h = 2; h >= 1; h--) if (year < y || (h - 1) * 6 < m) ids.half.push(`${year}-H${h}`);
    for (let q = 4; q >= 1; q--) if (year < y || (q - 1) * 3 < m) ids.quarter.push(`${year}-Q${q}`);
  }
  for (let k = 0; k < MONTHS_OFFERED; k++) {
    const date = new Date(Date.UTC(y, m - 1 - k, 1));
    if (date.getUTCFullYear() < FIRST_YEAR) break;
    ids.month.push(`${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return (['quarter', 'month', 'half', 'year'] as const).map((kind) => ({
    kind,
    options: ids[kind].map((id) => ({ value: id, label: periodLabel(parsePeriod(id), lang) })),
  }));
}
