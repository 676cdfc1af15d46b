import { ValidationFailed } from './errors';

/**
 * Reporting periods, written as people write them: "2025-11" (a month), "2025-Q4" (a quarter),
 * "2025-H2" (a half-year), "2025" (a year).
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export interface Period {
  id: string;
  kind: PeriodKind;
  /** First and last day, ISO. */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m is 1-based

function make(kind: PeriodKind, id: string, y: number, firstMonth: number, months: number): Period {
  const lastMonth = firstMonth + months - 1;
  return { id, kind, start: `${y}-${pad(firstMonth)}-01`, end: `${y}-${pad(lastMonth)}-${pad(lastDay(y, lastMonth))}` };
}

/** Not a period a person writes: a validation problem of the field `period`. */
export class PeriodError extends ValidationFailed {
  constructor(readonly text: string) {
    super([{ code: 'period.invalid', field: 'period', params: { text: text.slice(0, 40) } }]);
  }
}

export function parsePeriod(text: string): Period {
  const t = text.trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(20\d\d)$/.exec(t))) return make('year', t, +m[1], 1, 12);
  if ((m = /^(20\d\d)-H([12])$/.exec(t))) return make('half', t, +m[1], m[2] === '1' ? 1 : 7, 6);
  if ((m = /^(20\d\d)-Q([1-4])$/.exec(t))) return make('quarter', t, +m[1], (+m[2] - 1) * 3 + 1, 3);
  if ((m = /^(20\d\d)-(0[1-9]|1[0-2])$/.exec(t))) return make('month', t, +m[1], +m[2], 1);
  throw new PeriodError(text);
}

/** The last complete period of a kind before a date: what a scheduled report on that date covers. */
export function previousPeriod(kind: PeriodKind, date: string): Period {
  const [y, mo] = date.split('-').map(Number);
  switch (kind) {
    case 'month':
      return mo === 1 ? parsePeriod(`${y - 1}-12`) : parsePeriod(`${y}-${pad(mo - 1)}`);
    case 'quarter': {
      const q = Math.floor((mo - 1) / 3) + 1;
      return q === 1 ? parsePeriod(`${y - 1}-Q4`) : parsePeriod(`${y}-Q${q - 1}`);
    }
    case 'half':
      return mo <= 6 ? parsePeriod(`${y - 1}-H2`) : parsePeriod(`${y}-H1`);
    case 'year':
      return parsePeriod(String(y - 1));
  }
}
