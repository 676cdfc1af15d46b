import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { readWorkbook } from '../support/files';
import { objectiveIds } from '../support/roadmap';

let t: TestApp;
let admin: string;
let teleconsultation: number; // 12-1, percent: target 35 % by 2025-12-31
const auth = () => ({ Authorization: `Bearer ${admin}` });

/** The body of a download as bytes (CSV or XLSX), exactly as sent. */
const download = (path: string, headers: Record<string, string> = {}) =>
  request(t.http)
    .get(path)
    .set({ ...auth(), ...headers })
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200)
    .then((res) => ({ body: res.body as Buffer, headers: res.headers }));

/** A CSV as a spreadsheet would read it: BOM dropped, rows of cells. */
const readCsv = (bytes: Buffer, delimiter: string): string[][] => parse(bytes, { bom: true, delimiter, relax_column_count: false });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login();
  teleconsultation = (await objectiveIds(t, admin, '12-1')).indicators[0];
  const record = (value: number, observedAt: string) =>
    request(t.http).post(`/api/v1/indicators/${teleconsultation}/measurements`).set(auth()).send({ value, observedAt, source: 'Cnam' }).expect(201);
  await record(10.25, '2024-06-30');
  // What 0.1 + 0.2 gives in binary; sent as JSON, stored as such; an export must show 22.3.
  await record(22 + 0.30000000000000004, '2025-03-31');
});
afterAll(async () => t.close());

describe('CSV for French Excel (the default)', () => {
  it('measurements: BOM, ";" separator, decimal comma, French headers and dates, Paris time', async () => {
    const { body, headers } = await download('/api/v1/exports/measurements?asOf=2025-06-15');
    expect(headers['content-disposition']).toBe('attachment; filename="valeurs-2025-06-15.csv"');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = readCsv(body, ';');
    expect(header).toEqual([
      'Identifiant de la valeur',
      "Identifiant de l'indicateur",
      "Code de l'objectif",
      "Nom de l'indicateur",
      'Unité',
      'Valeur',
      'Date de la valeur',
      'Source',
      'Commentaire',
      'Territoire',
      'Nom du territoire',
      'Dénominateur',
      'Enregistrée le',
      'Enregistrée par',
      'Corrige la valeur',
      'Motif de correction',
      'Remplacée le',
    ]);
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((r) => [r[col('Valeur')], r[col('Date de la valeur')], r[col('Unité')]])).toEqual([
      ['10,25', '30/06/2024', '%'],
      ['22,3', '31/03/2025', '%'],
    ]);
    // Recorded at 10:00 UTC, shown as Paris time (summer: UTC+2).
    expect(rows[0][col('Enregistrée le')]).toBe('15/06/2025 12:00');
  });

  it('status: French status labels, values rounded (ratio 3 decimals, percentages 2)', async () => {
    const { body } = await download('/api/v1/exports/status?asOf=2025-06-15');
    const [header, ...rows] = readCsv(body, ';');
    expect(header).toEqual([
      "Code de l'objectif",
      'Objectif',
      'Pilote',
      "Statut de l'objectif",
      'Type',
      'Indicateur ou jalon',
      'Unité',
      'Échéance',
      'Valeur cible',
      'Dernière valeur',
      'Valeur attendue',
      "Ratio d'avancement",
      'État du jalon',
      'Statut',
    ]);
    expect(rows).toHaveLength(33 + 54);
    const line = rows.find((r) => r[0] === '12-1' && r[4] === 'Cible')!;
    const cell = (name: string) => line[header.indexOf(name)];
    expect(cell('Échéance')).toBe('31/12/2025');
    expect(cell('Valeur cible')).toBe('35');
    expect(cell('Dernière valeur')).toBe('22,3');
    expect(cell('Valeur attendue')).toMatch(/^\d+(,\d{1,2})?$/);
    expect(cell("Ratio d'avancement")).toMatch(/^-?\d+(,\d{1,3})?$/);
    // Every number in the file is short: no binary noise, no 15-digit ratios.
    for (const r of rows) for (const c of r.slice(8, 12)) expect(c, r.join(';')).toMatch(/^$|^-?\d+(,\d{1,3})?$/);
    // Labels, not codes: statuses and milestone states in French.
    const statuses = new Set(rows.map((r) => r[header.indexOf('Statut')]));
    for (const s of statuses) expect(s).not.toMatch(/_|^[a-z]/);
    expect(statuses).toContain('Sans donnée');
    const states = new Set(rows.map((r) => r[header.indexOf('État du jalon')]).filter(Boolean));
    expect(states).toEqual(new Set(['Non commencé']));
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(['Cible', 'Jalon']));
  });

  it('?separator=comma gives "," and decimal points, headers still French', async () => {
    const { body } = await download('/api/v1/exports/measurements?asOf=2025-06-15&separator=comma');
    const [header, ...rows] = readCsv(body, ',');
    expect(header[5]).toBe('Valeur');
    expect(rows.map((r) => r[5])).toEqual(['10.25', '22.3']);
    await request(t.http).get('/api/v1/exports/measurements?separator=tab').set(auth()).expect(400);
  });
});

describe('CSV in English', () => {
  it('Accept-Language: en gives English headers and labels, "," and ISO dates', async () => {
    const { body, headers } = await download('/api/v1/exports/status?asOf=2025-06-15', { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(headers['content-disposition']).toBe('attachment; filename="status-2025-06-15.csv"');
    const [header, ...rows] = readCsv(body, ',');
    expect(header.slice(0, 4)).toEqual(['Objective code', 'Objective', 'Lead body', 'Objective status']);
    const line = rows.find((r) => r[0] === '12-1' && r[4] === 'Target')!;
    expect(line[header.indexOf('Due date')]).toBe('2025-12-31');
    expect(line[header.indexOf('Latest value')]).toBe('22.3');
    expect(new Set(rows.map((r) => r[header.indexOf('Status')]))).toContain('No data');
  });
});

describe('XLSX', () => {
  it('French headers, dates as real date cells, numbers as numbers, widths set', async () => {
    const { body, headers } = await download('/api/v1/exports/measurements?asOf=2025-06-15&format=xlsx');
    expect(headers['content-disposition']).toBe('attachment; filename="valeurs-2025-06-15.xlsx"');
    const ws = (await readWorkbook(body)).worksheets[0];
    expect(ws.name).toBe('Valeurs');
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(5, 7)).toEqual(['Valeur', 'Date de la valeur']);
    const row = ws.getRow(3);
    const value = row.getCell(header.indexOf('Valeur') + 1);
    expect(value.type).toBe(ExcelJS.ValueType.Number);
    expect(value.value).toBe(22.3);
    const observed = row.getCell(header.indexOf('Date de la valeur') + 1);
    expect(observed.type).toBe(ExcelJS.ValueType.Date);
    expect((observed.value as Date).toISOString()).toBe('2025-03-31T00:00:00.000Z');
    expect(observed.numFmt).toBe('dd/mm/yyyy');
    const recorded = row.getCell(header.indexOf('Enregistrée le') + 1);
    expect(recorded.type).toBe(ExcelJS.ValueType.Date);
    expect((recorded.value as Date).toISOString()).toBe('2025-06-15T12:00:00.000Z'); // Paris wall-clock time
    expect(recorded.numFmt).toBe('dd/mm/yyyy hh:mm');
    for (let c = 1; c <= header.length; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(8);
    expect(ws.getColumn(header.indexOf("Nom de l'indicateur") + 1).width).toBeGreaterThan(40);
  });

  it('status sheet: due dates as dates, French labels, ratios rounded', async () => {
    const { body } = await download('/api/v1/exports/status?asOf=2025-06-15&format=xlsx');
    const ws = (await readWorkbook(body)).worksheets[0];
    expect(ws.name).toBe('Statuts');
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1) as string[];
    let checked = 0;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const due = row.getCell(header.indexOf('Échéance') + 1);
      expect(due.type).toBe(ExcelJS.ValueType.Date);
      const ratio = row.getCell(header.indexOf("Ratio d'avancement") + 1).value;
      if (typeof ratio === 'number') {
        expect(Math.round(ratio * 1000) / 1000).toBe(ratio);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(0);
    const line = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === '12-1' && r.getCell(5).value === 'Cible')!;
    expect(line.getCell(header.indexOf('Dernière valeur') + 1).value).toBe(22.3);
  });
});

describe('the roadmap texts in exports', () => {
  it('are French in a French export and English in an English one', async () => {
    const fr = readCsv((await download('/api/v1/exports/status?asOf=2025-06-15')).body, ';');
    const en = readCsv((await download('/api/v1/exports/status?asOf=2025-06-15&lang=en')).body, ',');
    const title = (rows: string[][]) => rows.find((r) => r[0] === '12-1')![1];
    expect(title(en)).toBe('Telehealth in low medical density areas');
    expect(title(fr)).not.toBe(title(en));
    expect(title(fr)).toMatch(/[éèà]|télé/i);
  });
});
