import { describe, expect, it } from 'vitest';
import { ImportFileError, parseImportFile, readDate, readNumber } from '@app/imports';
import { renderMessage } from '@app/presentation';
import { importRow as row } from '../support/files';

const csv = (text: string) => Buffer.from(text, 'utf8');
const HEADER = 'indicatorId,value,observedAt,source,comment\n';
/** The problems of a file, as [line, field] pairs (messages are checked where they matter). */
/** A refusal in English words, from the message catalogue. */
const en = (e: unknown) => renderMessage((e as ImportFileError).code, (e as ImportFileError).params, 'en');
const where = (problems: { line: number | null; field: string | null }[]) => problems.map((p) => [p.line, p.field]);

describe('reading CSV: formats', () => {
  it('reads comma-separated rows with their spreadsheet line numbers', async () => {
    const r = await parseImportFile(csv(`${HEADER}1,120000000,2023-06-30,CNAM,first\n2,35.5,2023-12-31,CNAM,\n`), 'values.csv');
    expect(r.format).toBe('csv');
    expect(r.columns).toEqual(['indicatorId', 'value', 'observedAt', 'source', 'comment']);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      row({ line: 2, indicatorId: 1, value: 120000000, observedAt: '2023-06-30', source: 'CNAM', comment: 'first' }),
      row({ line: 3, indicatorId: 2, value: 35.5, observedAt: '2023-12-31', source: 'CNAM' }),
    ]);
  });

  it('reads a French export: semicolons, decimal commas, spaces in thousands, DD/MM/YYYY, French headers', async () => {
    const text =
      'Code objectif;Indicateur;Valeur;Date d’observation;Source;Commentaire\n' +
      '12-1;teleconsultation-adoption;35,5;31/12/2024;Cnam;très bien\n' +
      '1-1;documents;1 234 567,5;30/06/2024;Cnam;\n' +
      '1-1;Documents de santé;1\u00a0234;1/2/2024;Cnam;\n' +
      '1-1;documents;2\u202f000\u202f000;29/02/2024;Cnam;\n' +
      '1-1;documents;-0,25;2024-03-31;Cnam;\n' +
      '1-1;documents;12 34;2024-04-30;Cnam;\n';
    const r = await parseImportFile(csv(text), 'export.csv');
    expect(r.rows.map((x) => [x.line, x.objectiveCode, x.indicatorName, x.value, x.observedAt, x.comment])).toEqual([
      [2, '12-1', 'teleconsultation-adoption', 35.5, '2024-12-31', 'très bien'],
      [3, '1-1', 'documents', 1234567.5, '2024-06-30', null],
      [4, '1-1', 'Documents de santé', 1234, '2024-02-01', null],
      [5, '1-1', 'documents', 2000000, '2024-02-29', null],
      [6, '1-1', 'documents', -0.25, '2024-03-31', null],
      [7, '1-1', 'documents', null, '2024-04-30', null],
    ]);
    expect(r.problems).toEqual([{ line: 7, field: 'value', code: 'import.cell.not_a_number', params: { cell: '12 34' } }]);
  });

  it('reads "Indicateur" alone as the indicator id, and next to an objective code as its name', async () => {
    const alone = await parseImportFile(csv('Indicateur;Valeur;Date\n7;5;31/01/2024\n'), 'v.csv');
    expect(alone.problems).toEqual([]);
    expect(alone.rows).toEqual([row({ line: 2, indicatorId: 7, value: 5, observedAt: '2024-01-31' })]);
    const named = await parseImportFile(csv('Objectif;Indicateur;Valeur;Date\n1-1;documents;5;31/01/2024\n'), 'v.csv');
    expect(named.problems).toEqual([]);
    expect(named.rows).toEqual([row({ line: 2, objectiveCode: '1-1', indicatorName: 'documents', value: 5, observedAt: '2024-01-31' })]);
  });

  it('accepts header names in any case, with accents, spaces or underscores', async () => {
    const r = await parseImportFile(csv("INDICATOR_ID;  valeur ;Date d'Observation;SOURCE;Commentaire\n3;1;2024-01-31;s;c\n"), 'v.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([row({ line: 2, indicatorId: 3, value: 1, observedAt: '2024-01-31', source: 's', comment: 'c' })]);
  });

  it('reads decimal commas only in semicolon files: in a comma file a quoted "1,5" is not a number', async () => {
    const r = await parseImportFile(csv(`${HEADER}1,"1,5",2024-01-31,s,\n`), 'v.csv');
    expect(r.problems).toEqual([{ line: 2, field: 'value', code: 'import.cell.not_a_number', params: { cell: '1,5' } }]);
  });

  it('takes the separator from the header line only, counting outside quotes', async () => {
    // The row holds more commas than the whole file has semicolons: the header decides.
    const r = await parseImportFile(csv('indicatorId;value;observedAt;comment\n1;5;2024-01-31;a, b, c, d, e, f, g, h, i, j\n'), 'v.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows[0].comment).toBe('a, b, c, d, e, f, g, h, i, j');
    // Semicolons inside a quoted header cell do not count: this header is comma-separated.
    const q = await parseImportFile(csv('"id;x;y;z",value,observedAt\n1,5,2024-01-31\n'), 'v.csv');
    expect(q.problems).toEqual([
      { line: null, field: null, code: 'import.columns.unknown', params: { count: 1, columns: ['id;x;y;z'], expected: 'columns' } },
      { line: null, field: null, code: 'import.columns.missing', params: { count: 1, missing: ['indicator'], expected: 'columns' } },
    ]);
  });

  it('reads tab-separated text', async () => {
    const r = await parseImportFile(csv('indicatorId\tvalue\tobservedAt\tsource\n1\t2.5\t2024-01-31\ta, b; c\n'), 'v.txt');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([row({ line: 2, indicatorId: 1, value: 2.5, observedAt: '2024-01-31', source: 'a, b; c' })]);
  });

  it('strips a UTF-8 BOM, so the first column is still recognised', async () => {
    const body = `${HEADER}1,5,2024-01-31,Santé,\n`;
    const withBom = await parseImportFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(body)]), 'v.csv');
    expect(withBom.columns[0]).toBe('indicatorId');
    expect(withBom.problems).toEqual([]);
    expect(withBom.rows).toEqual([row({ line: 2, indicatorId: 1, value: 5, observedAt: '2024-01-31', source: 'Santé' })]);
  });

  it('reads CRLF line endings without leaving a carriage return in the last column', async () => {
    const r = await parseImportFile(csv('indicatorId,value,observedAt,comment\r\n1,5,2024-01-31,last\r\n1,6,2024-02-29,\r\n'), 'v.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.comment])).toEqual([
      [2, 'last'],
      [3, null],
    ]);
  });

  it('keeps line numbers right across quoted cells holding line breaks (LF and CRLF)', async () => {
    const text = `${HEADER}1,10,2024-01-31,CNAM,"two\nlines"\r\n1,11,2024-02-29,CNAM,"three\r\nlines\r\nhere"\n1,x,2024-03-31,CNAM,\n`;
    const r = await parseImportFile(csv(text), 'v.csv');
    expect(r.rows.map((x) => [x.line, x.comment])).toEqual([
      [2, 'two\nlines'],
      [3, 'three\r\nlines\r\nhere'],
      [4, null],
    ]);
    expect(r.problems).toEqual([{ line: 4, field: 'value', code: 'import.cell.not_a_number', params: { cell: 'x' } }]);
  });

  it('skips empty rows silently, counting them in the line numbers as the spreadsheet does', async () => {
    const text = `indicatorId;value;observedAt;source;comment\n\n1;5;31/01/2024;s;\n;;;;\n  ;  ;;;\n1;x;29/02/2024;s;\n`;
    const r = await parseImportFile(csv(text), 'v.csv');
    expect(r.rows.map((x) => x.line)).toEqual([3, 6]);
    expect(where(r.problems)).toEqual([[6, 'value']]);
  });

  it('keeps text that looks like a formula as text (it is neutralised on export, not import)', async () => {
    const r = await parseImportFile(csv(`${HEADER}1,5,2024-01-31,@SUM(A1),"=HYPERLINK(""http://evil.example"")"\n1,6,2024-02-29,+33 1 23,-x\n`), 'v.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.source, x.comment])).toEqual([
      ['@SUM(A1)', '=HYPERLINK("http://evil.example")'],
      ['+33 1 23', '-x'],
    ]);
  });

  it('reads a header-only file as no rows and no problems (the caller says there is nothing to import)', async () => {
    const r = await parseImportFile(csv(HEADER), 'v.csv');
    expect(r).toEqual({ format: 'csv', rows: [], problems: [], columns: ['indicatorId', 'value', 'observedAt', 'source', 'comment'] });
  });
});

describe('reading CSV: the header', () => {
  it('refuses unknown columns, naming them and the expected ones, and reads no rows', async () => {
    const r = await parseImportFile(csv('indicatorId,value,observedAt,amount,Unité\n1,2,2024-01-01,3,€\n'), 'v.csv');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([
      { line: null, field: null, code: 'import.columns.unknown', params: { count: 2, columns: ['amount', 'Unité'], expected: 'columns' } },
    ]);
    expect(renderMessage(r.problems[0].code, r.problems[0].params, 'en')).toMatch(
      /^unknown columns "amount", "Unité"; expected: indicatorId \(or objectiveCode \+ indicatorName\), value, observedAt.*valeur/,
    );
    expect(renderMessage(r.problems[0].code, r.problems[0].params, 'fr')).toMatch(
      /^colonnes inconnues\u00a0: «\u00a0amount\u00a0», «\u00a0Unité\u00a0»\u202f; colonnes attendues\u00a0: id indicateur/,
    );
  });

  it.each([
    ['value,observedAt', /^missing column indicatorId \(or objectiveCode \+ indicatorName\);/],
    ['objectiveCode,value,observedAt', /^missing column indicatorName \(or indicatorId\);/],
    ['indicatorName,value,observedAt', /^missing column objectiveCode \(or indicatorId\);/],
    ['indicatorId,observedAt,source', /^missing column value;/],
    ['indicatorId,value', /^missing column observedAt;/],
    ['indicatorId,source', /^missing columns value, observedAt;/],
  ])('refuses a header without the required columns: %s', async (header, message) => {
    const r = await parseImportFile(csv(`${header}\n1,2,3\n`), 'v.csv');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ line: null, field: null, code: 'import.columns.missing', params: expect.objectContaining({ expected: 'columns' }) }]);
    expect(renderMessage(r.problems[0].code, r.problems[0].params, 'en')).toMatch(message);
  });

  it('refuses a column given twice', async () => {
    const r = await parseImportFile(csv('indicatorId,value,valeur,observedAt\n1,2,3,2024-01-31\n'), 'v.csv');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ line: null, field: 'value', code: 'import.columns.repeated', params: { first: 'value', second: 'valeur', field: 'value' } }]);
  });

  it('ignores trailing columns without a header, unless a row puts a value in them', async () => {
    const r = await parseImportFile(csv('indicatorId;value;observedAt;;\n1;5;31/01/2024;;\n1;6;29/02/2024;;lost?\n1;7;31/03/2024;;;extra\n'), 'v.csv');
    expect(r.rows.map((x) => [x.line, x.value])).toEqual([
      [2, 5],
      [3, 6],
      [4, 7],
    ]);
    expect(r.problems).toEqual([
      { line: 3, field: null, code: 'import.column_without_header', params: { column: 'E' } },
      { line: 4, field: null, code: 'import.column_without_header', params: { column: 'F' } },
    ]);
  });

  it('refuses a file whose first line is not a header', async () => {
    expect(en(await parseImportFile(csv('\nindicatorId,value,observedAt\n'), 'v.csv').catch((e: unknown) => e))).toMatch(
      /first row is empty; it must be the header/,
    );
  });
});

describe('reading CSV: problems of the rows', () => {
  it('reports every problem of the value with its line', async () => {
    const values = ['', 'abc', 'NaN', 'Infinity', '-Infinity', '1e309', '1e16', '-1e16', '=1+2', '0x10', '"1,5"'];
    const body = values.map((v, i) => `1,${v},2024-01-${String(i + 1).padStart(2, '0')},s,`).join('\n');
    const r = await parseImportFile(csv(`${HEADER}${body}\n1,1e15,2024-02-01,s,\n1,-1e15,2024-02-02,s,\n1,-0,2024-02-03,s,\n`), 'v.csv');
    expect(r.problems).toEqual([
      { line: 2, field: 'value', code: 'import.cell.empty' },
      { line: 3, field: 'value', code: 'import.cell.not_a_number', params: { cell: 'abc' } },
      { line: 4, field: 'value', code: 'import.cell.not_a_number', params: { cell: 'NaN' } },
      { line: 5, field: 'value', code: 'import.cell.not_a_number', params: { cell: 'Infinity' } },
      { line: 6, field: 'value', code: 'import.cell.not_a_number', params: { cell: '-Infinity' } },
      { line: 7, field: 'value', code: 'import.cell.not_a_number', params: { cell: '1e309' } },
      { line: 8, field: 'value', code: 'import.cell.value_too_large', params: { cell: '1e16', max: 1e15 } },
      { line: 9, field: 'value', code: 'import.cell.value_too_large', params: { cell: '-1e16', max: 1e15 } },
      { line: 10, field: 'value', code: 'import.cell.not_a_number', params: { cell: '=1+2' } },
      { line: 11, field: 'value', code: 'import.cell.not_a_number', params: { cell: '0x10' } },
      { line: 12, field: 'value', code: 'import.cell.not_a_number', params: { cell: '1,5' } },
    ]);
    // Rows with problems are returned too, the faulty cell null; the limits themselves are accepted.
    expect(r.rows.map((x) => [x.line, x.value])).toEqual([...values.map((_, i) => [i + 2, null]), [13, 1e15], [14, -1e15], [15, 0]]);
    expect(Object.is(r.rows[13].value, -0)).toBe(false);
  });

  it('reports every date that is not a real one, and reads the real ones', async () => {
    const dates = [
      '2023-02-30',
      '31/04/2024',
      '29/02/2023',
      '2024-13-01',
      '2024-00-10',
      '2024-1-5',
      '31/12/24',
      '12/31/2024',
      'garbage',
      '2024-01-31T00:00:00Z',
      '0999-12-31',
    ];
    const good = ['2024-02-29', '29/02/2024', '1/2/2024', ' 2024-01-31 '];
    const body = [...dates, ...good].map((d) => `1,1,"${d}",s,`).join('\n');
    const r = await parseImportFile(csv(`${HEADER}${body}\n1,1,,s,\n`), 'v.csv');
    expect(r.problems).toEqual([
      ...dates.map((d, i) => ({ line: i + 2, field: 'observedAt', code: 'import.cell.not_a_date', params: { cell: d } })),
      { line: 14, field: 'observedAt', code: 'import.duplicate_line', params: { line: 13 } },
      { line: 17, field: 'observedAt', code: 'import.cell.empty' },
    ]);
    // 2024-02-29 and 29/02/2024 are the same day: the second is reported as a duplicate of the first.
    expect(r.rows.slice(dates.length).map((x) => x.observedAt)).toEqual(['2024-02-29', '2024-02-29', '2024-02-01', '2024-01-31', null]);
  });

  it('reports indicator ids that are not positive whole numbers, and objective codes not like "1-1"', async () => {
    const text = [
      'indicatorId,objectiveCode,indicatorName,value,observedAt',
      'abc,,,1,2024-01-31',
      '0,,,1,2024-01-31',
      '-3,,,1,2024-01-31',
      '1.5,,,1,2024-01-31',
      '99999999999999999999,,,1,2024-01-31',
      ',1.1,documents,1,2024-01-31',
      ',123-1,documents,1,2024-01-31',
      ',a-b,documents,1,2024-01-31',
      ',,,1,2024-01-31',
      ',1-1,,1,2024-01-31',
      ',,documents,1,2024-01-31',
      '42,12-1,documents,1,2024-01-31',
      ',1-1,documents,1,2024-01-31',
    ].join('\n');
    const r = await parseImportFile(csv(text), 'v.csv');
    expect(r.problems).toEqual([
      { line: 2, field: 'indicatorId', code: 'import.cell.not_an_id', params: { cell: 'abc' } },
      { line: 3, field: 'indicatorId', code: 'import.cell.not_an_id', params: { cell: '0' } },
      { line: 4, field: 'indicatorId', code: 'import.cell.not_an_id', params: { cell: '-3' } },
      { line: 5, field: 'indicatorId', code: 'import.cell.not_an_id', params: { cell: '1.5' } },
      { line: 6, field: 'indicatorId', code: 'import.cell.not_an_id', params: { cell: '99999999999999999999' } },
      { line: 7, field: 'objectiveCode', code: 'import.cell.not_a_code', params: { cell: '1.1' } },
      { line: 8, field: 'objectiveCode', code: 'import.cell.not_a_code', params: { cell: '123-1' } },
      { line: 9, field: 'objectiveCode', code: 'import.cell.not_a_code', params: { cell: 'a-b' } },
      { line: 10, field: 'indicatorId', code: 'import.cell.missing_indicator' },
      { line: 11, field: 'indicatorName', code: 'import.cell.missing_indicator_name' },
      { line: 12, field: 'objectiveCode', code: 'import.cell.missing_objective_code' },
    ]);
    expect(r.rows.slice(-2)).toEqual([
      row({ line: 13, indicatorId: 42, objectiveCode: '12-1', indicatorName: 'documents', value: 1, observedAt: '2024-01-31' }),
      row({ line: 14, objectiveCode: '1-1', indicatorName: 'documents', value: 1, observedAt: '2024-01-31' }),
    ]);
  });

  it('reports text longer than its limit (source 300, comment 2000, indicatorName 300), and accepts the limit itself', async () => {
    const text = [
      'objectiveCode,indicatorName,value,observedAt,source,comment',
      `1-1,documents,1,2024-01-01,${'s'.repeat(300)},${'c'.repeat(2000)}`,
      `1-1,${'n'.repeat(300)},1,2024-01-02,s,`,
      `1-1,documents,1,2024-01-03,${'s'.repeat(301)},`,
      `1-1,documents,1,2024-01-04,s,${'c'.repeat(2001)}`,
      `1-1,${'n'.repeat(301)},1,2024-01-05,s,`,
    ].join('\n');
    const r = await parseImportFile(csv(text), 'v.csv');
    expect(r.problems).toEqual([
      { line: 4, field: 'source', code: 'validation.too_long', params: { max: 300, length: 301 } },
      { line: 5, field: 'comment', code: 'validation.too_long', params: { max: 2000, length: 2001 } },
      { line: 6, field: 'indicatorName', code: 'validation.too_long', params: { max: 300, length: 301 } },
    ]);
    expect(r.rows[0].source).toHaveLength(300);
    expect(r.rows[0].comment).toHaveLength(2000);
  });

  it('reports all the problems of one row, not only the first', async () => {
    const r = await parseImportFile(csv(`${HEADER}x,y,z,${'s'.repeat(301)},\n`), 'v.csv');
    expect(where(r.problems)).toEqual([
      [2, 'indicatorId'],
      [2, 'value'],
      [2, 'observedAt'],
      [2, 'source'],
    ]);
  });

  it('reports a row that repeats the indicator and date of an earlier row, naming that row', async () => {
    const text = [
      'indicatorId;objectiveCode;indicatorName;value;observedAt;source',
      '1;;;5;31/01/2024;a', // 2
      '1;;;6;2024-01-31;b', // 3: same id, same day written differently
      '1;;;7;2024-02-29;c', // 4: another day
      '2;;;7;2024-01-31;c', // 5: another indicator
      ';1-1;Documents de santé;8;2024-01-31;d', // 6
      ';1-1;documents de sante;9;2024-01-31;e', // 7: same name, case and accents aside
      ';1-2;documents de sante;9;2024-01-31;e', // 8: another objective
      '1;;;x;2024-01-31;f', // 9: a duplicate with a bad value: both reported
    ].join('\n');
    const r = await parseImportFile(csv(text), 'v.csv');
    expect(r.problems).toEqual([
      { line: 3, field: 'observedAt', code: 'import.duplicate_line', params: { line: 2 } },
      { line: 7, field: 'observedAt', code: 'import.duplicate_line', params: { line: 6 } },
      { line: 9, field: 'value', code: 'import.cell.not_a_number', params: { cell: 'x' } },
      { line: 9, field: 'observedAt', code: 'import.duplicate_line', params: { line: 2 } },
    ]);
    expect(r.rows).toHaveLength(8);
  });
});

describe('reading CSV: refusals of the whole file', () => {
  it('refuses a file that is not UTF-8 (a Windows-1252 export), saying how to fix it', async () => {
    const latin1 = Buffer.concat([csv('indicatorId,value,observedAt,source\n1,5,2024-01-31,Sant'), Buffer.from([0xe9]), csv('\n')]);
    const err = await parseImportFile(latin1, 'v.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(en(err)).toMatch(/not UTF-8.*"CSV UTF-8"/);
  });

  it('refuses UTF-16 text', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('indicatorId,value,observedAt\n', 'utf16le')]);
    expect(en(await parseImportFile(utf16, 'v.csv').catch((e: unknown) => e))).toMatch(/UTF-16.*"CSV UTF-8"/);
  });

  it('enforces the size limit before parsing', async () => {
    const file = csv(`${HEADER}1,5,2024-01-31,s,\n`);
    await expect(parseImportFile(file, 'v.csv', { maxBytes: file.length })).resolves.toMatchObject({ rows: [expect.anything()] });
    await expect(parseImportFile(file, 'v.csv', { maxBytes: file.length - 1 })).rejects.toMatchObject({
      code: 'import.file.too_large',
      params: { max: file.length - 1 },
    });
    // Before parsing: not even a non-UTF-8 file is decoded once it is too large.
    expect(en(await parseImportFile(Buffer.from([0xe9, 0xe9, 0xe9]), 'v.csv', { maxBytes: 2 }).catch((e: unknown) => e))).toMatch(
      /larger than the limit of 2 bytes/,
    );
  });

  it('enforces the row limit while parsing; empty rows do not count', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `1,${i},2024-01-31,s,\n`).join('');
    await expect(parseImportFile(csv(HEADER + rows(10) + '\n,,,,\n'), 'v.csv', { maxRows: 10 })).resolves.toMatchObject({ format: 'csv' });
    const err = await parseImportFile(csv(HEADER + rows(11)), 'v.csv', { maxRows: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(en(err)).toMatch(/more than 10 rows/);
  });

  it('refuses an empty file and one with a quote never closed', async () => {
    await expect(parseImportFile(Buffer.alloc(0), 'v.csv')).rejects.toMatchObject({ code: 'import.file.empty' });
    await expect(parseImportFile(csv(' \n \n'), 'v.csv')).rejects.toMatchObject({ code: 'import.file.empty' });
    await expect(parseImportFile(csv(`${HEADER}1,5,2024-01-31,"unclosed,\n1,6,2024-02-29,s,\n`), 'v.csv')).rejects.toThrow(ImportFileError);
  });
});

describe('readNumber and readDate', () => {
  it.each<[string, boolean, number | null]>([
    ['1234.5', false, 1234.5],
    ['-2.5e3', false, -2500],
    ['+7', false, 7],
    [' 42 ', false, 42],
    ['1,5', false, null],
    ['1 234', false, null],
    ['1 234,5', true, 1234.5],
    ['1\u00a0234', true, 1234],
    ['1\u202f234\u202f567', true, 1234567],
    ['1234,5', true, 1234.5],
    ['1234.5', true, 1234.5],
    ['\u22125', true, -5],
    ['1,234.5', true, null],
    ['1.234,5', true, null],
    ['12 34', true, null],
    ['1 2345', true, null],
    ['1,2,3', true, null],
    ['', true, null],
    ['abc', true, null],
  ])('readNumber(%j, decimalComma=%s) = %s', (text, decimalComma, expected) => {
    expect(readNumber(text, decimalComma)).toBe(expected);
  });

  it.each<[string, string | null]>([
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['31/12/2024', '2024-12-31'],
    ['5/6/2024', '2024-06-05'],
    ['31/04/2024', null],
    ['2024/01/31', null],
    ['', null],
  ])('readDate(%j) = %s', (text, expected) => {
    expect(readDate(text)).toBe(expected);
  });
});
