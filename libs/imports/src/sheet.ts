import { Cell, cellText, isBlank, readRow } from './cells';
import { columnLetter, mapColumns } from './columns';
import { ImportFileError, ImportFormat, ImportProblem, ImportRow, ParsedImport } from './types';

/** One row as read from the file, with the row number the user sees (header = 1). */
export interface RawRow {
  line: number;
  cells: Cell[];
}

/** The key of "the same indicator on the same date", or null when either is not known. */
function duplicateKey(row: ImportRow): string | null {
  if (!row.observedAt) return null;
  // The same indicator and date for two territories are two values; the territory as written, without case or spaces.
  const territory = (row.territory ?? '').toLowerCase().replace(/\s+/g, '');
  if (row.indicatorId !== null) return `id:${row.indicatorId}|${territory}|${row.observedAt}`;
  if (row.objectiveCode && row.indicatorName) {
    const name = row.indicatorName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\s+/g, ' ');
    return `ref:${row.objectiveCode}|${name}|${territory}|${row.observedAt}`;
  }
  return null;
}

/**
 * Header row plus data rows (in file order, empty ones included or not) → ParsedImport. Shared by
 * CSV and XLSX, so both formats report the same problems with the same words.
 */
export function assemble(format: ImportFormat, header: Cell[], data: Iterable<RawRow>, decimalComma: boolean): ParsedImport {
  if (header.every(isBlank)) {
    throw new ImportFileError('import.file.header_empty');
  }
  const headers = header.map((c) => (c.kind === 'formula' ? '=' : cellText(c)));
  const columns = headers.filter((h) => h !== '');
  const map = mapColumns(headers);
  if (map.problems.length) return { format, rows: [], problems: map.problems, columns };

  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of data) {
    if (cells.every(isBlank)) continue; // an empty row is skipped silently
    const read = readRow(line, cells, map.fields, decimalComma);
    cells.forEach((cell, i) => {
      if ((map.unnamed.has(i) || i >= headers.length) && !isBlank(cell)) {
        read.problems.push({ line, field: null, code: 'import.column_without_header', params: { column: columnLetter(i) } });
      }
    });
    const key = duplicateKey(read.row);
    if (key !== null) {
      const first = firstLineOf.get(key);
      if (first === undefined) firstLineOf.set(key, line);
      else read.problems.push({ line, field: 'observedAt', code: 'import.duplicate_line', params: { line: first } });
    }
    rows.push(read.row);
    problems.push(...read.problems);
  }
  return { format, rows, problems, columns };
}
