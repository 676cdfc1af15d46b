export type ImportFormat = 'csv' | 'xlsx';

/** Limits enforced before and while a file is read, so a hostile upload cannot exhaust the server. */
export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  /** XLSX: total inflated size of the zip's entries. */
  maxUncompressedBytes: number;
  maxZipEntries: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 100_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxZipEntries: 200,
};

/** One data row of an import file, read but not yet checked against the database. */
export interface ImportRow {
  /** The line number the user sees in their spreadsheet (header = line 1). */
  line: number;
  indicatorId: number | null;
  objectiveCode: string | null;
  /** With objectiveCode, names the indicator (its name or key) when indicatorId is absent. */
  indicatorName: string | null;
  value: number | null;
  observedAt: string | null;
  source: string | null;
  comment: string | null;
}

/** A problem with a cell (line and field) or with the whole file (line null). */
export interface ImportProblem {
  line: number | null;
  field: string | null;
  message: string;
}

export interface ParsedImport {
  format: ImportFormat;
  rows: ImportRow[];
  problems: ImportProblem[];
  columns: string[];
}

/** The file as a whole is refused: not UTF-8, not a spreadsheet, too large, a zip bomb, truncated. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
