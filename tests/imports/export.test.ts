import { describe, expect, it } from 'vitest';
import { ExportColumn, neutraliseFormula, parseImportFile, toCsv, toXlsx } from '@app/imports';
import { readWorkbook } from '../support/files';

interface Line {
  t: string | null;
  n: number | null;
}
const columns: ExportColumn<Line>[] = [
  { header: 'text', value: (r) => r.t },
  { header: 'number', value: (r) => r.n },
];

describe('neutraliseFormula', () => {
  it.each([
    ['=cmd|"/c calc"!A1', "'=cmd|\"/c calc\"!A1"],
    ['+1', "'+1"],
    ['-x', "'-x"],
    ['-5', "'-5"], // text, even when it looks like a number
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Santé.fr', 'Santé.fr'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });
});

describe('toCsv', () => {
  it('writes a BOM, CRLF lines, RFC 4180 quoting, neutralised text and untouched numbers', () => {
    const out = toCsv<Line>(
      [
        { t: '=HYPERLINK("x")', n: -5 },
        { t: 'a,b', n: 1.5 },
        { t: 'two\nlines', n: 0 },
        { t: '@SUM(A1)', n: null },
        { t: null, n: 1e15 },
        { t: 'Santé', n: NaN },
      ],
      columns,
    );
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(out.toString('utf8')).toBe(
      '\ufefftext,number\r\n' +
        '"\'=HYPERLINK(""x"")",-5\r\n' +
        '"a,b",1.5\r\n' +
        '"two\nlines",0\r\n' +
        "'@SUM(A1),\r\n" +
        ',1000000000000000\r\n' +
        'Santé,\r\n',
    );
  });

  it('writes without a BOM on request, and with ";" uses decimal commas and quotes semicolons', () => {
    const out = toCsv<Line>([{ t: 'a;b', n: 1.5 }, { t: 'a,b', n: -2 }], columns, { separator: ';', bom: false }).toString('utf8');
    expect(out).toBe('text;number\r\n"a;b";1,5\r\na,b;-2\r\n');
    // With ",", a semicolon needs no quotes (exports of SQL-looking text stay as written).
    expect(toCsv<Line>([{ t: "'); DROP TABLE x; --", n: 1 }], columns, { bom: false }).toString()).toBe("text,number\r\n'); DROP TABLE x; --,1\r\n");
  });

  it('neutralises the header too, and writes an empty file as just the header', () => {
    expect(toCsv([], [{ header: '=1+1', value: () => null }], { bom: false }).toString()).toBe("'=1+1\r\n");
  });

  it('writes what the importer reads back', async () => {
    const rows = [{ id: 1, value: 1234.5, at: '2024-01-31', source: 'Cnam; "DCIR"', comment: 'deux\nlignes' }];
    const cols: ExportColumn<(typeof rows)[number]>[] = [
      { header: 'indicatorId', value: (r) => r.id },
      { header: 'value', value: (r) => r.value },
      { header: 'observedAt', value: (r) => r.at },
      { header: 'source', value: (r) => r.source },
      { header: 'comment', value: (r) => r.comment },
    ];
    for (const separator of [',', ';'] as const) {
      const back = await parseImportFile(toCsv(rows, cols, { separator }), 'back.csv');
      expect(back.problems).toEqual([]);
      expect(back.rows).toEqual([
        { line: 2, indicatorId: 1, objectiveCode: null, indicatorName: null, value: 1234.5, observedAt: '2024-01-31', source: 'Cnam; "DCIR"', comment: 'deux\nlignes' },
      ]);
    }
  });
});

describe('toXlsx', () => {
  it('writes numeric cells and neutralised text that read back as such, header bold and frozen', async () => {
    const buf = await toXlsx<Line>([
      {
        name: 'values',
        rows: [
          { t: '@evil', n: -5 },
          { t: '=1+2', n: 1234.5 },
          { t: 'Santé', n: null },
          { t: null, n: Infinity },
        ],
        columns,
      },
    ]);
    const wb = await readWorkbook(buf);
    const ws = wb.getWorksheet('values')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'text', 'number']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A2').value).toBe("'@evil");
    expect(ws.getCell('B2').value).toBe(-5);
    expect(ws.getCell('B2').type).toBe(2); // ExcelJS.ValueType.Number
    expect(ws.getCell('A3').value).toBe("'=1+2");
    expect(ws.getCell('A3').formula).toBeUndefined();
    expect(ws.getCell('B3').value).toBe(1234.5);
    expect(ws.getCell('A4').value).toBe('Santé');
    expect(ws.getCell('B4').value).toBeNull();
    expect(ws.getCell('A5').value).toBeNull();
    expect(ws.getCell('B5').value).toBeNull();
    expect(ws.rowCount).toBe(5);
  });

  it('sizes columns to their content, within bounds', async () => {
    const long = 'x'.repeat(200);
    const wb = await readWorkbook(await toXlsx<Line>([{ name: 'values', rows: [{ t: 'a'.repeat(20), n: 1 }, { t: long, n: 2 }], columns }]));
    const ws = wb.worksheets[0];
    expect(ws.getColumn(1).width).toBe(60);
    expect(ws.getColumn(2).width).toBe(8);
    const narrow = (await readWorkbook(await toXlsx<Line>([{ name: 'v', rows: [{ t: 'a'.repeat(20), n: 1 }], columns }]))).worksheets[0];
    expect(narrow.getColumn(1).width).toBe(22);
  });

  it('writes several sheets, making their names valid for Excel', async () => {
    const wb = await readWorkbook(
      await toXlsx<Line>([
        { name: 'Mesures 2024/2025: [toutes]', rows: [{ t: 'a', n: 1 }], columns },
        { name: 'x'.repeat(40), rows: [], columns },
        { name: 'x'.repeat(40), rows: [], columns },
      ]),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Mesures 2024-2025- -toutes-', 'x'.repeat(31), `${'x'.repeat(29)} 2`]);
  });

  it('drops characters a workbook cannot hold rather than writing a file Excel will not open', async () => {
    const wb = await readWorkbook(await toXlsx<Line>([{ name: 'v', rows: [{ t: 'bell\u0007 and nul\u0000', n: 1 }], columns }]));
    expect(wb.worksheets[0].getCell('A2').value).toBe('bell and nul');
  });
});
