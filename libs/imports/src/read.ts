import { parseCsv } from './csv';
import { DEFAULT_IMPORT_LIMITS, ImportFileError, ImportFormat, ImportLimits, ParsedImport } from './types';
import { parseXlsx } from './xlsx';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // PK\x03\x04: XLSX (and every other zip)
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // old .xls, or a password-protected workbook
const PDF = Buffer.from('%PDF-');
const EXE = Buffer.from('MZ');
const UTF16 = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/** Extensions that may hold an import; anything else (.xls, .ods, .pdf, .exe…) is refused by name. */
const ACCEPTED_EXTENSIONS = new Set(['csv', 'txt', 'xlsx']);

/**
 * What the bytes are, checked against what the file is called: a zip (PK\x03\x04) is an XLSX, text
 * is a CSV. A name other than .csv, .txt or .xlsx, or bytes that are neither, are refused
 * (ImportFileError), and so is an XLSX name on bytes that are not a zip.
 */
export function detectFormat(fileName: string, bytes: Buffer): ImportFormat {
  // An extension starts with a letter: "mesures v1.2" has none, and is judged by its bytes.
  const ext = /\.([a-z][a-z0-9]{0,9})$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const starts = (magic: Buffer) => bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
  if (ext && !ACCEPTED_EXTENSIONS.has(ext)) {
    if (['xls', 'xlsm', 'xlsb', 'ods'].includes(ext)) throw new ImportFileError('import.file.old_spreadsheet', { ext });
    throw new ImportFileError('import.file.extension_refused', { ext });
  }
  if (starts(ZIP)) return 'xlsx';
  if (starts(OLE)) throw new ImportFileError('import.file.legacy_workbook');
  if (ext === 'xlsx') throw new ImportFileError('import.file.not_a_workbook');
  if (starts(PDF)) throw new ImportFileError('import.file.pdf_refused');
  if (starts(EXE)) throw new ImportFileError('import.file.program_refused');
  if (UTF16.some(starts)) throw new ImportFileError('import.file.utf16');
  // Text has no NUL byte; a binary file of any kind has many.
  if (bytes.subarray(0, 64 * 1024).includes(0)) throw new ImportFileError('import.file.binary');
  return 'csv';
}

/**
 * Reads an uploaded CSV or XLSX into rows and problems. Throws ImportFileError when the file as a
 * whole is refused; otherwise every problem, of the header or of a cell, is in `problems`. Nothing
 * here needs the database: whether the indicator exists, the value suits its unit, the date is past
 * or the user may record it is for the caller.
 */
export async function parseImportFile(bytes: Buffer, fileName: string, limits: Partial<ImportLimits> = {}): Promise<ParsedImport> {
  const l: ImportLimits = { ...DEFAULT_IMPORT_LIMITS };
  for (const [k, v] of Object.entries(limits) as [keyof ImportLimits, number | undefined][]) if (v !== undefined) l[k] = v;
  if (bytes.length > l.maxBytes) throw new ImportFileError('import.file.too_large', { max: l.maxBytes });
  if (bytes.length === 0) throw new ImportFileError('import.file.empty');
  return detectFormat(fileName, bytes) === 'xlsx' ? parseXlsx(bytes, l) : parseCsv(bytes, l);
}
