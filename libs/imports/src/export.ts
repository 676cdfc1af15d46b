import type ExcelJS from 'exceljs';
import { excel } from './exceljs';

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/**
 * OWASP "CSV injection": a text cell starting with = + - @ (or tab / carriage return) is read as a
 * formula by spreadsheets; a leading apostrophe makes it plain text. Only for text: numbers are
 * written as numbers, untouched (-5 stays -5).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A number as a CSV cell: with ";" (French spreadsheets) the decimal separator is a comma, as they expect. */
function csvNumber(n: number, separator: string): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n === 0 ? 0 : n);
  return separator === ';' ? s.replace('.', ',') : s;
}

function csvField(v: string | number | null | undefined, separator: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return csvNumber(v, separator);
  const text = neutraliseFormula(String(v));
  // RFC 4180: quote a field holding the separator, a quote or a line break, doubling its quotes.
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV (RFC 4180, CRLF line endings), header first. Text cells are neutralised against
 * formula injection, numbers are not. A UTF-8 BOM is written unless `bom: false`, so that Excel
 * reads accents (Santé) right.
 */
export function toCsv<T>(rows: T[], columns: ExportColumn<T>[], options: { separator?: ',' | ';'; bom?: boolean } = {}): Buffer {
  const sep = options.separator ?? ',';
  const lines = [columns.map((c) => csvField(c.header, sep)).join(sep)];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row), sep)).join(sep));
  return Buffer.from(`${options.bom === false ? '' : '\ufeff'}${lines.join('\r\n')}\r\n`, 'utf8');
}

function xlsxValue(v: string | number | null | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return neutraliseFormula(String(v)); // exceljs drops the control characters XML cannot hold
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, not starting or ending with ', unique. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const WIDTH_SAMPLE_ROWS = 1000;

/**
 * Sheets of rows as an XLSX workbook: numbers as numeric cells, text neutralised like the CSV, the
 * header row bold and frozen, each column as wide as its longest cell (between 8 and 60 characters).
 */
export async function toXlsx<T>(sheets: { name: string; rows: T[]; columns: ExportColumn<T>[] }[]): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Feuille de route du numérique en santé';
  const taken = new Set<string>();
  for (const s of sheets.length ? sheets : [{ name: 'Sheet', rows: [] as T[], columns: [] as ExportColumn<T>[] }]) {
    const sheet = workbook.addWorksheet(sheetName(s.name, taken), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    const widths = s.columns.map((c) => c.header.length);
    const header = sheet.addRow(s.columns.map((c) => xlsxValue(c.header)));
    header.font = { bold: true };
    s.rows.forEach((row, r) => {
      const values = s.columns.map((c) => xlsxValue(c.value(row)));
      if (r < WIDTH_SAMPLE_ROWS) values.forEach((v, i) => (widths[i] = Math.max(widths[i], v === null ? 0 : String(v).length)));
      sheet.addRow(values);
    });
    widths.forEach((w, i) => (sheet.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
