import { DomainError, MessageParams } from '@app/common/errors';

export type ImportFormat = 'csv' | 'xlsx';

/** Limits enforced before and while a file is read, so that a hostile upload cannot exhaust the server. */
export interface ImportLimits {
  /** Size of the uploaded file, checked before anything is parsed. */
  maxBytes: number;
  /** Non-empty data rows (the header is not counted). */
  maxRows: number;
  /** XLSX: total inflated size of the zip's entries (declared and actually inflated). */
  maxUncompressedBytes: number;
  /** XLSX: number of entries in the zip. */
  maxZipEntries: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxRows: 100_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxZipEntries: 200,
});

/**
 * One non-empty data row of an import file, read but not checked against the database. A cell that
 * could not be read is null here and has a problem (same line) in ParsedImport.problems.
 */
export interface ImportRow {
  /** The row number the user sees in their spreadsheet: the header is line 1, the first data row line 2. */
  line: number;
  indicatorId: number | null;
  /** e.g. "1-1". */
  objectiveCode: string | null;
  /** With objectiveCode, names the indicator (its name or key, e.g. "documents") when indicatorId is absent. */
  indicatorName: string | null;
  value: number | null;
  /** YYYY-MM-DD. */
  observedAt: string | null;
  source: string | null;
  comment: string | null;
  /** Why an existing value is corrected: a row with a reason on an indicator and date that has a value corrects it. */
  reason: string | null;
  /** The territory the value is for, as written (`region:84`, `departement:2A`); null: the national value. Checked with the indicator. */
  territory: string | null;
  /** A territorial weighted rate's denominator. */
  denominator: number | null;
}

/**
 * A problem with a cell (line and field) or with the whole file (line null): a message code of
 * @app/presentation's catalogue and its parameters; the edge puts it into the reader's words
 * ("Ligne 12, Valeur : « abc » n'est pas un nombre").
 */
export interface ImportProblem {
  line: number | null;
  field: string | null;
  code: string;
  params?: MessageParams;
}

export interface ParsedImport {
  format: ImportFormat;
  /** Every non-empty data row, in file order, including rows that have problems. */
  rows: ImportRow[];
  problems: ImportProblem[];
  /** The header row as written (trimmed); empty header cells are left out. */
  columns: string[];
}

/** The file as a whole is refused: not UTF-8, not a spreadsheet, too large, a zip bomb, truncated, no header (400). */
export class ImportFileError extends DomainError {
  constructor(code: string, params: MessageParams = {}) {
    super('validation', code, params, 'file');
  }
}
