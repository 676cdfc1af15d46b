import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { countRows } from '../support/db';
import { xlsxFile } from '../support/files';
import { objectiveIds } from '../support/roadmap';

/**
 * Importing territorial values from real CSV and XLSX files with a territory column (`region:84`,
 * `departement:2A`) and a denominator column, through the real app: every line checked with the
 * same rules as a single write, all or nothing; and the export writing the territory back.
 */
let t: TestApp;
let admin: string;
let ars: string; // DNS editor limited to Auvergne-Rhône-Alpes (84)
let mediators: number; // 4-2, count, region and département, sum
let awareness: number; // 4-1, percent, region, weighted mean

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const upload = (app: TestApp, token: string, file: Buffer, name: string, dryRun: boolean) =>
  request(app.http).post(`/api/v1/imports?dryRun=${dryRun}`).set(auth(token)).set('Accept-Language', 'fr').attach('file', file, name);
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const csv = (lines: string[]) => Buffer.from(lines.join('\n'));

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login();
  mediators = (await objectiveIds(t, admin, '4-2')).indicators[0];
  awareness = (await objectiveIds(t, admin, '4-1')).indicators[0];
  await request(t.http)
    .post('/api/v1/users')
    .set(auth(admin))
    .send({ email: 'ars-import@test.local', name: 'ARS', password: 'ars-password-123', role: 'editor', bodies: ['DNS'], territory: 'region:84' })
    .expect(201);
  ars = await t.login('ars-import@test.local', 'ars-password-123');
});
afterAll(async () => t.close());

describe('importing territorial values', () => {
  const mixed = () =>
    csv([
      'id indicateur;valeur;date;source;territoire;dénominateur',
      `${mediators};12;31/03/2025;ARS ARA;region:84;`,
      `${mediators};3;31/03/2025;ARS ARA;departement:01;`,
      `${mediators};4;31/03/2025;ARS Corse;departement:2C;`,
      `${awareness};40,5;31/03/2025;ARS ARA;departement:69;300`,
      `${awareness};40,5;31/03/2025;ARS ARA;region:84;`,
      `${mediators};13;31/03/2025;ARS ARA;region:84;`,
      `${mediators};900;31/03/2025;DNS;;`,
    ]);

  it('checks each line and names the line, the territory and the reason (dry run)', async () => {
    const res = await upload(t, admin, mixed(), 'territoires.csv', true).expect(200);
    expect(res.body).toMatchObject({ rows: 7, valid: 3 });
    expect(res.body.problems.map((p: { line: number; field: string; code: string }) => [p.line, p.field, p.code])).toEqual([
      [4, 'territory', 'territory.unknown_departement'],
      [5, 'territory', 'territory.regions_only'],
      [6, 'denominator', 'territory.denominator_required'],
      [7, 'observedAt', 'import.duplicate_line'],
    ]);
    const messages = res.body.problems.map((e: { message: string }) => plain(e.message));
    expect(messages[0]).toBe('Ligne 4, Territoire : département 2C inconnu : donnez le code officiel d’un des 101 départements (par exemple 01, 2A ou 971).');
    expect(messages[1]).toContain('Ligne 5, Territoire : l’indicateur');
    expect(messages[1]).toContain('Rhône (69) n’est pas accepté');
  });

  it('writes nothing when a line is wrong (422), everything when all are right', async () => {
    const before = await countRows(t.database, 'measurements');
    await upload(t, admin, mixed(), 'territoires.csv', false).expect(422);
    expect(await countRows(t.database, 'measurements')).toBe(before);

    const good = csv([
      'id indicateur;valeur;date;source;territoire;dénominateur',
      `${mediators};12;31/03/2025;ARS ARA;region:84;`,
      `${mediators};3;31/03/2025;ARS ARA;departement:1;`,
      `${awareness};40,5;31/03/2025;ARS ARA;Région : 84;300`,
      `${mediators};900;31/03/2025;DNS;;`,
    ]);
    const res = await upload(t, admin, good, 'territoires.csv', false).expect(200);
    expect(res.body).toMatchObject({ inserted: 4, corrected: 0 });
    const rows = await t.database.query<{ territory_level: string | null; territory_code: string | null; value: number; denominator: number | null }>(
      `SELECT territory_level, territory_code, value, denominator FROM measurements WHERE import_id = ${res.body.importId} ORDER BY id`,
    );
    expect(rows.map((r) => [r.territory_level, r.territory_code, Number(r.value), r.denominator === null ? null : Number(r.denominator)])).toEqual([
      ['region', '84', 12, null],
      ['departement', '01', 3, null],
      ['region', '84', 40.5, 300],
      [null, null, 900, null],
    ]);
  });

  it('refuses a value already recorded for that territory and date, and corrects it with a reason', async () => {
    const again = csv(['id indicateur;valeur;date;source;territoire', `${mediators};14;31/03/2025;ARS ARA;region:84`]);
    const refused = await upload(t, admin, again, 'encore.csv', true).expect(200);
    expect(refused.body.problems).toEqual([expect.objectContaining({ line: 2, code: 'import.territory_already_recorded' })]);
    expect(plain(refused.body.problems[0].message)).toContain('a déjà une valeur pour Auvergne-Rhône-Alpes (84) au 31 mars 2025');
    const fix = csv(['id indicateur;valeur;date;source;territoire;motif', `${mediators};14;31/03/2025;ARS ARA;region:84;Chiffre révisé`]);
    const fixed = await upload(t, admin, fix, 'correction.csv', false).expect(200);
    expect(fixed.body).toMatchObject({ inserted: 0, corrected: 1 });
  });

  it('lets an ARS import for its territory only', async () => {
    const file = csv([
      'id indicateur;valeur;date;source;territoire',
      `${mediators};7;30/04/2025;ARS ARA;departement:38`,
      `${mediators};7;30/04/2025;ARS ARA;region:93`,
      `${mediators};7;30/04/2025;ARS ARA;`,
    ]);
    const res = await upload(t, ars, file, 'ars.csv', true).expect(200);
    expect(res.body.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [3, 'permission.territory_outside_scope'],
      [4, 'permission.territory_national_value'],
    ]);
    expect(plain(res.body.problems[0].message)).toBe(
      "Ligne 3, Territoire : vous saisissez pour le territoire Auvergne-Rhône-Alpes (84) : Provence-Alpes-Côte d'Azur (93) n’en fait pas partie.",
    );
  });

  it('reads the same columns from an XLSX file, numbers as numbers', async () => {
    const file = await xlsxFile([
      ['Identifiant de l’indicateur', 'Valeur', 'Date de la valeur', 'Source', 'Territoire', 'Dénominateur'],
      [mediators, 5, new Date(Date.UTC(2025, 4, 31)), 'ARS Corse', 'departement:2A', null],
      [awareness, 61.5, new Date(Date.UTC(2025, 4, 31)), 'ARS PACA', 'region:93', 250],
      [mediators, 5, new Date(Date.UTC(2025, 4, 31)), 'ARS', 'region:99', null],
    ]);
    const dry = await upload(t, admin, file, 'territoires.xlsx', true).expect(200);
    expect(dry.body.problems).toEqual([expect.objectContaining({ line: 4, field: 'territory', code: 'territory.unknown_region' })]);
    const good = await xlsxFile([
      ['Identifiant de l’indicateur', 'Valeur', 'Date de la valeur', 'Source', 'Territoire', 'Dénominateur'],
      [mediators, 5, new Date(Date.UTC(2025, 4, 31)), 'ARS Corse', 'departement:2A', null],
      [awareness, 61.5, new Date(Date.UTC(2025, 4, 31)), 'ARS PACA', 'region:93', 250],
    ]);
    const res = await upload(t, admin, good, 'territoires.xlsx', false).expect(200);
    expect(res.body).toMatchObject({ format: 'xlsx', inserted: 2 });
  });
});

describe('exporting territorial values', () => {
  it('writes the territory as the import reads it, and the import reads the export back into another database', async () => {
    const res = await request(t.http).get('/api/v1/exports/measurements?format=csv&lang=fr').set(auth(admin)).expect(200);
    const table: string[][] = parse(Buffer.from(res.text), { bom: true, delimiter: ';' });
    const header = table[0];
    expect(header).toEqual(expect.arrayContaining(['Territoire', 'Nom du territoire', 'Dénominateur']));
    const col = (name: string) => header.indexOf(name);
    const territorial = table.slice(1).filter((r) => r[col('Territoire')] !== '');
    expect(territorial.map((r) => [r[col('Territoire')], r[col('Nom du territoire')]])).toEqual(
      expect.arrayContaining([
        ['region:84', 'Auvergne-Rhône-Alpes'],
        ['departement:2A', 'Corse-du-Sud'],
      ]),
    );
    // Only the columns the import reads, as exported (French dates, decimal commas).
    const kept = ["Identifiant de l'indicateur", 'Valeur', 'Date de la valeur', 'Source', 'Territoire', 'Dénominateur'];
    const back = [kept.join(';'), ...table.slice(1).map((r) => kept.map((k) => r[col(k)]).join(';'))].join('\n');
    const other = await startTestApp();
    try {
      const imported = await upload(other, await other.login(), Buffer.from(back), 'export.csv', false).expect(200);
      expect(imported.body.inserted).toBe(table.length - 1);
      const again = await request(other.http)
        .get('/api/v1/exports/measurements?format=csv&lang=fr')
        .set(auth(await other.login()))
        .expect(200);
      const copy: string[][] = parse(Buffer.from(again.text), { bom: true, delimiter: ';' });
      const project = (rows: string[][]) =>
        rows
          .slice(1)
          .map((r) => kept.map((k) => r[col(k)]).join('|'))
          .sort();
      expect(project(copy)).toEqual(project(table));
    } finally {
      await other.close();
    }
  });
});
