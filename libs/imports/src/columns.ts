import type { ImportProblem } from './types';

export type Field = 'indicatorId' | 'objectiveCode' | 'indicatorName' | 'value' | 'observedAt' | 'source' | 'comment' | 'reason' | 'territory' | 'denominator';
export const FIELDS: readonly Field[] = [
  'indicatorId',
  'objectiveCode',
  'indicatorName',
  'value',
  'observedAt',
  'source',
  'comment',
  'reason',
  'territory',
  'denominator',
];

/**
 * A header cell compared without case, accents, spaces or punctuation: "Date d'observation",
 * "date_observation" and "DATE D OBSERVATION" are the same column.
 */
export const normaliseHeader = (h: string): string =>
  h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Accepted header names, English and French, written as people write them (normalised below). */
const ALIASES: Record<Field, string[]> = {
  indicatorId: [
    'indicatorId',
    'indicator_id',
    'indicator id',
    'id indicateur',
    'identifiant indicateur',
    "identifiant de l'indicateur",
    'indicateur id',
    'indicateur',
  ],
  objectiveCode: ['objectiveCode', 'objective', 'objective code', 'code objectif', "code de l'objectif", 'objectif'],
  indicatorName: ['indicatorName', 'indicator', 'indicator name', 'indicator key', 'indicateur nom', 'nom indicateur', "nom de l'indicateur"],
  value: ['value', 'valeur'],
  observedAt: ['observedAt', 'observed at', 'date', "date d'observation", 'observation date', 'date de la valeur', 'date of the value'],
  source: ['source'],
  comment: ['comment', 'commentaire', 'comments', 'commentaires'],
  reason: ['reason', 'correction reason', 'motif', 'motif de correction', 'motif de la correction'],
  // One cell `region:84` / `departement:2A`: the level keeps region 11 apart from département 11, and a
  // text cell keeps the code's leading zero (a spreadsheet drops it from a number: 01 → 1).
  territory: ['territory', 'territoire'],
  denominator: ['denominator', 'dénominateur', 'denominateur'],
};

const BY_NAME = new Map<string, Field>();
for (const field of FIELDS) for (const alias of ALIASES[field]) BY_NAME.set(normaliseHeader(alias), field);

/** "Indicateur" alone is an id; next to an objective code (and no other name column) it is the indicator's name. */
const AMBIGUOUS_INDICATEUR = normaliseHeader('indicateur');

export const EXPECTED_COLUMNS =
  'indicatorId (or objectiveCode + indicatorName), value, observedAt, and optionally source, comment, reason (to correct a value), ' +
  'territory (region:84, departement:2A), denominator (of a weighted rate) ' +
  '(in French: id indicateur (or code objectif + nom indicateur), valeur, date, source, commentaire, motif, territoire, dénominateur)';

export interface ColumnMap {
  /** Column index (0-based) → field, for the columns that name a field. */
  fields: Map<number, Field>;
  /** Column indexes whose header cell is empty: they must stay empty. */
  unnamed: Set<number>;
  /** Whole-file problems with the header; when there are any, the rows are not read. */
  problems: ImportProblem[];
}

/** Maps header cells to fields; unknown, repeated and missing columns are whole-file problems. */
export function mapColumns(headers: string[]): ColumnMap {
  const fields = new Map<number, Field>();
  const unnamed = new Set<number>();
  const unknown: string[] = [];
  const problems: ImportProblem[] = [];
  const keys = headers.map(normaliseHeader);
  const hasObjective = keys.some((k) => BY_NAME.get(k) === 'objectiveCode');
  const hasName = keys.some((k) => k !== AMBIGUOUS_INDICATEUR && BY_NAME.get(k) === 'indicatorName');
  const firstColumnOf = new Map<Field, string>();

  headers.forEach((header, i) => {
    const key = keys[i];
    if (header.trim() === '') {
      unnamed.add(i);
      return;
    }
    let field = key ? BY_NAME.get(key) : undefined;
    if (key === AMBIGUOUS_INDICATEUR && hasObjective && !hasName) field = 'indicatorName';
    if (!field) {
      unknown.push(header.trim());
      return;
    }
    const earlier = firstColumnOf.get(field);
    if (earlier !== undefined) {
      problems.push({ line: null, field, code: 'import.columns.repeated', params: { first: earlier, second: header.trim(), field } });
      return;
    }
    firstColumnOf.set(field, header.trim());
    fields.set(i, field);
  });

  if (unknown.length) {
    problems.push({
      line: null,
      field: null,
      code: 'import.columns.unknown',
      params: { count: unknown.length, columns: unknown.map((u) => u.slice(0, 60)), expected: 'columns' },
    });
  }
  const has = (f: Field) => firstColumnOf.has(f);
  // Keys of the catalogue's words for each missing column ("indicator": an id, or a code and a name).
  const missing: string[] = [];
  if (!has('indicatorId') && !(has('objectiveCode') && has('indicatorName'))) {
    if (has('objectiveCode')) missing.push('indicatorName');
    else if (has('indicatorName')) missing.push('objectiveCode');
    else missing.push('indicator');
  }
  if (!has('value')) missing.push('value');
  if (!has('observedAt')) missing.push('observedAt');
  if (missing.length) {
    problems.push({ line: null, field: null, code: 'import.columns.missing', params: { count: missing.length, missing, expected: 'columns' } });
  }
  return { fields, unnamed, problems };
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
