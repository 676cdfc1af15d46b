import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { countRows, recordedState } from '../support/db';
import { objectiveIds } from '../support/roadmap';

/**
 * Once 15-4's update for 2025-Q4 is validated, its values are locked: a value dated in the quarter
 * (recorded, corrected, or imported) needs a reason, and marks the update "revised after validation"
 * with an event naming the value. Dates outside the quarter, and other objectives, are free.
 */
let t: TestApp;
const tok: Record<string, string> = {};
let indicator: number; // 15-4, percent
let other: number; // 12-1, percent (DGOS leads it too; no update)
const NBSP = '\u00a0';
const U = '/api/v1/reviews/2025-Q4/objectives/15-4';
const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
const record = (body: object, ind = indicator) => request(t.http).post(`/api/v1/indicators/${ind}/measurements`).set(as('dgos')).send(body);
const upload = (lines: string[], dryRun: boolean) =>
  request(t.http)
    .post(`/api/v1/imports?dryRun=${dryRun}`)
    .set(as('dgos'))
    .attach('file', Buffer.from(lines.join('\r\n'), 'utf8'), 'valeurs.csv');
const update = async () => (await request(t.http).get(U).set(as('dgos')).expect(200)).body;
const lastEvent = async () => (await update()).history.at(-1);

/** A write straight into the database, behind the app's back. */
const sql = (statement: string) => t.database.query(statement);

beforeAll(async () => {
  t = await startTestApp({ now: '2026-01-05T10:00:00.000Z' });
  tok.admin = await t.login();
  tok.dgos = await t.userToken('editor', ['DGOS']);
  tok.validator = await t.userToken('validator');
  indicator = (await objectiveIds(t, tok.admin, '15-4')).indicators[0];
  other = (await objectiveIds(t, tok.admin, '12-1')).indicators[0];
  await record({ value: 2, observedAt: '2025-10-31', source: 'DGOS' }).expect(201);
  await request(t.http).post('/api/v1/reviews').set(as('admin')).send({ period: '2025-Q4' }).expect(201);
  await request(t.http).put(U).set(as('dgos')).send({ confidence: 'watch', progress: 'En hausse.' }).expect(200);
  await request(t.http).post(`${U}/submit`).set(as('dgos')).expect(200);
  await request(t.http).post(`${U}/validate`).set(as('validator')).expect(200);
});
afterAll(async () => t.close());

describe('a value in a validated period, through the API', () => {
  it('is refused without a reason (409, field reason), and nothing changes', async () => {
    const before = await recordedState(t.database);
    const res = await record({ value: 2.5, observedAt: '2025-11-30', source: 'DGOS' }).expect(409);
    expect(res.body).toMatchObject({
      code: 'review.value_locked_needs_reason',
      message: `La valeur du 30 novembre 2025 appartient à la période 2025-Q4, dont le point de situation de l’objectif 15-4 est validé${NBSP}: donnez le motif de la révision (champ «${NBSP}reason${NBSP}»).`,
      errors: [expect.objectContaining({ field: 'reason', code: 'review.value_locked_needs_reason' })],
    });
    expect(await recordedState(t.database)).toEqual(before);
    expect((await update()).revisedAfterValidation).toBe(false);
  });

  it('is recorded with a reason: the update is marked revised, with an event naming the value', async () => {
    const res = await record({ value: 2.5, observedAt: '2025-11-30', source: 'DGOS', reason: 'Chiffre arrivé après la revue' }).expect(201);
    const u = await update();
    expect(u).toMatchObject({ state: 'validated', revisedAfterValidation: true, revisedAfterValidationAt: '2026-01-05T10:00:00.000Z' });
    expect(u.history.at(-1)).toMatchObject({
      action: 'value_revised',
      fromState: 'validated',
      toState: 'validated',
      reason: 'Chiffre arrivé après la revue',
      content: {
        confidence: 'watch',
        progress: 'En hausse.',
        measurement: {
          id: res.body.id,
          indicatorId: indicator,
          observedAt: '2025-11-30',
          value: 2.5,
          previousValue: null,
          reason: 'Chiffre arrivé après la revue',
        },
      },
    });
    expect(u.history.at(-1).content.measurement.indicator).toBeTruthy();
    expect(await countRows(t.database, 'audit_log', "action = 'review.value_revised'")).toBe(1);
  });

  it('leaves dates outside the period, and other objectives, free', async () => {
    const events = await countRows(t.database, 'objective_update_events');
    await record({ value: 1.8, observedAt: '2025-09-30', source: 'DGOS' }).expect(201);
    await record({ value: 1.8, observedAt: '2026-01-01', source: 'DGOS' }).expect(201);
    await record({ value: 30, observedAt: '2025-11-30', source: 'DGOS' }, other).expect(201);
    expect(await countRows(t.database, 'objective_update_events')).toBe(events);
  });

  it('records a correction of a value of the period (it has its reason) as a revision', async () => {
    const id = (await record({ value: 2.2, observedAt: '2025-12-15', source: 'DGOS', reason: 'Complément' }).expect(201)).body.id;
    const res = await request(t.http)
      .post(`/api/v1/measurements/${id}/corrections`)
      .set(as('dgos'))
      .send({ value: 2.3, reason: 'Erreur de saisie' })
      .expect(201);
    expect(await lastEvent()).toMatchObject({
      action: 'value_revised',
      reason: 'Erreur de saisie',
      content: { measurement: { id: res.body.id, observedAt: '2025-12-15', value: 2.3, previousValue: 2.2 } },
    });
  });

  it('counts a correction that moves a value into the period', async () => {
    const id = (await record({ value: 1.9, observedAt: '2025-08-31', source: 'DGOS' }).expect(201)).body.id;
    await request(t.http)
      .post(`/api/v1/measurements/${id}/corrections`)
      .set(as('dgos'))
      .send({ observedAt: '2025-10-15', reason: 'Mauvaise date' })
      .expect(201);
    expect(await lastEvent()).toMatchObject({
      action: 'value_revised',
      content: { measurement: { observedAt: '2025-10-15', value: 1.9, previousValue: 1.9 } },
    });
  });
});

describe('a value in a validated period, through a CSV import', () => {
  it('is a problem without a reason, in the dry run and the real run (which writes nothing)', async () => {
    const lines = ['indicatorId;valeur;date;source', `${indicator};2,6;20/11/2025;DGOS`];
    const dry = await upload(lines, true).expect(200);
    expect(dry.body.problems).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'reason',
        code: 'review.value_locked_needs_reason',
        message: expect.stringMatching(/^Ligne 2, Motif\u00a0: la valeur du 20 novembre 2025 appartient à la période 2025-Q4/),
      }),
    ]);
    const before = await recordedState(t.database);
    await upload(lines, false).expect(422);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('is recorded with the motif column, and named in the revision event', async () => {
    const lines = ['indicatorId;valeur;date;source;motif', `${indicator};2,6;20/11/2025;DGOS;Relevé tardif`, `${indicator};2,7;31/12/2025;DGOS;`];
    // The second row is a correction-less new value on 31/12 with no motif: refused too.
    const dry = await upload(lines, true).expect(200);
    expect(dry.body.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([[3, 'review.value_locked_needs_reason']]);
    expect(dry.body.preview[0]).toMatchObject({ line: 2, reason: 'Relevé tardif', correctsId: null });
    const ok = await upload(lines.slice(0, 2), false).expect(200);
    expect(ok.body).toMatchObject({ inserted: 1, corrected: 0 });
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'value_revised', reason: 'Relevé tardif', content: { measurement: { observedAt: '2025-11-20', value: 2.6 } } });
    const [stored] = await t.database.query<{ id: number; importId: number }>(
      'SELECT id, import_id AS "importId" FROM measurements WHERE indicator_id = ? AND observed_at = ?',
      [indicator, '2025-11-20'],
    );
    expect(event.content.measurement.id).toBe(stored.id);
    expect(stored.importId).toBe(ok.body.importId);
  });

  it('still refuses a motif on a free date where there is nothing to correct', async () => {
    const dry = await upload(['indicatorId;valeur;date;source;motif', `${indicator};2,6;15/01/2025;DGOS;pourquoi pas`], true).expect(200);
    expect(dry.body.problems).toEqual([expect.objectContaining({ line: 2, field: 'reason', code: 'import.nothing_to_correct' })]);
  });
});

describe('once the period is closed', () => {
  it('takes values without a reason (the published snapshot does not move) and still records the revision', async () => {
    await sql(`UPDATE review_periods SET state = 'closed', closed_at = '2026-01-05T09:00:00.000Z' WHERE period = '2025-Q4'`);
    const res = await record({ value: 2.8, observedAt: '2025-10-20', source: 'DGOS' }).expect(201);
    expect(await lastEvent()).toMatchObject({ action: 'value_revised', reason: null, content: { measurement: { id: res.body.id, value: 2.8 } } });
    const fix = await request(t.http)
      .post(`/api/v1/measurements/${res.body.id}/corrections`)
      .set(as('dgos'))
      .send({ value: 2.9, reason: 'Révisé par la DGOS' })
      .expect(201);
    expect(await lastEvent()).toMatchObject({
      action: 'value_revised',
      reason: 'Révisé par la DGOS',
      content: { measurement: { id: fix.body.id, previousValue: 2.8 } },
    });
  });
});
