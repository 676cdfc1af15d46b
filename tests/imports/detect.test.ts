import { describe, expect, it } from 'vitest';
import { detectFormat, ImportFileError, parseImportFile } from '@app/imports';
import { renderMessage } from '@app/presentation';
import { minimalXlsxParts, xlsxFile, zipFile } from '../support/files';

const zip = zipFile(minimalXlsxParts());
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

describe('detectFormat', () => {
  it.each<[string, Buffer, string]>([
    ['values.csv', Buffer.from('a,b\n'), 'csv'],
    ['VALUES.CSV', Buffer.from('a;b\n'), 'csv'],
    ['values.txt', Buffer.from('a\tb\n'), 'csv'],
    ['values', Buffer.from('a,b\n'), 'csv'],
    ['mesures v1.2', Buffer.from('a,b\n'), 'csv'], // "2" is not an extension
    ['values.xlsx', zip, 'xlsx'],
    ['Valeurs 2024.XLSX', zip, 'xlsx'],
    ['renamed.csv', zip, 'xlsx'], // the bytes decide between the two accepted formats
    ['no-extension', zip, 'xlsx'],
  ])('%s is read as %s', (name, bytes, expected) => {
    expect(detectFormat(name, bytes)).toBe(expected);
  });

  it.each<[string, Buffer, RegExp]>([
    ['report.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ'), /^a \.pdf file is not accepted; send CSV or XLSX\.$/],
    ['tool.exe', Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), /^a \.exe file is not accepted/],
    ['old.xls', OLE, /^a \.xls file is not accepted; open it in your spreadsheet and save it as \.xlsx/],
    ['sheet.ods', zip, /^a \.ods file is not accepted/],
    ['macros.xlsm', zip, /^a \.xlsm file is not accepted/],
    ['archive.zip', zip, /^a \.zip file is not accepted/],
    ['report.csv', Buffer.from('%PDF-1.7\n'), /^a PDF is not accepted/],
    ['tool.csv', Buffer.from('MZ\x90\x00', 'latin1'), /^a program is not accepted/],
    ['locked.xlsx', OLE, /old \.xls workbook or a password-protected one/],
    ['fake.xlsx', Buffer.from('indicatorId,value\n'), /^not a readable XLSX file/],
    ['binary.csv', Buffer.from([0x41, 0x00, 0x42]), /not text/],
    ['utf16.csv', Buffer.from([0xff, 0xfe, 0x41, 0x00]), /UTF-16/],
  ])('%s is refused', (name, bytes, message) => {
    expect(() => detectFormat(name, bytes)).toThrow(ImportFileError);
    const refusal = (() => {
      try {
        detectFormat(name, bytes);
      } catch (e) {
        return e as ImportFileError;
      }
    })()!;
    expect(renderMessage(refusal.code, refusal.params, 'en')).toMatch(message);
  });

  it('is what parseImportFile goes by', async () => {
    const file = await xlsxFile([
      ['indicatorId', 'value', 'observedAt'],
      [1, 5, '2024-01-31'],
    ]);
    await expect(parseImportFile(file, 'export.csv')).resolves.toMatchObject({ format: 'xlsx', problems: [] });
    await expect(parseImportFile(Buffer.from('%PDF-1.7 ...'), 'report.pdf')).rejects.toMatchObject({
      code: 'import.file.extension_refused',
      params: { ext: 'pdf' },
    });
  });
});
