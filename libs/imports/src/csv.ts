import { parse } from 'csv-parse/sync';
import type { Cell } from './cells';
import { assemble, RawRow } from './sheet';
import { ImportFileError, ImportLimits, ParsedImport } from './types';

export type CsvSeparator = ',' | ';' | '\t';

/** Decodes strict UTF-8 (a leading BOM is dropped); anything else is refused with how to fix it. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportFileError('import.file.not_utf8');
  }
}

/**
 * The separator of the header line, counted outside quotes: French spreadsheets save CSV with ";"
 * (and decimal commas), others with ","; tab-separated text is accepted too. A tie goes to ";", then ",".
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] + counts[','] + counts['\t'] === 0) return ','; // one column
  const order: CsvSeparator[] = [';', ',', '\t'];
  return order.reduce((best, c) => (counts[c] > counts[best] ? c : best));
}

class TooManyRows extends Error {}

export function parseCsv(bytes: Buffer, limits: ImportLimits): ParsedImport {
  const text = decodeUtf8(bytes);
  if (text.trim() === '') throw new ImportFileError('import.file.empty');
  const separator = detectSeparator(text);
  let dataRows = 0;
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: separator,
      bom: true,
      relax_column_count: true,
      relax_quotes: true, // a quote inside an unquoted cell (=HYPERLINK("…")) is kept as text
      record_delimiter: ['\r\n', '\n', '\r'], // each line, whatever the ending, even mixed in one file
      skip_empty_lines: false, // an empty line is a row of the spreadsheet: it keeps the numbering right
      trim: false,
      on_record: (record: string[], context: { records: number }) => {
        // records counts the header too; empty rows are not data and are not counted.
        if (context.records > 1 && record.some((c) => c.trim() !== '') && ++dataRows > limits.maxRows) throw new TooManyRows();
        return record;
      },
    }) as string[][];
  } catch (e) {
    if (e instanceof TooManyRows) {
      throw new ImportFileError('import.file.too_many_rows', { max: limits.maxRows });
    }
    const err = e as Error & { code?: string; lines?: number };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') throw new ImportFileError('import.file.unclosed_quote', { line: String(err.lines ?? '?') });
    throw new ImportFileError('import.file.csv_unreadable', { line: String(err.lines ?? '?'), detail: err.message });
  }
  if (records.length === 0) throw new ImportFileError('import.file.empty');

  const toCells = (record: string[]): Cell[] => record.map((text) => (text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text }));
  // Each record is one spreadsheet row (a quoted cell spanning lines stays in its row): header = 1.
  function* data(): Iterable<RawRow> {
    for (let i = 1; i < records.length; i++) yield { line: i + 1, cells: toCells(records[i]) };
  }
  return assemble('csv', toCells(records[0]), data(), separator === ';');
}
