import type ExcelJS from 'exceljs';
import { excel } from './exceljs';
import { Cell, dateCellIso, EMPTY, isBlank } from './cells';
import { assemble, RawRow } from './sheet';
import { ImportFileError, ImportLimits, ParsedImport } from './types';
import { checkZip, unreadableXlsx } from './zip-guard';

type RichText = { richText: { text: string }[] };
const isRichText = (v: unknown): v is RichText => typeof v === 'object' && v !== null && Array.isArray((v as RichText).richText);
const richTextOf = (v: RichText) => v.richText.map((r) => r.text ?? '').join('');

/** A number format that multiplies by 100 and shows "%" (not a literal "%" in quotes or escaped). */
function isPercentFormat(numFmt: string | undefined): boolean {
  return !!numFmt && numFmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').includes('%');
}

/** One exceljs cell as a Cell: a formula is never evaluated, nor is its cached result used. */
export function toCell(cell: ExcelJS.Cell): Cell {
  const value = cell.value;
  if (cell.type === excel().ValueType.Formula) return { kind: 'formula' };
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') {
    // A cell formatted as a percentage shows 35.5 % but holds 0.355: the figure meant is the one shown.
    if (isPercentFormat(cell.numFmt)) return { kind: 'number', value: Number((value * 100).toPrecision(15)) };
    return { kind: 'number', value };
  }
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'date', iso: dateCellIso(value) };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { kind: 'formula' };
    if (isRichText(value)) return { kind: 'text', text: richTextOf(value) };
    if ('error' in value) return { kind: 'error', code: String(value.error) };
    if ('text' in value) {
      // a hyperlink: its text (plain or rich)
      const text: unknown = value.text;
      return { kind: 'text', text: isRichText(text) ? richTextOf(text) : String(text ?? '') };
    }
  }
  return { kind: 'text', text: String(value) };
}

function cellsOf(row: ExcelJS.Row): Cell[] {
  const cells: Cell[] = [];
  for (let c = 1; c <= row.cellCount; c++) cells.push(toCell(row.getCell(c)));
  return cells;
}

/** The first worksheet of an XLSX, header in row 1; the zip is checked (size, entries, bombs) before exceljs sees it. */
export async function parseXlsx(bytes: Buffer, limits: ImportLimits): Promise<ParsedImport> {
  await checkZip(bytes, limits);
  const workbook = new (excel().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadableXlsx();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('import.file.no_worksheet');

  const rows: RawRow[] = [];
  let dataRows = 0;
  let header: Cell[];
  try {
    header = cellsOf(sheet.getRow(1));
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      if (line === 1) return;
      const cells = cellsOf(row);
      if (cells.every(isBlank)) return; // an empty row: skipped, not counted
      if (++dataRows > limits.maxRows) throw new ImportFileError('import.file.too_many_rows', { max: limits.maxRows });
      rows.push({ line, cells });
    });
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw unreadableXlsx();
  }
  return assemble('xlsx', header, rows, false);
}
