import type { ImportProblem, ImportRow } from './types';

export type Field = 'indicatorId' | 'objectiveCode' | 'indicatorName' | 'value' | 'observedAt' | 'source' | 'comment';

/** Accepted header names, English and French; compared without case, accents, spaces or punctuation. */
const ALIASES: Record<Field, string[]> = {
  indicatorId: ['indicatorid', 'idindicateur', 'indicateurid', 'identifiantindicateur'],
  objectiveCode: ['objectivecode', 'objective', 'codeobjectif', 'objectif'],
  indicatorName: ['indicatorname', 'indicator', 'indicatorkey', 'indicateur', 'nomindicateur', 'indicateurnom'],
  value: ['value', 'valeur'],
  observedAt: ['observedat', 'date', 'datedobservation', 'dateobservation', 'observationdate'],
  source: ['source'],
  comment: ['comment', 'commentaire', 'comments', 'commentaires'],
};

export const normaliseHeader = (h: string): string =>
  h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export interface ColumnMap {
  fields: Map<number, Field>;
  problems: ImportProblem[];
}

/** Maps header cells to fields; unknown or missing columns are whole-file problems. */
export function mapColumns(headers: string[]): ColumnMap {
  const fields = new Map<number, Field>();
  const unknown: string[] = [];
  const problems: ImportProblem[] = [];
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (!key) return;
    const field = (Object.keys(ALIASES) as Field[]).find((f) => ALIASES[f].includes(key));
    if (!field) unknown.push(h);
    else if ([...fields.values()].includes(field)) problems.push({ line: 1, field, message: `column "${h}" repeats the ${field} column` });
    else fields.set(i, field);
  });
  const has = (f: Field) => [...fields.values()].includes(f);
  const expected = 'indicatorId (or objectiveCode + indicatorName), value, observedAt, source, comment';
  if (unknown.length) {
    problems.push({ line: 1, field: null, message: `unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; expected: ${expected}` });
  }
  const missing = (['value', 'observedAt'] as Field[]).filter((f) => !has(f));
  if (!has('indicatorId') && !(has('objectiveCode') && has('indicatorName'))) missing.unshift('indicatorId' as Field);
  if (missing.length) {
    problems.push({
      line: 1,
      field: null,
      message: `missing column(s) ${missing.join(', ')}${missing[0] === 'indicatorId' ? ' (or objectiveCode + indicatorName)' : ''}; expected: ${expected}`,
    });
  }
  return { fields, problems };
}

export const TEXT_LIMITS: Partial<Record<Field, number>> = { source: 300, comment: 2000, indicatorName: 300, objectiveCode: 10 };
export const MAX_ABS_VALUE = 1e15;

/** A cell as read: text, a number from a numeric cell, a date from a date cell, or a refusal. */
export type Cell = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'date'; iso: string } | { kind: 'formula' };

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** YYYY-MM-DD or French DD/MM/YYYY, as a real date. */
export function readDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m && isRealDate(+m[1], +m[2], +m[3])) return t;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m && isRealDate(+m[3], +m[2], +m[1])) return `${m[3]}-${pad(+m[2])}-${pad(+m[1])}`;
  return null;
}

/** A number as typed: "1234.5", or with a French separator "1 234,5" (decimal comma, space thousands). */
export function readNumber(text: string, decimalComma: boolean): number | null {
  let t = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (decimalComma) t = t.replace(/(\d) (?=\d{3}\b)/g, '$1').replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Turns one row of cells into an ImportRow, collecting every problem with its line and field. */
export function readRow(
  line: number,
  cells: Cell[],
  fields: Map<number, Field>,
  decimalComma: boolean,
): { row: ImportRow | null; problems: ImportProblem[] } {
  const row: ImportRow = { line, indicatorId: null, objectiveCode: null, indicatorName: null, value: null, observedAt: null, source: null, comment: null };
  const problems: ImportProblem[] = [];
  const problem = (field: Field, message: string) => problems.push({ line, field, message });
  if (cells.every((c) => c.kind === 'empty' || (c.kind === 'text' && c.text.trim() === ''))) return { row: null, problems };

  for (const [index, field] of fields) {
    const cell = cells[index] ?? { kind: 'empty' };
    if (cell.kind === 'formula') {
      problem(field, 'formulas are not accepted; paste values instead');
      continue;
    }
    const text = cell.kind === 'text' ? cell.text.trim() : cell.kind === 'number' ? String(cell.value) : cell.kind === 'date' ? cell.iso : '';
    if (cell.kind === 'empty' || text === '') continue;
    const limit = TEXT_LIMITS[field];
    if (limit && text.length > limit) {
      problem(field, `is longer than ${limit} characters`);
      continue;
    }
    switch (field) {
      case 'value': {
        const v = cell.kind === 'number' ? cell.value : cell.kind === 'text' ? readNumber(text, decimalComma) : null;
        if (v === null || !Number.isFinite(v)) problem(field, `"${text.slice(0, 40)}" is not a finite number`);
        else if (Math.abs(v) > MAX_ABS_VALUE) problem(field, `must be between -${MAX_ABS_VALUE} and ${MAX_ABS_VALUE}`);
        else row.value = v;
        break;
      }
      case 'observedAt': {
        const d = cell.kind === 'date' ? cell.iso : readDate(text);
        if (!d) problem(field, `"${text.slice(0, 40)}" is not a real date (write YYYY-MM-DD or DD/MM/YYYY)`);
        else row.observedAt = d;
        break;
      }
      case 'indicatorId': {
        if (!/^\d{1,9}$/.test(text) || Number(text) < 1) problem(field, `"${text.slice(0, 40)}" is not an indicator id (a positive whole number)`);
        else row.indicatorId = Number(text);
        break;
      }
      case 'objectiveCode': {
        if (!/^\d{1,2}-\d{1,2}$/.test(text)) problem(field, `"${text}" is not an objective code like "1-1"`);
        else row.objectiveCode = text;
        break;
      }
      default:
        row[field] = text;
    }
  }
  if (row.value === null && !problems.some((p) => p.field === 'value')) problem('value', 'is missing');
  if (row.observedAt === null && !problems.some((p) => p.field === 'observedAt')) problem('observedAt', 'is missing');
  if (row.indicatorId === null && !problems.some((p) => p.field === 'indicatorId' || p.field === 'objectiveCode')) {
    if (!row.objectiveCode || !row.indicatorName) problem('indicatorId', 'is missing (or give objectiveCode and indicatorName)');
  }
  return { row: problems.length ? null : row, problems };
}
