import type { Field } from './columns';
import type { ImportProblem, ImportRow } from './types';

/** A cell as read from either format: text, a numeric cell, a date cell, a formula (refused) or an error (#N/A). */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  /** iso is null when the cell holds a date no calendar has (or one outside years 1000–9999). */
  | { kind: 'date'; iso: string | null }
  | { kind: 'formula' }
  | { kind: 'error'; code: string };

export const EMPTY: Cell = { kind: 'empty' };

export const TEXT_LIMITS = { indicatorName: 300, source: 300, comment: 2000, reason: 1000 } as const;
/** Larger than any figure of the roadmap (documents count in the hundreds of millions): a typo or garbage. */
export const MAX_ABS_VALUE = 1e15;

export function isBlank(cell: Cell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A real calendar date as YYYY-MM-DD, or null (2023-02-30 is not one); years 1000–9999. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1000 || y > 9999) return null;
  const t = new Date(Date.UTC(2000, 0, 1));
  t.setUTCFullYear(y, m - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The calendar date of a spreadsheet date cell: its UTC date parts (spreadsheet dates carry no time zone). */
export function dateCellIso(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** A date typed as YYYY-MM-DD or the French DD/MM/YYYY, as YYYY-MM-DD if it is a real date; otherwise null. */
export function readDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return isoDate(+m[3], +m[2], +m[1]);
  return null;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SPACED_THOUSANDS = /^[+-]?\d{1,3}( \d{3})+([.,]\d+)?$/;

/**
 * A number as typed: "1234.5", "-2.5e3"; with `decimalComma` (French files) also "1234,5" and
 * "1 234 567,5" (spaces, non-breaking or narrow spaces between groups of three digits). Returns
 * null for anything else, Infinity for "1e309" (the caller refuses it as not finite).
 */
export function readNumber(text: string, decimalComma: boolean): number | null {
  let t = text.trim().replace(/\u2212/g, '-');
  if (decimalComma) {
    t = t.replace(/[\u00a0\u202f\u2009]/g, ' ');
    if (t.includes(' ')) {
      if (!SPACED_THOUSANDS.test(t)) return null;
      t = t.replace(/ /g, '');
    }
    if (/^[^.]*,[^,]*$/.test(t)) t = t.replace(',', '.');
  }
  return PLAIN_NUMBER.test(t) ? Number(t) : null;
}

/** What a cell shows, for messages (the catalogue quotes it): cut at 40 characters. */
function shown(cell: Cell): string {
  const s = cell.kind === 'date' && !cell.iso ? '?' : cellText(cell);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** A cell's content as text: trimmed text, numbers and dates as written, an error's code. */
export function cellText(cell: Cell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.iso ?? '';
    case 'error':
      return cell.code;
    default:
      return '';
  }
}

export interface ReadRowResult {
  row: ImportRow;
  problems: ImportProblem[];
}

/**
 * Turns one non-empty row of cells into an ImportRow, collecting every problem with its line and
 * field (a cell with a problem stays null in the row). Only what needs no database is checked.
 */
export function readRow(line: number, cells: Cell[], fields: Map<number, Field>, decimalComma: boolean): ReadRowResult {
  const row: ImportRow = {
    line,
    indicatorId: null,
    objectiveCode: null,
    indicatorName: null,
    value: null,
    observedAt: null,
    source: null,
    comment: null,
    reason: null,
    territory: null,
    denominator: null,
  };
  const problems: ImportProblem[] = [];
  const bad = new Set<Field>();
  const problem = (field: Field, code: string, params?: ImportProblem['params']) => {
    bad.add(field);
    problems.push({ line, field, code, ...(params && { params }) });
  };

  for (const [index, field] of fields) {
    const cell = cells[index] ?? EMPTY;
    if (isBlank(cell)) continue;
    if (cell.kind === 'formula') {
      problem(field, 'import.cell.formula');
      continue;
    }
    if (cell.kind === 'error') {
      problem(field, 'import.cell.error', { error: cell.code });
      continue;
    }
    switch (field) {
      case 'value':
      case 'denominator': {
        const v = cell.kind === 'number' ? cell.value : cell.kind === 'text' ? readNumber(cell.text, decimalComma) : null;
        if (v === null || !Number.isFinite(v)) problem(field, 'import.cell.not_a_number', { cell: shown(cell) });
        else if (Math.abs(v) > MAX_ABS_VALUE) problem(field, 'import.cell.value_too_large', { cell: shown(cell), max: MAX_ABS_VALUE });
        else row[field] = v === 0 ? 0 : v; // no -0
        break;
      }
      case 'territory': {
        const text = cellText(cell).trim();
        if (text.length > 40) problem(field, 'validation.too_long', { max: 40, length: text.length });
        else row.territory = text;
        break;
      }
      case 'observedAt': {
        const d = cell.kind === 'date' ? cell.iso : cell.kind === 'text' ? readDate(cell.text) : null;
        if (d) row.observedAt = d;
        else if (cell.kind === 'number') problem(field, 'import.cell.date_is_number', { cell: shown(cell) });
        else problem(field, 'import.cell.not_a_date', { cell: shown(cell) });
        break;
      }
      case 'indicatorId': {
        const n = cell.kind === 'number' ? cell.value : cell.kind === 'text' && /^\d{1,15}$/.test(cell.text.trim()) ? Number(cell.text.trim()) : NaN;
        if (!Number.isSafeInteger(n) || n < 1) problem(field, 'import.cell.not_an_id', { cell: shown(cell) });
        else row.indicatorId = n;
        break;
      }
      case 'objectiveCode': {
        const text = cell.kind === 'text' ? cell.text.trim() : '';
        if (/^\d{1,2}-\d{1,2}$/.test(text)) row.objectiveCode = text;
        else if (cell.kind === 'date') problem(field, 'import.cell.code_is_date', { cell: shown(cell) });
        else problem(field, 'import.cell.not_a_code', { cell: shown(cell) });
        break;
      }
      case 'indicatorName':
      case 'source':
      case 'comment':
      case 'reason': {
        const text = cellText(cell);
        const limit = TEXT_LIMITS[field];
        if (text.length > limit) problem(field, 'validation.too_long', { max: limit, length: text.length });
        else row[field] = text;
        break;
      }
    }
  }

  // A missing cell is reported only if the cell is not already reported as wrong.
  const given = (f: Field) => row[f] !== null || bad.has(f);
  const hasColumn = (f: Field) => [...fields.values()].includes(f);
  if (!given('indicatorId') && !(given('objectiveCode') && given('indicatorName'))) {
    if (given('objectiveCode')) problem('indicatorName', 'import.cell.missing_indicator_name');
    else if (given('indicatorName')) problem('objectiveCode', 'import.cell.missing_objective_code');
    else problem(hasColumn('indicatorId') ? 'indicatorId' : 'objectiveCode', 'import.cell.missing_indicator');
  }
  if (!given('value')) problem('value', 'import.cell.empty');
  if (!given('observedAt')) problem('observedAt', 'import.cell.empty');
  return { row, problems };
}
