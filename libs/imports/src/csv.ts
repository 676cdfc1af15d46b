import { parse } from 'csv-parse/sync';
import { Cell, mapColumns, readRow } from './columns';
import { ImportFileError, ImportLimits, ImportProblem, ImportRow, ParsedImport } from './types';

/** The separator of the header line: French spreadsheets save CSV with ";" (and decimal commas). */
function detectDelimiter(text: string): ',' | ';' | '\t' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  const candidates: (',' | ';' | '\t')[] = [';', ',', '\t'];
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportFileError('the file is not UTF-8 text: in your spreadsheet, save it as "CSV UTF-8" and try again');
  }
}

export function parseCsv(bytes: Buffer, limits: ImportLimits): ParsedImport {
  const text = decodeUtf8(bytes); // TextDecoder drops a leading BOM
  if (!text.trim()) throw new ImportFileError('the file is empty');
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true, // a quote inside an unquoted cell (=HYPERLINK("…")) is kept as text
      skip_empty_lines: false,
      trim: false,
      to: limits.maxRows + 2, // header + maxRows + 1 tells us the limit was passed
    }) as string[][];
  } catch (e) {
    throw new ImportFileError(`the CSV cannot be read: ${(e as Error).message}`);
  }
  if (records.length > limits.maxRows + 1) {
    throw new ImportFileError(`the file has more than ${limits.maxRows} rows; split it into smaller files`);
  }
  const [header, ...data] = records;
  const columns = header.map((h) => h.trim());
  const { fields, problems } = mapColumns(columns);
  const rows: ImportRow[] = [];
  const rowProblems: ImportProblem[] = [];
  if (problems.length === 0) {
    data.forEach((record, i) => {
      // Spreadsheet row numbers: the header is row 1, a quoted multi-line cell stays one row.
      const cells: Cell[] = record.map((text) => (text === '' ? { kind: 'empty' } : { kind: 'text', text }));
      const { row, problems: p } = readRow(i + 2, cells, fields, delimiter === ';');
      if (row) rows.push(row);
      rowProblems.push(...p);
    });
  }
  return { format: 'csv', rows, problems: [...problems, ...rowProblems], columns };
}
