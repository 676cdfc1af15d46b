/**
 * Reading uploaded measurement files (CSV or XLSX) into rows and problems, and writing exports (CSV
 * and XLSX, neutralised against formula injection). Pure library code: no NestJS, no database.
 */
export * from './types';
export { readDate, readNumber, TEXT_LIMITS, MAX_ABS_VALUE } from './cells';
export { EXPECTED_COLUMNS } from './columns';
export { detectFormat, parseImportFile } from './read';
export type { ExportColumn, ExportStyle, ExportValue } from './export';
export { neutraliseFormula, roundNumber, toCsv, toXlsx } from './export';
