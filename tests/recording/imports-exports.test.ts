import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { countRows, recordedState } from '../support/db';
import { xlsxFile } from '../support/files';
import { objectiveIds } from '../support/roadmap';

let t: TestApp;
let admin: string;
let cnam: string;
let documents: number; // 1-1 (CNAM contributes)
let teleconsultation: number; // 12-1, percent (CNAM contributes)
let digitalBudget: number; // 15-4 (DGOS, DNS: not CNAM)
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const upload = (token: string, file: Buffer, name: string, dryRun: boolean) =>
  request(t.http).post(`/api/v1/imports?dryRun=${dryRun}`).set(auth(token)).attach('file', file, name);

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login();
  cnam = await t.userToken('editor', ['CNAM']);
  documents = (await objectiveIds(t, admin, '1-1')).indicators[0];
  teleconsultation = (await objectiveIds(t, admin, '12-1')).indicators[0];
  digitalBudget = (await objectiveIds(t, admin, '15-4')).indicators[0];
  await request(t.http)
    .post(`/api/v1/indicators/${documents}/measurements`)
    .set(auth(admin))
    .send({ value: 1e8, observedAt: '2023-06-30', source: 'API' })
    .expect(201);
});
afterAll(async () => t.close());

describe('importing measurements', () => {
  const bad = () =>
    Buffer.from(
      [
        'indicatorId,objectiveCode,indicatorName,value,observedAt,source,comment',
        `${documents},,,150000000,2023-09-30,CNAM,ok`,
        `${teleconsultation},,,101,2024-12-31,CNAM,`,
        `${digitalBudget},,,2,2024-12-31,CNAM,`,
        `,12-1,Adoption rate of teleconsultations by private doctors,30,2025-07-01,CNAM,`,
        `${documents},,,160000000,2023-06-30,CNAM,`,
        `${documents},,,151000000,2023-09-30,CNAM,duplicate`,
        `99999,,,1,2024-01-31,CNAM,`,
        `,1-1,no such indicator,1,2024-01-31,CNAM,`,
        `${documents},,,1,2024-01-31,,`,
      ].join('\n'),
    );

  it('dry run: reports every problem with its code, line and field, and writes nothing', async () => {
    const before = await recordedState(t.database);
    const res = await upload(cnam, bad(), 'values.csv', true).set('Accept-Language', 'en').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 9, valid: 1 });
    expect(res.body.problems).toEqual([
      { line: 3, field: 'value', code: 'value.percent_out_of_range', message: 'Line 3, Value: this is a percentage, enter a number between 0 and 100.' },
      {
        line: 4,
        field: 'indicator',
        code: 'permission.body_not_allowed',
        message: 'Line 4, Indicator: you record for CNAM; objective 15-4 is led by DGOS (bodies: DGOS, DNS).',
      },
      { line: 5, field: 'observedAt', code: 'date.in_future', message: 'Line 5, Date of the value: the date is in the future (today is 15 June 2025).' },
      {
        line: 6,
        field: 'observedAt',
        code: 'import.already_recorded',
        message: expect.stringMatching(/already has a value for 30 June 2023 \(measurement \d+\); to correct it, say why in a "reason" column/),
      },
      {
        line: 7,
        field: 'observedAt',
        code: 'import.duplicate_line',
        message: 'Line 7, Date of the value: same indicator and date as line 2; keep only one of these rows.',
      },
      { line: 8, field: 'indicatorId', code: 'import.unknown_indicator', message: 'Line 8, Indicator id: no indicator has id 99999.' },
      {
        line: 9,
        field: 'indicatorName',
        code: 'import.unknown_indicator_name',
        message: expect.stringMatching(/^Line 9, Indicator name: objective 1-1 has no indicator "no such indicator"; its indicators are "Healthcare documents/),
      },
      { line: 10, field: 'source', code: 'import.source_required', message: 'Line 10, Source: say where the figure comes from (the source is required).' },
    ]);
    expect(res.body.preview).toEqual([expect.objectContaining({ line: 2, indicatorId: documents, objectiveCode: '1-1', value: 150000000 })]);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('finds an indicator by its French name, with French headers', async () => {
    const csv = Buffer.from(
      [
        'objectif;indicateur;valeur;date;source',
        '1-1;Documents de santé envoyés dans Mon espace santé par les professionnels, par an;150 000 000;31/10/2023;CNAM',
      ].join('\n'),
    );
    const res = await upload(cnam, csv, 'valeurs.csv', true).expect(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.preview).toEqual([
      expect.objectContaining({ line: 2, indicatorId: documents, objectiveCode: '1-1', value: 150000000, observedAt: '2023-10-31' }),
    ]);
  });

  it('real run with problems: refused whole (422), nothing written', async () => {
    const before = await recordedState(t.database);
    const res = await upload(cnam, bad(), 'values.csv', false).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'import.nothing_imported' });
    expect(res.body.message).toBe('Rien n’a été importé\u00a0: 8 problèmes sont à corriger d’abord (une vérification les montre tous).');
    expect(res.body.problems).toHaveLength(8);
    expect(res.body.errors).toEqual(res.body.problems);
    expect(res.body.errors[0]).toEqual({
      line: 3,
      field: 'value',
      code: 'value.percent_out_of_range',
      message: 'Ligne 3, Valeur\u00a0: c’est un pourcentage, saisissez un nombre entre 0 et 100.',
    });
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('real run without problems: every row recorded in one import, audited', async () => {
    const file = Buffer.from(
      [
        'Code objectif;Indicateur;Valeur;Date;Source;Commentaire',
        '12-1;Adoption rate of teleconsultations by private doctors;18,5;31/12/2023;Cnam;',
        '12-1;teleconsultation-adoption;22;31/12/2024;Cnam;',
        `1-1;documents;"250 000 000";31/12/2023;Cnam;=HYPERLINK("http://evil.example")`,
      ].join('\r\n'),
    );
    const res = await upload(cnam, file, 'export-cnam.csv', false).expect(200);
    expect(res.body).toMatchObject({ dryRun: false, rows: 3, valid: 3, inserted: 3, importId: expect.any(Number) });
    expect(await countRows(t.database, 'measurements', `import_id = ${res.body.importId}`)).toBe(3);
    const audit = await request(t.http).get('/api/v1/audit?entityType=import').set(auth(admin)).expect(200);
    expect(audit.body[0]).toMatchObject({ action: 'import.commit', entityId: String(res.body.importId), after: { fileName: 'export-cnam.csv', rows: 3 } });
  });

  it('imports XLSX the same way', async () => {
    const file = await xlsxFile([
      ['indicatorId', 'value', 'observedAt', 'source'],
      [documents, 300000000, new Date(Date.UTC(2024, 5, 30)), 'CNAM'],
    ]);
    const res = await upload(admin, file, 'values.xlsx', false).expect(200);
    expect(res.body).toMatchObject({ format: 'xlsx', inserted: 1 });
  });

  it('refuses viewers, a missing file, and a file that is not a spreadsheet', async () => {
    const viewer = await t.userToken('viewer');
    await upload(viewer, bad(), 'values.csv', true).expect(403);
    const none = await request(t.http).post('/api/v1/imports?lang=en').set(auth(admin)).expect(400);
    expect(none.body).toMatchObject({ code: 'validation.failed', errors: [{ code: 'upload.no_file', field: 'file' }] });
    expect(none.body.message).toMatch(/field named "file"/);
    const pdf = await upload(admin, Buffer.from('%PDF-1.7 ...'), 'report.pdf', true).expect(400);
    expect(pdf.body.errors).toEqual([{ code: 'import.file.extension_refused', field: 'file', message: expect.any(String) }]);
    expect(pdf.body.message).toBe('«\u00a0report.pdf\u00a0»\u00a0: un fichier .pdf n’est pas accepté\u202f; envoyez un fichier CSV ou XLSX.');
  });

  it('stops an oversized upload before parsing it (413)', async () => {
    const small = await startTestApp({ env: { MAX_UPLOAD_BYTES: '2000' } });
    try {
      const token = await small.login();
      const res = await request(small.http)
        .post('/api/v1/imports')
        .set(auth(token))
        .attach('file', Buffer.from('indicatorId,value,observedAt,source\n' + '1,5,2024-01-31,s\n'.repeat(500)), 'big.csv')
        .expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'upload.too_large' });
      expect(res.body.message).toMatch(/^Fichier trop volumineux\u00a0: la limite est de 2\u202f000 octets/);
    } finally {
      await small.close();
    }
  });
});

describe('exports', () => {
  it('exports current measurements as CSV with formula cells neutralised', async () => {
    const res = await request(t.http).get('/api/v1/exports/measurements?format=csv&lang=en').set(auth(cnam)).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="measurements-2025-06-15.csv"');
    const text = res.text.replace(/^\ufeff/, '');
    expect(text.split('\r\n')[0]).toBe(
      'Measurement id,Indicator id,Objective code,Indicator name,Unit,Value,Date of the value,Source,Comment,Territory,Territory name,Denominator,Recorded at,Recorded by,Corrects measurement,Correction reason,Superseded at',
    );
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).toContain(',250000000,2023-12-31,');
  });

  it('exports as XLSX and JSON', async () => {
    const xlsx = await request(t.http)
      .get('/api/v1/exports/measurements?format=xlsx')
      .set(auth(cnam))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1 + (await countRows(t.database, 'measurements', 'superseded_at IS NULL')));
    const json = await request(t.http).get('/api/v1/exports/measurements?format=json').set(auth(cnam)).expect(200);
    expect(JSON.parse(json.text)).toHaveLength(ws.rowCount - 1);
  });

  it('exports statuses for a date', async () => {
    const res = await request(t.http).get('/api/v1/exports/status?format=csv&asOf=2025-06-15&lang=en').set(auth(cnam)).expect(200);
    const lines = res.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(1 + 33 + 54);
    expect(lines.find((l) => l.startsWith('12-1,'))).toMatch(
      /^12-1,Telehealth in low medical density areas,DGOS,[\w ]+,Target,Adoption rate of teleconsultations by private doctors,%,2025-12-31,35,22,/,
    );
    const json = await request(t.http).get('/api/v1/exports/status?format=json&asOf=2025-06-15').set(auth(cnam)).expect(200);
    expect(JSON.parse(json.text).roadmap.objectives).toBe(65);
    await request(t.http).get('/api/v1/exports/status?format=pdf').set(auth(cnam)).expect(400);
  });
});
