import ExcelJS from 'exceljs';
import { Cell, mapColumns, readRow } from './columns';
import { ImportFileError, ImportLimits, ImportProblem, ImportRow, ParsedImport } from './types';
import { checkZip } from './zip-guard';

function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: String(value) };
  if (value instanceof Date) {
    // exceljs gives date cells as UTC midnight of the spreadsheet's calendar date.
    return { kind: 'date', iso: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { kind: 'formula' };
    if ('richText' in value) return { kind: 'text', text: value.richText.map((r) => r.text).join('') };
    if ('text' in value) return { kind: 'text', text: String(value.text) };
    if ('error' in value) return { kind: 'text', text: String(value.error) };
  }
  return { kind: 'text', text: String(value) };
}

export async function parseXlsx(bytes: Buffer, limits: ImportLimits): Promise<ParsedImport> {
  await checkZip(bytes, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new ImportFileError('not a readable XLSX file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new ImportFileError('the workbook has no data in its first sheet');
  if (sheet.rowCount > limits.maxRows + 1) {
    throw new ImportFileError(`the file has more than ${limits.maxRows} rows; split it into smaller files`);
  }
  const width = sheet.columnCount;
  const cellsOf = (r: ExcelJS.Row): Cell[] => Array.from({ length: width }, (_, i) => toCell(r.getCell(i + 1).value));
  const columns = cellsOf(sheet.getRow(1)).map((c) => (c.kind === 'text' ? c.text.trim() : c.kind === 'number' ? String(c.value) : ''));
  const { fields, problems } = mapColumns(columns);
  const rows: ImportRow[] = [];
  const rowProblems: ImportProblem[] = [];
  if (problems.length === 0) {
    for (let n = 2; n <= sheet.rowCount; n++) {
      const { row, problems: p } = readRow(n, cellsOf(sheet.getRow(n)), fields, false);
      if (row) rows.push(row);
      rowProblems.push(...p);
    }
  }
  return { format: 'xlsx', rows, problems: [...problems, ...rowProblems], columns: columns.filter(Boolean) };
}
