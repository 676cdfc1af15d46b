import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { recordedState } from '../support/db';
import { objectiveIds } from '../support/roadmap';

let t: TestApp;
let admin: string;
let cnam: string; // editor for CNAM
let viewer: string;
let documents: number; // 1-1, documents per year (count-like rate), DNS lead, CNAM contributes
let teleconsultation: number; // 12-1, percent, DGOS lead, CNAM contributes
let digitalBudget: number; // 15-4, percent, DGOS lead, DNS contributes: nothing for CNAM
let mediators: number; // 4-2, count, DNS lead

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, url: string, body: unknown, lang = 'fr') =>
  request(t.http)
    .post(url)
    .set(auth(token))
    .set('Accept-Language', lang)
    .send(body as object);

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login();
  cnam = await t.userToken('editor', ['CNAM']);
  viewer = await t.userToken('viewer');
  documents = (await objectiveIds(t, admin, '1-1')).indicators[0];
  teleconsultation = (await objectiveIds(t, admin, '12-1')).indicators[0];
  digitalBudget = (await objectiveIds(t, admin, '15-4')).indicators[0];
  mediators = (await objectiveIds(t, admin, '4-2')).indicators[0];
});
afterAll(async () => t.close());

describe('recording a measurement', () => {
  it('stores the value with who recorded it and when (201)', async () => {
    const res = await post(cnam, `/api/v1/indicators/${documents}/measurements`, {
      value: 120_000_000,
      observedAt: '2023-06-30',
      source: 'CNAM DMP dashboard',
      comment: 'first half of 2023',
    }).expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      indicatorId: documents,
      value: 120_000_000,
      observedAt: '2023-06-30',
      source: 'CNAM DMP dashboard',
      comment: 'first half of 2023',
      recordedAt: '2025-06-15T10:00:00.000Z',
      recordedByEmail: expect.stringMatching(/^editor\d+@test.local$/),
      supersedesId: null,
    });
  });

  it('refuses a second value for the same date: that is a correction (409)', async () => {
    const res = await post(cnam, `/api/v1/indicators/${documents}/measurements`, {
      value: 121_000_000,
      observedAt: '2023-06-30',
      source: 'again',
    }).expect(409);
    expect(res.body.code).toBe('measurement.duplicate');
    expect(res.body.message).toMatch(
      /^L’indicateur \d+ a déjà une valeur au 30 juin 2023 \(valeur \d+\)\u00a0: corrigez-la plutôt \(POST \/api\/v1\/measurements\/\d+\/corrections\)\.$/,
    );
    expect(res.body.errors).toEqual([
      { code: 'measurement.duplicate', field: 'observedAt', message: expect.stringMatching(/^Date de la valeur\u00a0: l’indicateur/) },
    ]);
    const en = await post(cnam, `/api/v1/indicators/${documents}/measurements`, { value: 121_000_000, observedAt: '2023-06-30', source: 'again' }, 'en').expect(
      409,
    );
    expect(en.body.message).toMatch(/already has a value for 30 June 2023 \(measurement \d+\): correct it instead/);
  });

  it('lets an editor record for objectives their body contributes to, not others (403)', async () => {
    await post(cnam, `/api/v1/indicators/${teleconsultation}/measurements`, { value: 20, observedAt: '2024-12-31', source: 'CNAM' }).expect(201);
    const before = await recordedState(t.database);
    const res = await post(cnam, `/api/v1/indicators/${digitalBudget}/measurements`, { value: 1.5, observedAt: '2024-12-31', source: 'CNAM' }).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'permission.body_not_allowed' });
    expect(res.body.message).toBe('Vous saisissez pour la CNAM\u202f; l’objectif 15-4 est piloté par la DGOS (organismes\u00a0: DGOS, DNS).');
    const en = await post(cnam, `/api/v1/indicators/${digitalBudget}/measurements`, { value: 1.5, observedAt: '2024-12-31', source: 'CNAM' }, 'en').expect(403);
    expect(en.body.message).toBe('You record for CNAM; objective 15-4 is led by DGOS (bodies: DGOS, DNS).');
    expect(await recordedState(t.database)).toEqual(before);
  });

  it('refuses viewers (403) and anonymous callers (401)', async () => {
    const v = await post(viewer, `/api/v1/indicators/${documents}/measurements`, { value: 1, observedAt: '2024-01-31', source: 'x' }, 'en').expect(403);
    expect(v.body.code).toBe('permission.role_required');
    expect(v.body.message).toMatch(/^This requires the "administrator" or "\w+" role; your role is "viewer"\.$/);
    await request(t.http).post(`/api/v1/indicators/${documents}/measurements`).send({ value: 1, observedAt: '2024-01-31', source: 'x' }).expect(401);
  });

  it('answers 404 for an unknown indicator and 400 for an id that is not a number', async () => {
    const res = await post(admin, '/api/v1/indicators/99999/measurements', { value: 1, observedAt: '2024-01-31', source: 'x' }, 'en').expect(404);
    expect(res.body).toMatchObject({ code: 'not_found.indicator', message: 'No indicator has id 99999.' });
    const fr = await post(admin, '/api/v1/indicators/99999/measurements', { value: 1, observedAt: '2024-01-31', source: 'x' }).expect(404);
    expect(fr.body.message).toBe('Aucun indicateur n’a l’identifiant 99999.');
    const abc = await post(admin, '/api/v1/indicators/abc/measurements', { value: 1, observedAt: '2024-01-31', source: 'x' }).expect(400);
    expect(abc.body.errors).toEqual([{ code: 'validation.not_an_id', field: 'id', message: 'Identifiant\u00a0: ce doit être un nombre entier positif.' }]);
  });
});

describe('validation: a rejected write says what is wrong and changes nothing', () => {
  // Each problem: its field, its stable code, and (asked in English here) what the message says.
  const cases: [string, () => number, unknown, { field: string; code: string; message: RegExp }[]][] = [
    [
      'value as a string',
      () => documents,
      { value: '12', observedAt: '2024-01-31', source: 's' },
      [{ field: 'value', code: 'validation.not_a_number', message: /^Value: enter a number/ }],
    ],
    [
      'value missing',
      () => documents,
      { observedAt: '2024-01-31', source: 's' },
      [{ field: 'value', code: 'validation.required', message: /^Value: this field is required\.$/ }],
    ],
    [
      'value null',
      () => documents,
      { value: null, observedAt: '2024-01-31', source: 's' },
      [{ field: 'value', code: 'validation.required', message: /required/ }],
    ],
    [
      'huge value',
      () => documents,
      { value: 1e20, observedAt: '2024-01-31', source: 's' },
      [{ field: 'value', code: 'validation.too_large', message: /less than or equal to 1,000,000,000,000,000/ }],
    ],
    [
      'negative count',
      () => mediators,
      { value: -3, observedAt: '2024-01-31', source: 's' },
      [{ field: 'value', code: 'value.negative_count', message: /count, it cannot be negative/ }],
    ],
    [
      'fractional count',
      () => mediators,
      { value: 3.5, observedAt: '2024-01-31', source: 's' },
      [{ field: 'value', code: 'value.fractional_count', message: /whole number/ }],
    ],
    [
      'percentage over 100',
      () => teleconsultation,
      { value: 101, observedAt: '2024-01-31', source: 's' },
      [{ field: 'value', code: 'value.percent_out_of_range', message: /between 0 and 100/ }],
    ],
    [
      'negative percentage',
      () => teleconsultation,
      { value: -1, observedAt: '2024-01-31', source: 's' },
      [{ field: 'value', code: 'value.percent_out_of_range', message: /between 0 and 100/ }],
    ],
    [
      'impossible date',
      () => documents,
      { value: 1, observedAt: '2023-02-30', source: 's' },
      [{ field: 'observedAt', code: 'validation.not_a_date', message: /real date/ }],
    ],
    [
      'French date format',
      () => documents,
      { value: 1, observedAt: '31/12/2023', source: 's' },
      [{ field: 'observedAt', code: 'validation.not_a_date', message: /real date/ }],
    ],
    [
      'future date',
      () => documents,
      { value: 1, observedAt: '2025-06-16', source: 's' },
      [{ field: 'observedAt', code: 'date.in_future', message: /in the future \(today is 15 June 2025\)/ }],
    ],
    [
      'date before 2000',
      () => documents,
      { value: 1, observedAt: '0224-03-31', source: 's' },
      [{ field: 'observedAt', code: 'date.too_early', message: /before 1 January 2000/ }],
    ],
    ['source missing', () => documents, { value: 1, observedAt: '2024-01-31' }, [{ field: 'source', code: 'validation.required', message: /required/ }]],
    [
      'source too long',
      () => documents,
      { value: 1, observedAt: '2024-01-31', source: 'x'.repeat(301) },
      [{ field: 'source', code: 'validation.too_long', message: /at most 300 characters \(there are 301\)/ }],
    ],
    [
      'unknown field',
      () => documents,
      { value: 1, observedAt: '2024-01-31', source: 's', unit: 'x' },
      [{ field: 'unit', code: 'validation.unknown_field', message: /^"unit": this field is not accepted here/ }],
    ],
    [
      'several problems at once',
      () => teleconsultation,
      { value: 'x', observedAt: 'yesterday', source: '' },
      [
        { field: 'value', code: 'validation.not_a_number', message: /enter a number/ },
        { field: 'observedAt', code: 'validation.not_a_date', message: /real date/ },
        { field: 'source', code: 'validation.required', message: /required/ },
      ],
    ],
    [
      // The DTO's problems and those of the indicator's rules (unit range, date not in the future) come in one answer.
      'field and indicator rules at once',
      () => teleconsultation,
      { value: 101, observedAt: '2031-01-31', source: 'x'.repeat(301), unit: '%' },
      [
        { field: 'value', code: 'value.percent_out_of_range', message: /between 0 and 100/ },
        { field: 'observedAt', code: 'date.in_future', message: /in the future/ },
        { field: 'source', code: 'validation.too_long', message: /at most 300/ },
        { field: 'unit', code: 'validation.unknown_field', message: /not accepted/ },
      ],
    ],
  ];

  it.each(cases)('%s → 400', async (_name, indicator, body, expected) => {
    const before = await recordedState(t.database);
    const res = await post(admin, `/api/v1/indicators/${indicator()}/measurements`, body, 'en').expect(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.errors).toHaveLength(expected.length);
    for (const e of expected) {
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field: e.field, code: e.code, message: expect.stringMatching(e.message) }]));
    }
    expect(res.body.message).toMatch(expected.length > 1 ? new RegExp(`^Request refused: ${expected.length} problems to fix\\. `) : /^\S/);
    expect(await recordedState(t.database)).toEqual(before);
  });

  it.each([
    ['1e309 (Infinity once parsed)', '{"value":1e309,"observedAt":"2024-01-31","source":"s"}', 400],
    ['malformed JSON', '{"value":1,', 400],
    ['a __proto__ key', '{"value":1,"observedAt":"2024-01-31","source":"s","__proto__":{"role":"admin"}}', 400],
    ['a constructor key', '{"value":1,"observedAt":"2024-01-31","source":"s","constructor":{"prototype":{}}}', 400],
    ['an oversized payload', JSON.stringify({ value: 1, observedAt: '2024-01-31', source: 's', comment: 'x'.repeat(200_000) }), 413],
  ])('%s → %i', async (_name, raw, status) => {
    const before = await recordedState(t.database);
    await request(t.http)
      .post(`/api/v1/indicators/${documents}/measurements`)
      .set(auth(admin))
      .set('Content-Type', 'application/json')
      .send(raw)
      .expect(status);
    expect(await recordedState(t.database)).toEqual(before);
  });
});

describe('corrections and history', () => {
  it('supersede a value with a reason; the history shows every version with who, when and why', async () => {
    const first = await post(cnam, `/api/v1/indicators/${documents}/measurements`, { value: 180_000_000, observedAt: '2023-12-31', source: 'estimate' }).expect(
      201,
    );
    t.clock.advance(3600_000);
    const noReason = await post(admin, `/api/v1/measurements/${first.body.id}/corrections`, { value: 190_000_000 }).expect(400);
    expect(noReason.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    const corrected = await post(admin, `/api/v1/measurements/${first.body.id}/corrections`, {
      value: 195_000_000,
      reason: 'Final figure published by CNAM',
    }).expect(201);
    expect(corrected.body).toMatchObject({
      supersedesId: first.body.id,
      correctionReason: 'Final figure published by CNAM',
      value: 195_000_000,
      observedAt: '2023-12-31',
      source: 'estimate',
    });

    const again = await post(admin, `/api/v1/measurements/${first.body.id}/corrections`, { value: 1, reason: 'second try' }).expect(409);
    expect(again.body).toMatchObject({
      code: 'measurement.already_corrected',
      message: `La valeur ${first.body.id} a déjà été corrigée par la valeur ${corrected.body.id}\u00a0: corrigez la dernière version.`,
    });

    const history = await request(t.http).get(`/api/v1/indicators/${documents}/history`).set(auth(viewer)).expect(200);
    const versions = history.body.measurements.filter((m: any) => m.observedAt === '2023-12-31');
    expect(versions).toHaveLength(2);
    expect(versions.find((m: any) => m.id === first.body.id)).toMatchObject({
      supersededAt: corrected.body.recordedAt,
      supersededById: corrected.body.id,
      recordedByEmail: expect.stringMatching(/^editor/),
    });
    expect(versions.find((m: any) => m.id === corrected.body.id)).toMatchObject({
      recordedByEmail: 'admin@test.local',
      correctionReason: 'Final figure published by CNAM',
    });

    const indicator = await request(t.http).get(`/api/v1/indicators/${documents}`).set(auth(viewer)).expect(200);
    expect(indicator.body.measurements.map((m: any) => [m.observedAt, m.value])).toEqual([
      ['2023-06-30', 120_000_000],
      ['2023-12-31', 195_000_000],
    ]);
  });

  it('audits every write with user, time, before and after', async () => {
    const audit = await request(t.http).get('/api/v1/audit?entityType=measurement&limit=5').set(auth(admin)).expect(200);
    const correction = audit.body.find((a: any) => a.action === 'measurement.correct');
    expect(correction).toMatchObject({ userEmail: 'admin@test.local', at: expect.any(String) });
    expect(correction.before.value).toBe(180_000_000);
    expect(correction.after.value).toBe(195_000_000);
    await request(t.http).get('/api/v1/audit').set(auth(cnam)).expect(403);
  });
});

describe('baselines', () => {
  it('can be set by an editor of the objective, and are kept with their history', async () => {
    const res = await request(t.http)
      .put(`/api/v1/indicators/${teleconsultation}/baseline`)
      .set(auth(cnam))
      .send({ value: 12, date: '2022-12-31', source: 'CNAM 2022 report' })
      .expect(200);
    expect(res.body).toMatchObject({ value: 12, baselineDate: '2022-12-31' });
    const ind = await request(t.http).get(`/api/v1/indicators/${teleconsultation}`).set(auth(viewer)).expect(200);
    expect(ind.body.baseline).toEqual({ value: 12, date: '2022-12-31', origin: 'set' });
    await request(t.http).put(`/api/v1/indicators/${digitalBudget}/baseline`).set(auth(cnam)).send({ value: 1, date: '2022-12-31' }).expect(403);
    await request(t.http).put(`/api/v1/indicators/${teleconsultation}/baseline`).set(auth(cnam)).send({ value: 120, date: '2022-12-31' }).expect(400);
  });
});
