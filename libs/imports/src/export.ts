import { wallClockInZone } from '@app/common/clock';
import { excel } from './exceljs';

export type ExportValue = string | number | null | undefined;

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => ExportValue;
  /**
   * `date`: the value is a calendar date (YYYY-MM-DD); `datetime`: an ISO instant, shown in the
   * export's time zone. Both are real date cells in XLSX and written in the export's date style in CSV.
   */
  type?: 'date' | 'datetime';
  /** Numbers are rounded to this many decimals (for every row, or per row: a count 0, a percentage 2). */
  decimals?: number | ((row: T) => number);
}

/** How an export writes what depends on the reader's locale. */
export interface ExportStyle {
  /** `fr`: 31/12/2025 and 31/12/2025 14:05; `iso` (default): 2025-12-31 and 2025-12-31 14:05. */
  dates?: 'fr' | 'iso';
  /** The time zone in which instants (type `datetime`) are shown; UTC by default. */
  timeZone?: string;
}

/**
 * A number rounded to `decimals` places (when given), and in any case to 15 significant digits,
 * so that binary noise never reaches a spreadsheet (0.1 + 0.2 is written 0.3). -0 becomes 0.
 */
export function roundNumber(n: number, decimals?: number): number {
  let v = Number(n.toPrecision(15));
  if (decimals !== undefined && Number.isFinite(v)) v = Number(`${Math.round(Number(`${v}e${decimals}`))}e-${decimals}`);
  return v === 0 ? 0 : v;
}

/** An instant's wall-clock fields in a time zone, or null when the text is not an instant. */
function wallClock(instant: string, timeZone: string): Date | null {
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? null : wallClockInZone(d, timeZone);
}

/** A calendar date (YYYY-MM-DD…) as a UTC midnight, or null when it is not one. */
function calendarDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
}

/** A date or instant column's value as a Date holding its wall-clock fields in UTC, or null. */
function dateCell<T>(column: ExportColumn<T>, v: ExportValue, style: ExportStyle): Date | null {
  if (typeof v !== 'string' || v === '') return null;
  return column.type === 'datetime' ? wallClock(v, style.timeZone ?? 'UTC') : calendarDate(v);
}

function dateText(d: Date, withTime: boolean, style: ExportStyle): string {
  const iso = d.toISOString();
  const [y, m, day] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  const date = style.dates === 'fr' ? `${day}/${m}/${y}` : `${y}-${m}-${day}`;
  return withTime ? `${date} ${iso.slice(11, 16)}` : date;
}

function decimalsOf<T>(column: ExportColumn<T>, row: T): number | undefined {
  return typeof column.decimals === 'function' ? column.decimals(row) : column.decimals;
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
function csvNumber(n: number, separator: string, decimals?: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(roundNumber(n, decimals));
  return separator === ';' ? s.replace('.', ',') : s;
}

function csvText(text: string, separator: string): string {
  // RFC 4180: quote a field holding the separator, a quote or a line break, doubling its quotes.
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvField<T>(column: ExportColumn<T>, row: T, separator: string, style: ExportStyle): string {
  const v = column.value(row);
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return csvNumber(v, separator, decimalsOf(column, row));
  if (column.type) {
    const d = dateCell(column, v, style);
    if (d) return dateText(d, column.type === 'datetime', style);
  }
  return csvText(neutraliseFormula(String(v)), separator);
}

/**
 * Rows as CSV (RFC 4180, CRLF line endings), header first. Text cells are neutralised against
 * formula injection, numbers are not; numbers are rounded as their column says. A UTF-8 BOM is
 * written unless `bom: false`, so that Excel reads accents (Santé) right. With `;` (what French
 * Excel expects) decimals are written with a comma.
 */
export function toCsv<T>(rows: T[], columns: ExportColumn<T>[], options: { separator?: ',' | ';'; bom?: boolean } & ExportStyle = {}): Buffer {
  const sep = options.separator ?? ',';
  const lines = [columns.map((c) => csvText(neutraliseFormula(c.header), sep)).join(sep)];
  for (const row of rows) lines.push(columns.map((c) => csvField(c, row, sep, options)).join(sep));
  return Buffer.from(`${options.bom === false ? '' : '\ufeff'}${lines.join('\r\n')}\r\n`, 'utf8');
}

function xlsxValue<T>(column: ExportColumn<T>, row: T, style: ExportStyle): string | number | Date | null {
  const v = column.value(row);
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? roundNumber(v, decimalsOf(column, row)) : null;
  if (column.type) {
    const d = dateCell(column, v, style);
    if (d) return d;
  }
  return neutraliseFormula(String(v)); // exceljs drops the control characters XML cannot hold
}

/** The Excel number format of a date column: what the reader expects to see. */
function dateFormat(type: 'date' | 'datetime', style: ExportStyle): string {
  const date = style.dates === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd';
  return type === 'datetime' ? `${date} hh:mm` : date;
}

/** How many characters a cell shows, for the column width. */
function shownLength(v: string | number | Date | null, type: ExportColumn<unknown>['type']): number {
  if (v === null) return 0;
  if (v instanceof Date) return type === 'datetime' ? 16 : 10;
  return String(v).length;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, not starting or ending with ', unique. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, '-')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const WIDTH_SAMPLE_ROWS = 1000;

/**
 * Sheets of rows as an XLSX workbook: numbers as numeric cells (rounded as their column says),
 * dates as date cells with a date format, text neutralised like the CSV, the header row bold and
 * frozen, each column as wide as its longest cell (between 8 and 60 characters).
 */
export async function toXlsx<T>(sheets: { name: string; rows: T[]; columns: ExportColumn<T>[] }[], style: ExportStyle = {}): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Feuille de route du numérique en santé';
  const taken = new Set<string>();
  for (const s of sheets.length ? sheets : [{ name: 'Sheet', rows: [] as T[], columns: [] as ExportColumn<T>[] }]) {
    const sheet = workbook.addWorksheet(sheetName(s.name, taken), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    const widths = s.columns.map((c) => c.header.length);
    const header = sheet.addRow(s.columns.map((c) => neutraliseFormula(c.header)));
    header.font = { bold: true };
    s.rows.forEach((row, r) => {
      const values = s.columns.map((c) => xlsxValue(c, row, style));
      if (r < WIDTH_SAMPLE_ROWS) values.forEach((v, i) => (widths[i] = Math.max(widths[i], shownLength(v, s.columns[i].type))));
      const added = sheet.addRow(values);
      values.forEach((v, i) => {
        if (v instanceof Date) added.getCell(i + 1).numFmt = dateFormat(s.columns[i].type!, style);
      });
    });
    widths.forEach((w, i) => (sheet.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
