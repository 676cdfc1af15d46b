import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { countRows, recordedState } from '../support/db';
import { xlsxFile } from '../support/files';
import { objectiveIds } from '../support/roadmap';

/**
 * An import may correct values already recorded: a row on an indicator and date that has a value,
 * with a reason, becomes a correction (a new version, the old one superseded), as the correction
 * route does; without a reason it stays a problem.
 */
let t: TestApp;
let cnam: string;
let teleconsultation: number; // 12-1, percent (CNAM contributes)
let first: number; // the measurement of 2024-12-31, to be corrected
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const upload = (file: Buffer, name: string, dryRun: boolean) =>
  request(t.http).post(`/api/v1/imports?dryRun=${dryRun}`).set(auth(cnam)).attach('file', file, name);
const csv = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

/** Every version of the indicator's values, oldest first, read from the database itself. */
function versions(indicatorId: number) {
  return t.database.query<{
    id: number;
    value: number;
    observedAt: string;
    supersedesId: number | null;
    reason: string | null;
    superseded: number;
    importId: number | null;
    comment: string | null;
  }>(
    `SELECT id, value, observed_at AS "observedAt", source, comment, supersedes_id AS "supersedesId", correction_reason AS reason,
            superseded_at IS NOT NULL AS superseded, import_id AS "importId"
     FROM measurements WHERE indicator_id = ? ORDER BY id`,
    [indicatorId],
  );
}

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login();
  cnam = await t.userToken('editor', ['CNAM']);
  teleconsultation = (await objectiveIds(t, admin, '12-1')).indicators[0];
  const res = await request(t.http)
    .post(`/api/v1/indicators/${teleconsultation}/measurements`)
    .set(auth(cnam))
    .send({ value: 20, observedAt: '2024-12-31', source: 'Cnam', comment: 'première estimation' })
    .expect(201);
  first = res.body.id;
});
afterAll(async () => t.close());

describe('an import row on a date that already has a value', () => {
  it('without a reason: a problem saying to add one (dry run and real run), nothing written', async () => {
    const file = csv('Code objectif;Indicateur;Valeur;Date;Source', '12-1;teleconsultation-adoption;21,5;31/12/2024;Cnam');
    const before = await recordedState(t.database);
    const dry = await upload(file, 'sans-motif.csv', true).set('Accept-Language', 'en').expect(200);
    expect(dry.body).toMatchObject({ rows: 1, valid: 0, corrections: 0 });
    expect(dry.body.problems).toEqual([
      {
        line: 2,
        field: 'observedAt',
        code: 'import.already_recorded',
        message: `Line 2, Date of the value: indicator ${teleconsultation} already has a value for 31 December 2024 (measurement ${first}); to correct it, say why in a "reason" column ("motif" in French).`,
      },
    ]);
    // In French (the default), the same problem names the French column.
    const fr = await upload(file, 'sans-motif.csv', true).expect(200);
    expect(fr.body.problems[0].message).toMatch(/^Ligne 2, Date de la valeur.*pour la corriger, dites pourquoi dans une colonne «\s?motif\s?» \(reason\)\.$/);
    await upload(file, 'sans-motif.csv', false).expect(422);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('with a reason: the dry run shows a correction, and writes nothing', async () => {
    const file = csv(
      'Code objectif;Indicateur;Valeur;Date;Source;Motif de correction',
      '12-1;teleconsultation-adoption;21,5;31/12/2024;Cnam;Chiffre révisé par la Cnam en avril',
      '12-1;teleconsultation-adoption;23;31/03/2025;Cnam;',
    );
    const before = await recordedState(t.database);
    const dry = await upload(file, 'corrections.csv', true).expect(200);
    expect(dry.body).toMatchObject({ rows: 2, valid: 2, corrections: 1, problems: [] });
    expect(dry.body.preview).toEqual([
      expect.objectContaining({
        line: 2,
        value: 21.5,
        observedAt: '2024-12-31',
        correctsId: first,
        previousValue: 20,
        reason: 'Chiffre révisé par la Cnam en avril',
      }),
      expect.objectContaining({ line: 3, value: 23, observedAt: '2025-03-31', correctsId: null, previousValue: null, reason: null }),
    ]);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('with a reason: the real run appends a correction version (old one kept, superseded), audited', async () => {
    const file = csv(
      'Code objectif;Indicateur;Valeur;Date;Source;Motif',
      '12-1;teleconsultation-adoption;21,5;31/12/2024;Cnam;Chiffre révisé par la Cnam en avril',
      '12-1;teleconsultation-adoption;23;31/03/2025;Cnam;',
    );
    const res = await upload(file, 'corrections.csv', false).expect(200);
    expect(res.body).toMatchObject({ dryRun: false, valid: 2, corrections: 1, inserted: 1, corrected: 1, importId: expect.any(Number) });
    const importId = res.body.importId;
    const all = await versions(teleconsultation);
    expect(all).toHaveLength(3);
    expect(all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first, value: 20, superseded: 1, supersedesId: null }),
        expect.objectContaining({
          value: 21.5,
          observedAt: '2024-12-31',
          supersedesId: first,
          reason: 'Chiffre révisé par la Cnam en avril',
          superseded: 0,
          importId,
          comment: 'première estimation',
        }),
        expect.objectContaining({ value: 23, observedAt: '2025-03-31', supersedesId: null, reason: null, superseded: 0, importId }),
      ]),
    );
    // The history the API serves shows the correction with its reason.
    const history = await request(t.http).get(`/api/v1/indicators/${teleconsultation}/history`).set(auth(cnam)).expect(200);
    expect(history.body.measurements).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 21.5, supersedesId: first, correctionReason: 'Chiffre révisé par la Cnam en avril' })]),
    );
    // Audited as a correction (before/after) and as an import, like the correction route.
    const audit = await t.database.query<{ action: string; entityId: string; before: string | null }>(
      `SELECT action, entity_id AS "entityId", before FROM audit_log WHERE action IN ('measurement.correct', 'import.commit') ORDER BY id`,
    );
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ['measurement.correct', String(first)],
      ['import.commit', String(importId)],
    ]);
    expect(JSON.parse(audit[0].before!)).toMatchObject({ id: first, value: 20 });
  });

  it('a reason on a date without a value is a problem (nothing to correct)', async () => {
    const file = csv('indicatorId,value,observedAt,source,reason', `${teleconsultation},24,2025-04-30,Cnam,typo`);
    const dry = await upload(file, 'rien-a-corriger.csv', true).set('Accept-Language', 'en').expect(200);
    expect(dry.body.problems).toEqual([
      {
        line: 2,
        field: 'reason',
        code: 'import.nothing_to_correct',
        message: 'Line 2, Reason: there is no value for 30 April 2025 to correct; leave the reason empty to record a new value.',
      },
    ]);
  });

  it('a reason too short to say anything is a problem', async () => {
    const file = csv('indicatorId,value,observedAt,source,reason', `${teleconsultation},24,2024-12-31,Cnam,ok`);
    const dry = await upload(file, 'motif-court.csv', true).expect(200);
    expect(dry.body.problems).toEqual([expect.objectContaining({ line: 2, field: 'reason', code: 'import.reason_too_short' })]);
  });

  it('from XLSX the same way: a correction of the corrected value (the latest version)', async () => {
    const file = await xlsxFile([
      ['Identifiant indicateur', 'Valeur', 'Date de la valeur', 'Source', 'Motif de correction'],
      [teleconsultation, 22, new Date(Date.UTC(2024, 11, 31)), 'Cnam', 'Donnée consolidée'],
      [teleconsultation, 23.5, new Date(Date.UTC(2025, 2, 31)), 'Cnam', 'Erratum'],
    ]);
    const before = await countRows(t.database, 'measurements');
    const dry = await upload(file, 'corrections.xlsx', true).expect(200);
    expect(dry.body).toMatchObject({ format: 'xlsx', valid: 2, corrections: 2, problems: [] });
    const res = await upload(file, 'corrections.xlsx', false).expect(200);
    expect(res.body).toMatchObject({ inserted: 0, corrected: 2 });
    expect(await countRows(t.database, 'measurements')).toBe(before + 2);
    const current = (await versions(teleconsultation)).filter((v) => !v.superseded);
    expect(current.map((v) => [v.observedAt, v.value, v.reason])).toEqual([
      ['2024-12-31', 22, 'Donnée consolidée'],
      ['2025-03-31', 23.5, 'Erratum'],
    ]);
    // A chain: 20 → 21.5 → 22, each version pointing at the one it replaced.
    const dec = (await versions(teleconsultation)).filter((v) => v.observedAt === '2024-12-31');
    expect(dec.map((v) => v.supersedesId)).toEqual([null, dec[0].id, dec[1].id]);
  });
});
