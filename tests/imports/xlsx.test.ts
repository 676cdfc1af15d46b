import { afterEach, describe, expect, it } from 'vitest';
import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ImportFileError, parseImportFile } from '@app/imports';
import { renderMessage } from '@app/presentation';

/** A refusal in English words, from the message catalogue. */
const en = (e: ImportFileError) => renderMessage(e.code, e.params, 'en');
import { importRow as row, minimalXlsxParts, xlsxFile, zipFile } from '../support/files';

const HEADER = ['indicatorId', 'value', 'observedAt', 'source', 'comment'];
const refusal = async (p: Promise<unknown>): Promise<ImportFileError> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportFileError);
  return e as ImportFileError;
};

/**
 * `mb` megabytes of zeros, deflated: one full-flushed 1 MB segment repeated, then a final empty
 * block. Built in milliseconds, about 1 KB per MB: a bomb's payload.
 */
function deflatedZeros(mb: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: zlibConstants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(mb).fill(segment), deflateRawSync(Buffer.alloc(0))]);
}

describe('reading XLSX', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = tz;
  });

  it('reads numeric, date, string, rich-text and hyperlink cells', async () => {
    const file = await xlsxFile([
      HEADER,
      [1, 120000000, new Date(Date.UTC(2023, 5, 30)), 'CNAM', { richText: [{ text: 'rich ' }, { font: { bold: true }, text: 'text' }] }],
      ['2', '35.5', '31/12/2024', { text: 'ANS', hyperlink: 'https://esante.gouv.fr' }, null],
      [3, -0.25, '2024-02-29', 12, new Date(Date.UTC(2024, 0, 15))],
    ]);
    const r = await parseImportFile(file, 'values.xlsx');
    expect(r.format).toBe('xlsx');
    expect(r.columns).toEqual(HEADER);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      row({ line: 2, indicatorId: 1, value: 120000000, observedAt: '2023-06-30', source: 'CNAM', comment: 'rich text' }),
      row({ line: 3, indicatorId: 2, value: 35.5, observedAt: '2024-12-31', source: 'ANS' }),
      row({ line: 4, indicatorId: 3, value: -0.25, observedAt: '2024-02-29', source: '12', comment: '2024-01-15' }),
    ]);
  });

  it('reads a cell formatted as a percentage as the figure it shows (35.5 %, not 0.355)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('values');
    ws.addRows([HEADER, [1, 0.355, '2024-01-31', 's'], [2, 0.07, '2024-01-31', 's'], [3, 0.5, '2024-01-31', 's']]);
    ws.getCell('B2').numFmt = '0.0%';
    ws.getCell('B3').numFmt = '0%';
    ws.getCell('B4').numFmt = '0.00" %"'; // a literal "%" after the number: no scaling
    const r = await parseImportFile(Buffer.from(await wb.xlsx.writeBuffer()), 'v.xlsx');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.value)).toEqual([35.5, 7, 0.5]);
  });

  it.each([
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
    ['Europe/Paris', -60],
  ])('reads date cells as their calendar date in time zone %s', async (zone, offset) => {
    process.env.TZ = zone;
    expect(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset()).toBe(offset); // the zone is in force
    const file = await xlsxFile([
      HEADER,
      [1, 1, new Date(Date.UTC(2024, 0, 1)), 's'],
      [2, 1, new Date(Date.UTC(2024, 11, 31, 23, 30)), 's'], // a date with a time: its day
      [3, 1, new Date(Date.UTC(2024, 2, 31)), 's'], // daylight-saving change night in Paris
    ]);
    const r = await parseImportFile(file, 'values.xlsx');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.observedAt)).toEqual(['2024-01-01', '2024-12-31', '2024-03-31']);
  });

  it('reads the objectiveCode + indicatorName form with French headers, and flags a code the spreadsheet made a date', async () => {
    const file = await xlsxFile([
      ['Code objectif', 'Nom indicateur', 'Valeur', 'Date', 'Source'],
      ['12-1', 'teleconsultation-adoption', 35.5, new Date(Date.UTC(2024, 11, 31)), 'Cnam'],
      [new Date(Date.UTC(2024, 0, 1)), 'documents', 1, new Date(Date.UTC(2024, 11, 31)), 'Cnam'],
    ]);
    const r = await parseImportFile(file, 'values.xlsx');
    expect(r.rows[0]).toEqual(
      row({ line: 2, objectiveCode: '12-1', indicatorName: 'teleconsultation-adoption', value: 35.5, observedAt: '2024-12-31', source: 'Cnam' }),
    );
    expect(r.problems).toEqual([{ line: 3, field: 'objectiveCode', code: 'import.cell.code_is_date', params: { cell: '2024-01-01' } }]);
  });

  it('reports cell problems with the row numbers of the sheet, skipping empty rows', async () => {
    const file = await xlsxFile([
      HEADER,
      [1, 'abc', 45000, 's'], // 2: text value; a date typed as a bare number
      [], // 3: empty
      [null, null, null, '   '], // 4: blank
      [0, Number.MAX_VALUE, '2023-02-30', 's', 'x'.repeat(2001)], // 5
      [1.5, 1e16, true, 's'], // 6
      [{ error: '#N/A' }, 5, '2024-01-31', 's'], // 7
      [7, 5, '2024-01-31', 's'], // 8
      [7, 6, new Date(Date.UTC(2024, 0, 31)), 's'], // 9: same indicator and day as line 8
      [8, '   ', '2024-01-31', '  '], // 10: blanks are missing cells
    ]);
    const r = await parseImportFile(file, 'values.xlsx');
    expect(r.rows.map((x) => x.line)).toEqual([2, 5, 6, 7, 8, 9, 10]);
    expect(r.problems).toEqual([
      { line: 2, field: 'value', code: 'import.cell.not_a_number', params: { cell: 'abc' } },
      { line: 2, field: 'observedAt', code: 'import.cell.date_is_number', params: { cell: '45000' } },
      { line: 5, field: 'indicatorId', code: 'import.cell.not_an_id', params: { cell: '0' } },
      { line: 5, field: 'value', code: 'import.cell.value_too_large', params: { cell: expect.any(String), max: 1e15 } },
      { line: 5, field: 'observedAt', code: 'import.cell.not_a_date', params: { cell: '2023-02-30' } },
      { line: 5, field: 'comment', code: 'validation.too_long', params: { max: 2000, length: 2001 } },
      { line: 6, field: 'indicatorId', code: 'import.cell.not_an_id', params: { cell: '1.5' } },
      { line: 6, field: 'value', code: 'import.cell.value_too_large', params: { cell: '10000000000000000', max: 1e15 } },
      { line: 6, field: 'observedAt', code: 'import.cell.not_a_date', params: { cell: 'TRUE' } },
      { line: 7, field: 'indicatorId', code: 'import.cell.error', params: { error: '#N/A' } },
      { line: 9, field: 'observedAt', code: 'import.duplicate_line', params: { line: 8 } },
      { line: 10, field: 'value', code: 'import.cell.empty' },
    ]);
    expect(r.rows[6].source).toBeNull();
  });

  it('refuses formula cells, without evaluating them or using their cached result', async () => {
    const file = await xlsxFile([
      ['indicatorId', 'value', 'observedAt', 'source'],
      [1, { formula: 'A2*2', result: 2 }, '2024-01-31', 'x'],
      [1, 5, '2024-02-29', { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' }],
      [{ formula: '1+1', result: 2 }, 5, { formula: 'DATE(2024,3,31)', result: new Date(Date.UTC(2024, 2, 31)) }, 'x'],
    ]);
    const r = await parseImportFile(file, 'f.xlsx');
    expect(r.problems).toEqual([
      { line: 2, field: 'value', code: 'import.cell.formula' },
      { line: 3, field: 'source', code: 'import.cell.formula' },
      { line: 4, field: 'indicatorId', code: 'import.cell.formula' },
      { line: 4, field: 'observedAt', code: 'import.cell.formula' },
    ]);
    expect(r.rows.map((x) => [x.value, x.source])).toEqual([
      [null, 'x'],
      [5, null],
      [5, 'x'],
    ]);
  });

  it('refuses unknown and missing columns as in CSV', async () => {
    const r = await parseImportFile(
      await xlsxFile([
        ['indicatorId', 'amount', 'observedAt'],
        [1, 2, '2024-01-31'],
      ]),
      'v.xlsx',
    );
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([
      { line: null, field: null, code: 'import.columns.unknown', params: { count: 1, columns: ['amount'], expected: 'columns' } },
      { line: null, field: null, code: 'import.columns.missing', params: { count: 1, missing: ['value'], expected: 'columns' } },
    ]);
  });

  it('reads only the first worksheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('values').addRows([HEADER, [1, 5, '2024-01-31', 's']]);
    wb.addWorksheet('notes').addRows([['anything'], ['else']]);
    const r = await parseImportFile(Buffer.from(await wb.xlsx.writeBuffer()), 'v.xlsx');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([row({ line: 2, indicatorId: 1, value: 5, observedAt: '2024-01-31', source: 's' })]);
  });

  it('refuses a sheet whose first row is empty, and a workbook over the row limit', async () => {
    await refusal(parseImportFile(await xlsxFile([[], HEADER, [1, 5, '2024-01-31']]), 'v.xlsx'));
    const rows = Array.from({ length: 11 }, (_, i) => [1, i, '2024-01-31', 's']);
    expect(en(await refusal(parseImportFile(await xlsxFile([HEADER, ...rows]), 'v.xlsx', { maxRows: 10 })))).toMatch(/more than 10 rows/);
    await expect(parseImportFile(await xlsxFile([HEADER, ...rows.slice(1)]), 'v.xlsx', { maxRows: 10 })).resolves.toMatchObject({ format: 'xlsx' });
  });
});

describe('reading XLSX: damaged files and zip bombs', () => {
  it('reads a hand-built zip with an XLSX inside (so the refusals below are about their flaw)', async () => {
    const r = await parseImportFile(zipFile(minimalXlsxParts()), 'hand.xlsx');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([row({ line: 2, indicatorId: 1, value: 5, observedAt: '2024-01-31' })]);
  });

  it('refuses a truncated XLSX cleanly, wherever it was cut', async () => {
    const file = await xlsxFile([HEADER, [1, 5, '2024-01-31', 'x']]);
    for (const end of [Math.floor(file.length / 2), file.length - 10, 30]) {
      expect(en(await refusal(parseImportFile(file.subarray(0, end), 't.xlsx')))).toMatch(/^not a readable XLSX file/);
    }
  });

  it('refuses a zip with a damaged entry, and a zip that is not a workbook', async () => {
    const parts = minimalXlsxParts();
    const damaged = zipFile(parts.map((p, i) => (i === 4 ? { ...p, compressed: Buffer.from('not deflate data at all'), realSize: p.data.length } : p)));
    expect(en(await refusal(parseImportFile(damaged, 'd.xlsx')))).toMatch(/^not a readable XLSX file/);
    const withSheet = (xml: string) => zipFile(parts.map((p, i) => (i === 4 ? { name: p.name, data: Buffer.from(xml) } : p)));
    for (const xml of ['<worksheet><sheetData><row r="1"><c', 'not xml at all']) {
      expect(en(await refusal(parseImportFile(withSheet(xml), 'x.xlsx')))).toMatch(/^not a readable XLSX file/);
    }
    // A shared string that does not exist: read as what exceljs makes of it, never a crash.
    const dangling = '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>';
    await expect(parseImportFile(withSheet(dangling), 'x.xlsx')).resolves.toMatchObject({ format: 'xlsx', rows: [] });
    const notAWorkbook = zipFile([{ name: 'hello.txt', data: Buffer.from('hello') }]);
    expect(en(await refusal(parseImportFile(notAWorkbook, 'n.xlsx')))).toBe('the workbook has no worksheet.');
  });

  it('refuses more entries than allowed', async () => {
    const many = zipFile([...minimalXlsxParts(), ...Array.from({ length: 20 }, (_, i) => ({ name: `xl/media/p${i}.xml`, data: Buffer.from('x') }))]);
    expect(en(await refusal(parseImportFile(many, 'many.xlsx', { maxZipEntries: 10 })))).toMatch(/more than the 10 parts allowed/);
    await expect(parseImportFile(many, 'many.xlsx', { maxZipEntries: 10 })).rejects.toMatchObject({ params: { count: 25, max: 10 } });
    await expect(parseImportFile(many, 'many.xlsx', { maxZipEntries: 25 })).resolves.toMatchObject({ format: 'xlsx' });
  });

  it('refuses a zip whose declared sizes add up to more than the limit, before inflating anything', async () => {
    // Declares 2 MB for an entry that inflates to 1 byte: only the declaration can refuse it.
    const declared = zipFile([...minimalXlsxParts(), { name: 'xl/media/big.bin', data: Buffer.from('x'), declaredSize: 2_000_000 }]);
    expect(en(await refusal(parseImportFile(declared, 'd.xlsx', { maxUncompressedBytes: 1_000_000 })))).toMatch(
      /declares more than 1,000,000 bytes once inflated/,
    );
  });

  it('refuses an entry with an absurd compression ratio', async () => {
    const bomb = zipFile([...minimalXlsxParts(), { name: 'xl/media/zeros.bin', data: Buffer.alloc(5_000_000) }]);
    expect(bomb.length).toBeLessThan(20_000);
    expect(en(await refusal(parseImportFile(bomb, 'bomb.xlsx')))).toMatch(/implausible compression ratio/);
  });

  it('stops inflating at the cap when an entry lies about its size (the running cap)', async () => {
    // Declares 1,000 bytes, inflates to one byte more than the limit.
    const lying = zipFile([...minimalXlsxParts(), { name: 'xl/media/lie.bin', data: Buffer.alloc(1_000_001), declaredSize: 1000 }]);
    expect(en(await refusal(parseImportFile(lying, 'lie.xlsx', { maxUncompressedBytes: 1_000_000 })))).toMatch(/inflates to more than 1,000,000 bytes/);
    // 1 GB of zeros (in a 1 MB file) declared as 1,000 bytes: refused as soon as the cap is passed,
    // long before the end (inflating the whole gigabyte takes seconds).
    const payload = deflatedZeros(1024);
    expect(inflateRawSync(payload.subarray(0, 3 * 1037), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).length).toBe(3 << 20);
    const huge = zipFile([...minimalXlsxParts(), { name: 'xl/media/huge.bin', data: Buffer.alloc(0), compressed: payload, realSize: 1000 }]);
    const started = Date.now();
    expect(en(await refusal(parseImportFile(huge, 'huge.xlsx', { maxUncompressedBytes: 1_000_000 })))).toMatch(/inflates to more than/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses an entry that holds more than it declares, even under the limit', async () => {
    const lying = zipFile([...minimalXlsxParts(), { name: 'xl/media/lie.bin', data: Buffer.alloc(5000, 7), declaredSize: 1000 }]);
    expect(en(await refusal(parseImportFile(lying, 'lie.xlsx')))).toMatch(/declares 1,000 bytes but holds 5,000/);
  });

  it('refuses a real workbook that inflates beyond a small limit', async () => {
    const file = await xlsxFile([HEADER, [1, 5, '2024-01-31', 'x']]);
    expect(en(await refusal(parseImportFile(file, 'v.xlsx', { maxUncompressedBytes: 2000 })))).toMatch(/more than 2,000 bytes/);
  });
});
