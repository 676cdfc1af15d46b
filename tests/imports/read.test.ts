import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { detectFormat, ImportFileError, parseImportFile, readNumber, toCsv, toXlsx, neutraliseFormula } from '@app/imports';
import { xlsxFile, zipFile } from '../support/files';

const csv = (text: string) => Buffer.from(text, 'utf8');
const HEADER = 'indicatorId,value,observedAt,source,comment\n';

describe('reading CSV', () => {
  it('reads comma-separated rows with their spreadsheet line numbers', async () => {
    const r = await parseImportFile(csv(`${HEADER}1,120000000,2023-06-30,CNAM,first\n1,180000000,2023-12-31,CNAM,\n`), 'values.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, indicatorId: 1, objectiveCode: null, indicatorName: null, value: 120000000, observedAt: '2023-06-30', source: 'CNAM', comment: 'first' },
      { line: 3, indicatorId: 1, objectiveCode: null, indicatorName: null, value: 180000000, observedAt: '2023-12-31', source: 'CNAM', comment: null },
    ]);
  });

  it('reads a French export: BOM, semicolons, decimal commas, spaces in thousands, DD/MM/YYYY, French headers', async () => {
    const text = '\ufeffCode objectif;Indicateur;Valeur;Date;Source;Commentaire\r\n12-1;teleconsultation-adoption;"35,5";31/12/2024;Cnam;ok\r\n1-1;documents;1 234 567,5;30/06/2024;Cnam;\r\n';
    const r = await parseImportFile(csv(text), 'export.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.objectiveCode, x.indicatorName, x.value, x.observedAt])).toEqual([
      [2, '12-1', 'teleconsultation-adoption', 35.5, '2024-12-31'],
      [3, '1-1', 'documents', 1234567.5, '2024-06-30'],
    ]);
  });

  it('keeps row numbers right across a quoted cell holding a newline, and skips empty rows', async () => {
    const r = await parseImportFile(csv(`${HEADER}1,10,2024-01-31,CNAM,"two\nlines"\n\n1,x,2024-02-29,CNAM,\n`), 'v.csv');
    expect(r.rows.map((x) => [x.line, x.comment])).toEqual([[2, 'two\nlines']]);
    expect(r.problems).toEqual([{ line: 4, field: 'value', message: '"x" is not a finite number' }]);
  });

  it('reports every problem of every row with its line and field', async () => {
    const body = [
      '1,NaN,2024-01-31,s,',
      '1,Infinity,2024-01-31,s,',
      '1,1e309,2024-01-31,s,',
      '1,1e16,2024-01-31,s,',
      '1,5,2023-02-30,s,',
      '1,5,31/04/2024,s,',
      'abc,5,2024-01-31,s,',
      '0,5,2024-01-31,s,',
      ',,,s,',
      `1,5,2024-01-31,${'x'.repeat(301)},`,
      '1,=1+2,2024-01-31,s,',
    ].join('\n');
    const r = await parseImportFile(csv(HEADER + body), 'v.csv');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([
      { line: 2, field: 'value', message: '"NaN" is not a finite number' },
      { line: 3, field: 'value', message: '"Infinity" is not a finite number' },
      { line: 4, field: 'value', message: '"1e309" is not a finite number' },
      { line: 5, field: 'value', message: 'must be between -1000000000000000 and 1000000000000000' },
      { line: 6, field: 'observedAt', message: '"2023-02-30" is not a real date (write YYYY-MM-DD or DD/MM/YYYY)' },
      { line: 7, field: 'observedAt', message: '"31/04/2024" is not a real date (write YYYY-MM-DD or DD/MM/YYYY)' },
      { line: 8, field: 'indicatorId', message: '"abc" is not an indicator id (a positive whole number)' },
      { line: 9, field: 'indicatorId', message: '"0" is not an indicator id (a positive whole number)' },
      { line: 10, field: 'value', message: 'is missing' },
      { line: 10, field: 'observedAt', message: 'is missing' },
      { line: 10, field: 'indicatorId', message: 'is missing (or give objectiveCode and indicatorName)' },
      { line: 11, field: 'source', message: 'is longer than 300 characters' },
      { line: 12, field: 'value', message: '"=1+2" is not a finite number' },
    ]);
  });

  it('refuses unknown and missing columns, naming the expected ones', async () => {
    const r = await parseImportFile(csv('indicator,amount,when\n1,2,2024-01-01\n'), 'v.csv');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([
      { line: 1, field: null, message: expect.stringMatching(/^unknown column\(s\) "amount", "when"; expected: indicatorId/) },
      { line: 1, field: null, message: expect.stringMatching(/^missing column\(s\) indicatorId, value, observedAt/) },
    ]);
  });

  it('refuses a file that is not UTF-8 (a Windows-1252 export)', async () => {
    const latin1 = Buffer.from('indicatorId,value,observedAt,source\n1,5,2024-01-31,Sant\xe9\n', 'latin1');
    await expect(parseImportFile(latin1, 'v.csv')).rejects.toThrow(/not UTF-8.*CSV UTF-8/);
  });

  it('enforces the size limit before parsing and the row limit while parsing', async () => {
    await expect(parseImportFile(csv(HEADER + '1,5,2024-01-31,s,\n'.repeat(10)), 'v.csv', { maxBytes: 50 })).rejects.toThrow(/larger than 50 bytes/);
    await expect(parseImportFile(csv(HEADER + '1,5,2024-01-31,s,\n'.repeat(11)), 'v.csv', { maxRows: 10 })).rejects.toThrow(/more than 10 rows/);
    await expect(parseImportFile(Buffer.alloc(0), 'v.csv')).rejects.toThrow(/empty/);
  });

  it('reads French numbers only where the separator says so', () => {
    expect(readNumber('1 234,5', true)).toBe(1234.5);
    expect(readNumber('1\u00a0234', true)).toBe(1234);
    expect(readNumber('1,5', false)).toBeNull();
    expect(readNumber('-2.5e3', false)).toBe(-2500);
  });
});

describe('reading XLSX', () => {
  it('reads numeric, date, string and rich-text cells', async () => {
    const file = await xlsxFile([
      ['indicatorId', 'value', 'observedAt', 'source', 'comment'],
      [1, 120000000, new Date(Date.UTC(2023, 5, 30)), 'CNAM', { richText: [{ text: 'rich ' }, { text: 'text' }] }],
      ['2', '35.5', '31/12/2024', 'ANS', null],
    ]);
    const r = await parseImportFile(file, 'values.xlsx');
    expect(r.format).toBe('xlsx');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.indicatorId, x.value, x.observedAt, x.comment])).toEqual([
      [2, 1, 120000000, '2023-06-30', 'rich text'],
      [3, 2, 35.5, '2024-12-31', null],
    ]);
  });

  it('refuses formula cells instead of evaluating them', async () => {
    const file = await xlsxFile([
      ['indicatorId', 'value', 'observedAt', 'source'],
      [1, { formula: 'A1*2', result: 2 }, '2024-01-31', 'x'],
      [1, 5, '2024-02-29', { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' }],
    ]);
    const r = await parseImportFile(file, 'f.xlsx');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([
      { line: 2, field: 'value', message: 'formulas are not accepted; paste values instead' },
      { line: 3, field: 'source', message: 'formulas are not accepted; paste values instead' },
    ]);
  });

  it('refuses a truncated XLSX cleanly', async () => {
    const file = await xlsxFile([['indicatorId', 'value', 'observedAt', 'source'], [1, 5, '2024-01-31', 'x']]);
    await expect(parseImportFile(file.subarray(0, Math.floor(file.length / 2)), 't.xlsx')).rejects.toThrow(ImportFileError);
  });

  it('refuses a zip bomb, whether its sizes are declared or hidden', async () => {
    const zeros = Buffer.alloc(5_000_000);
    const honest = zipFile([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    const lying = zipFile([{ name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 1000 }]);
    expect(honest.length).toBeLessThan(20_000);
    await expect(parseImportFile(honest, 'bomb.xlsx', { maxUncompressedBytes: 1_000_000 })).rejects.toThrow(/inflates to more than|compression ratio/);
    await expect(parseImportFile(lying, 'bomb.xlsx', { maxUncompressedBytes: 1_000_000 })).rejects.toThrow(ImportFileError);
    const many = zipFile(Array.from({ length: 20 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.from('x') })));
    await expect(parseImportFile(many, 'many.xlsx', { maxZipEntries: 10 })).rejects.toThrow(/20 parts, more than the 10 allowed/);
  });
});

describe('detectFormat', () => {
  it.each([
    ['v.csv', Buffer.from('a,b\n'), 'csv'],
    ['v.txt', Buffer.from('a;b\n'), 'csv'],
    ['v.xlsx', zipFile([{ name: 'a', data: Buffer.from('x') }]), 'xlsx'],
    ['renamed.csv', zipFile([{ name: 'a', data: Buffer.from('x') }]), 'error'],
    ['report.pdf', Buffer.from('%PDF-1.7'), 'error'],
    ['tool.exe', Buffer.from('MZ\x90\x00'), 'error'],
    ['binary.csv', Buffer.from([0x41, 0x00, 0x42]), 'error'],
    ['fake.xlsx', Buffer.from('a,b\n'), 'error'],
  ])('%s → %s', (name, bytes, expected) => {
    if (expected === 'error') expect(() => detectFormat(name, bytes)).toThrow(ImportFileError);
    else expect(detectFormat(name, bytes)).toBe(expected);
  });
});

describe('exports', () => {
  const columns = [
    { header: 'text', value: (r: { t: string; n: number }) => r.t },
    { header: 'number', value: (r: { t: string; n: number }) => r.n },
  ];

  it.each([
    ['=cmd|"/c calc"!A1', "'=cmd|\"/c calc\"!A1"],
    ['+1', "'+1"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['Santé.fr', 'Santé.fr'],
  ])('neutralises %j', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it('writes CSV with a BOM, quoting, neutralised text and untouched numbers', () => {
    const out = toCsv([{ t: '=HYPERLINK("x")', n: -5 }, { t: 'a,b', n: 1.5 }], columns).toString('utf8');
    expect(out).toBe('\ufefftext,number\r\n"\'=HYPERLINK(""x"")",-5\r\n"a,b",1.5\r\n');
    expect(toCsv([{ t: 'a;b', n: 1 }], columns, { separator: ';', bom: false }).toString()).toBe('text;number\r\n"a;b";1\r\n');
  });

  it('writes XLSX with numeric cells and neutralised text that read back as such', async () => {
    const buf = await toXlsx([{ name: 'values', rows: [{ t: '@evil', n: -5 }], columns }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('values')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'text', 'number']);
    expect(ws.getCell('A2').value).toBe("'@evil");
    expect(ws.getCell('B2').value).toBe(-5);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
