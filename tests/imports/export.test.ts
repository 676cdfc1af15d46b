import { describe, expect, it } from 'vitest';
import { ExportColumn, neutraliseFormula, parseImportFile, roundNumber, toCsv, toXlsx } from '@app/imports';
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
    ['=cmd|"/c calc"!A1', '\'=cmd|"/c calc"!A1'],
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

describe('roundNumber', () => {
  it.each([
    [0.1 + 0.2, undefined, 0.3],
    [22.530000000000001, 2, 22.53],
    [0.98245, 3, 0.982],
    [1.005, 2, 1.01], // rounded as written in decimal, not as stored in binary
    [1234567.5, 0, 1234568],
    [-0.0001, 2, 0], // never -0
    [250_000_000, 0, 250_000_000],
  ])('%d to %s decimals → %d', (n, decimals, out) => {
    expect(Object.is(roundNumber(n, decimals), out)).toBe(true);
  });
});

describe('date columns', () => {
  interface Dated {
    day: string | null;
    at: string | null;
  }
  const dated: ExportColumn<Dated>[] = [
    { header: 'day', value: (r) => r.day, type: 'date' },
    { header: 'at', value: (r) => r.at, type: 'datetime' },
  ];
  const rows: Dated[] = [
    { day: '2025-12-31', at: '2025-11-24T05:55:00.000Z' },
    { day: null, at: null },
  ];

  it('CSV: French or ISO dates, instants in the given time zone', () => {
    const fr = toCsv(rows, dated, { separator: ';', bom: false, dates: 'fr', timeZone: 'Europe/Paris' }).toString();
    expect(fr).toBe('day;at\r\n31/12/2025;24/11/2025 06:55\r\n;\r\n');
    expect(toCsv(rows, dated, { bom: false }).toString()).toBe('day,at\r\n2025-12-31,2025-11-24 05:55\r\n,\r\n');
  });

  it('XLSX: date cells with a date format', async () => {
    const ws = (await readWorkbook(await toXlsx([{ name: 'd', rows, columns: dated }], { dates: 'fr', timeZone: 'Europe/Paris' }))).worksheets[0];
    const [day, at] = [ws.getCell('A2'), ws.getCell('B2')];
    expect([day.type, at.type]).toEqual([4, 4]); // ExcelJS.ValueType.Date
    expect([(day.value as Date).toISOString(), day.numFmt]).toEqual(['2025-12-31T00:00:00.000Z', 'dd/mm/yyyy']);
    expect([(at.value as Date).toISOString(), at.numFmt]).toEqual(['2025-11-24T06:55:00.000Z', 'dd/mm/yyyy hh:mm']);
    expect(ws.getCell('A3').value).toBeNull();
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
    const out = toCsv<Line>(
      [
        { t: 'a;b', n: 1.5 },
        { t: 'a,b', n: -2 },
      ],
      columns,
      { separator: ';', bom: false },
    ).toString('utf8');
    expect(out).toBe('text;number\r\n"a;b";1,5\r\na,b;-2\r\n');
    // With ",", a semicolon needs no quotes (exports of SQL-looking text stay as written).
    expect(toCsv<Line>([{ t: "'); DROP TABLE x; --", n: 1 }], columns, { bom: false }).toString()).toBe("text,number\r\n'); DROP TABLE x; --,1\r\n");
  });

  it('neutralises the header too, and writes an empty file as just the header', () => {
    expect(toCsv([], [{ header: '=1+1', value: () => null }], { bom: false }).toString()).toBe("'=1+1\r\n");
  });

  it('writes what the importer reads back', async () => {
    const rows = [{ id: 1, value: 1234.5, at: '2024-01-31', source: 'Cnam; "DCIR"', comment: 'deux\nlignes', territory: 'departement:2A', denominator: 12.5 }];
    const cols: ExportColumn<(typeof rows)[number]>[] = [
      { header: 'indicatorId', value: (r) => r.id },
      { header: 'value', value: (r) => r.value },
      { header: 'observedAt', value: (r) => r.at },
      { header: 'source', value: (r) => r.source },
      { header: 'comment', value: (r) => r.comment },
      { header: 'Territoire', value: (r) => r.territory },
      { header: 'Dénominateur', value: (r) => r.denominator },
    ];
    for (const separator of [',', ';'] as const) {
      const back = await parseImportFile(toCsv(rows, cols, { separator }), 'back.csv');
      expect(back.problems).toEqual([]);
      expect(back.rows).toEqual([
        {
          line: 2,
          indicatorId: 1,
          objectiveCode: null,
          indicatorName: null,
          value: 1234.5,
          observedAt: '2024-01-31',
          source: 'Cnam; "DCIR"',
          comment: 'deux\nlignes',
          reason: null,
          territory: 'departement:2A',
          denominator: 12.5,
        },
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
    const wb = await readWorkbook(
      await toXlsx<Line>([
        {
          name: 'values',
          rows: [
            { t: 'a'.repeat(20), n: 1 },
            { t: long, n: 2 },
          ],
          columns,
        },
      ]),
    );
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
