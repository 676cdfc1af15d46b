import { parseCsv } from './csv';
import { DEFAULT_IMPORT_LIMITS, ImportFileError, ImportFormat, ImportLimits, ParsedImport } from './types';
import { parseXlsx } from './xlsx';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** What the bytes are, whatever the file is called: an XLSX is a zip; a CSV is text. */
export function detectFormat(fileName: string, bytes: Buffer): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    if (ext && ext !== 'xlsx') throw new ImportFileError(`a .${ext} file is not accepted: send CSV or XLSX`);
    return 'xlsx';
  }
  if (ext === 'xlsx') throw new ImportFileError('not a readable XLSX file');
  if (ext && !['csv', 'txt'].includes(ext)) throw new ImportFileError(`a .${ext} file is not accepted: send CSV or XLSX`);
  // Binary content (NUL bytes) is not CSV, whatever its name.
  if (bytes.subarray(0, 8192).includes(0)) throw new ImportFileError('the file is not text: send CSV (UTF-8) or XLSX');
  return 'csv';
}

/** Reads an uploaded CSV or XLSX into rows and problems (nothing here needs the database). */
export async function parseImportFile(bytes: Buffer, fileName: string, limits: Partial<ImportLimits> = {}): Promise<ParsedImport> {
  const l: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...limits };
  if (bytes.length > l.maxBytes) throw new ImportFileError(`the file is larger than ${l.maxBytes} bytes`);
  if (bytes.length === 0) throw new ImportFileError('the file is empty');
  return detectFormat(fileName, bytes) === 'xlsx' ? parseXlsx(bytes, l) : parseCsv(bytes, l);
}
