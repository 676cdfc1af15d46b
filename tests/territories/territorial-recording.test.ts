import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { regions } from '@app/territories';
import { startTestApp, TestApp } from '../support/app';
import { objectiveIds } from '../support/roadmap';

/**
 * Territorial values through the real app over HTTP, on the run's engine: recording per region and
 * département with the data file's rules, the refusals and their words, an ARS editor limited to its
 * region, the comparison of territories with the national value derived, and the national status
 * left to national values.
 */
let t: TestApp;
let admin: string;
let ars: string; // editor for DNS, limited to Auvergne-Rhône-Alpes (84)
let mediators: number; // 4-2, count, by region and département, national = sum (DNS lead)
let awareness: number; // 4-1, percent, by region only, national = weighted mean (DNS lead)
let documents: number; // 1-1, national only

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, url: string, body: object, lang = 'fr') => request(t.http).post(url).set(auth(token)).set('Accept-Language', lang).send(body);
const record = (token: string, indicator: number, body: object, lang = 'fr') =>
  post(token, `/api/v1/indicators/${indicator}/measurements`, { source: 'ARS, tableau de suivi', ...body }, lang);
/** French typography's non-breaking spaces, read as plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const createUser = (body: object) => post(admin, '/api/v1/users', body);

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login();
  mediators = (await objectiveIds(t, admin, '4-2')).indicators[0];
  awareness = (await objectiveIds(t, admin, '4-1')).indicators[0];
  documents = (await objectiveIds(t, admin, '1-1')).indicators[0];
  const created = await createUser({
    email: 'ars-ara@test.local',
    name: 'ARS ARA',
    password: 'ars-password-123',
    role: 'editor',
    bodies: ['DNS'],
    territory: 'region:84',
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ scopeLevel: 'region', scopeCode: '84' });
  ars = await t.login('ars-ara@test.local', 'ars-password-123');
});
afterAll(async () => t.close());

describe('recording a territory’s value', () => {
  it('stores the territory with the value, and its audit entry carries it', async () => {
    const res = await record(admin, mediators, { value: 120, observedAt: '2025-03-31', territory: 'region:84' }).expect(201);
    expect(res.body).toMatchObject({ indicatorId: mediators, value: 120, territoryLevel: 'region', territoryCode: '84', denominator: null });
    const audit = await t.database.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE action = 'measurement.record' AND entity_id = '${res.body.id}'`,
    );
    const after = typeof audit[0].after === 'string' ? JSON.parse(audit[0].after) : audit[0].after;
    expect(after).toMatchObject({ territoryLevel: 'region', territoryCode: '84' });
  });

  it('keeps region 11 apart from département 11, and each territory apart from the nation', async () => {
    await record(admin, mediators, { value: 300, observedAt: '2025-03-31', territory: 'region:11' }).expect(201);
    await record(admin, mediators, { value: 4, observedAt: '2025-03-31', territory: 'departement:11' }).expect(201);
    await record(admin, mediators, { value: 3000, observedAt: '2025-03-31' }).expect(201);
  });

  it('refuses a second value for the same territory and date, naming the territory (409)', async () => {
    const res = await record(admin, mediators, { value: 121, observedAt: '2025-03-31', territory: 'region:84' }).expect(409);
    expect(plain(res.body.message)).toMatch(
      /^L’indicateur \d+ a déjà une valeur pour Auvergne-Rhône-Alpes \(84\) au 31 mars 2025 \(valeur \d+\) : corrigez-la plutôt/,
    );
  });

  it.each([
    {
      territory: 'region:99',
      fr: 'Territoire : région 99 inconnue : donnez le code officiel d’une des 18 régions (par exemple 84 pour Auvergne-Rhône-Alpes).',
    },
    { territory: 'departement:2C', fr: 'Territoire : département 2C inconnu : donnez le code officiel d’un des 101 départements (par exemple 01, 2A ou 971).' },
    {
      territory: 'canton:12',
      fr: 'Territoire : écrivez le territoire comme « region:84 » ou « departement:2A » (le niveau, deux-points, le code officiel), ou laissez vide pour une valeur nationale.',
    },
  ])('refuses an unknown or misspelt territory: $territory (400)', async ({ territory, fr }) => {
    const res = await record(admin, mediators, { value: 1, observedAt: '2025-03-31', territory }).expect(400);
    expect(res.body.errors.map((e: { field: string; message: string }) => [e.field, plain(e.message)])).toEqual([['territory', fr]]);
  });

  it('refuses a level the indicator is not recorded at, and a territory on a national indicator (400)', async () => {
    const dep = await record(admin, awareness, { value: 40, denominator: 300, observedAt: '2025-03-31', territory: 'departement:69' }).expect(400);
    expect(plain(dep.body.errors[0].message)).toBe(
      'Territoire : l’indicateur Établissements sanitaires et médico-sociaux mettant en œuvre des actions de sensibilisation se saisit par région, pas par département : Rhône (69) n’est pas accepté, donnez le code de sa région.',
    );
    const national = await record(admin, documents, { value: 1e8, observedAt: '2025-03-31', territory: 'region:84' }, 'en').expect(400);
    expect(national.body.errors[0]).toMatchObject({ field: 'territory', code: 'territory.not_territorial' });
    expect(national.body.errors[0].message).toBe(
      'Territory: indicator Documents de santé envoyés dans Mon espace santé par les professionnels, par an is measured nationally only: remove the territory.',
    );
  });

  it('asks a weighted rate for its denominator, and refuses one where none is read (400)', async () => {
    const missing = await record(admin, awareness, { value: 40, observedAt: '2025-03-31', territory: 'region:84' }).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'denominator', code: 'territory.denominator_required' })]);
    expect(plain(missing.body.errors[0].message)).toContain('donnez pour Auvergne-Rhône-Alpes (84) le dénominateur');
    const onSum = await record(admin, mediators, { value: 5, denominator: 10, observedAt: '2025-02-28', territory: 'region:84' }).expect(400);
    expect(onSum.body.errors).toEqual([expect.objectContaining({ field: 'denominator', code: 'territory.denominator_not_read' })]);
    const zero = await record(admin, awareness, { value: 40, denominator: 0, observedAt: '2025-03-31', territory: 'region:84' }).expect(400);
    expect(zero.body.errors).toEqual([expect.objectContaining({ field: 'denominator', code: 'territory.denominator_not_positive' })]);
    await record(admin, awareness, { value: 40, denominator: 300, observedAt: '2025-03-31', territory: 'region:84' }).expect(201);
  });

  it('corrects a territory’s value as a new version that keeps its territory', async () => {
    const first = await record(admin, mediators, { value: 50, observedAt: '2025-01-31', territory: 'departement:2A' }).expect(201);
    const fixed = await post(admin, `/api/v1/measurements/${first.body.id}/corrections`, { value: 55, reason: 'Chiffre révisé par l’ARS' }).expect(201);
    expect(fixed.body).toMatchObject({ value: 55, territoryLevel: 'departement', territoryCode: '2A', supersedesId: first.body.id });
  });
});

describe('an editor limited to a territory (an ARS)', () => {
  it('records for its region and the départements within it', async () => {
    await record(ars, mediators, { value: 130, observedAt: '2025-04-30', territory: 'region:84' }).expect(201);
    await record(ars, mediators, { value: 20, observedAt: '2025-04-30', territory: 'departement:69' }).expect(201);
  });

  it('is refused another region, a département outside it, and a national value, told why (403)', async () => {
    const other = await record(ars, mediators, { value: 1, observedAt: '2025-04-30', territory: 'region:93' }).expect(403);
    expect(plain(other.body.message)).toBe(
      "Vous saisissez pour le territoire Auvergne-Rhône-Alpes (84) : Provence-Alpes-Côte d'Azur (93) n’en fait pas partie.",
    );
    const var83 = await record(ars, mediators, { value: 1, observedAt: '2025-04-30', territory: 'departement:83' }, 'en').expect(403);
    expect(var83.body.message).toBe('You record for the territory Auvergne-Rhône-Alpes (84): Var (83) is not within it.');
    const national = await record(ars, mediators, { value: 1, observedAt: '2025-04-30' }).expect(403);
    expect(plain(national.body.message)).toBe(
      'Vous saisissez pour le territoire Auvergne-Rhône-Alpes (84) : une valeur nationale ne peut être saisie que par un rédacteur national. Indiquez le territoire de la valeur.',
    );
    const baseline = await request(t.http).put(`/api/v1/indicators/${mediators}/baseline`).set(auth(ars)).send({ value: 0, date: '2023-01-01' }).expect(403);
    expect(baseline.body.code).toBe('permission.territory_national_value');
  });

  it('does not move national milestones, nor write the objective’s national review update, told why (403)', async () => {
    const tree = (await request(t.http).get('/api/v1/roadmap').set(auth(admin)).expect(200)).body;
    const led = tree.focusAreas.flatMap((f: { priorities: { objectives: { code: string; leadBody: string }[] }[] }) =>
      f.priorities.flatMap((p) => p.objectives.filter((o) => o.leadBody === 'DNS').map((o) => o.code)),
    );
    let milestone: number | undefined;
    for (const code of led) milestone ??= (await objectiveIds(t, admin, code)).milestones[0];
    const moved = await request(t.http).patch(`/api/v1/milestones/${milestone}`).set(auth(ars)).send({ state: 'in_progress' }).expect(403);
    expect(plain(moved.body.message)).toBe(
      'Vous saisissez pour le territoire Auvergne-Rhône-Alpes (84) : les jalons sont nationaux, ils ne sont mis à jour que par un rédacteur national.',
    );
    await request(t.http).post('/api/v1/reviews').set(auth(admin)).send({ period: '2025-Q1' }).expect(201);
    const update = await request(t.http).put(`/api/v1/reviews/2025-Q1/objectives/${led[0]}`).set(auth(ars)).send({ progress: 'Région en avance' }).expect(403);
    expect(update.body.code).toBe('review.territorial_editor');
    expect(plain(update.body.message)).toContain(`Le point de situation de l’objectif ${led[0]} est national`);
    // A national editor of the same body does both.
    const national = await createUser({ email: 'dns-national@test.local', name: 'DNS', password: 'dns-password-123', role: 'editor', bodies: ['DNS'] }).expect(
      201,
    );
    expect(national.body.scopeLevel ?? null).toBeNull();
    const dns = await t.login('dns-national@test.local', 'dns-password-123');
    await request(t.http).patch(`/api/v1/milestones/${milestone}`).set(auth(dns)).send({ state: 'in_progress' }).expect(200);
    await request(t.http).put(`/api/v1/reviews/2025-Q1/objectives/${led[0]}`).set(auth(dns)).send({ progress: 'En cours' }).expect(200);
  });

  it('cannot correct a value outside its territory', async () => {
    const paca = await record(admin, mediators, { value: 80, observedAt: '2025-04-30', territory: 'region:93' }).expect(201);
    await post(ars, `/api/v1/measurements/${paca.body.id}/corrections`, { value: 81, reason: 'essai hors région' }).expect(403);
  });

  it('is given only to an editor, with a real territory; and is lifted with null', async () => {
    const viewer = await createUser({ email: 'v-scope@test.local', name: 'V', password: 'viewer-password-123', role: 'viewer', territory: 'region:84' }).expect(
      400,
    );
    expect(viewer.body.errors).toEqual([expect.objectContaining({ field: 'territory', code: 'permission.territory_scope_editor_only' })]);
    const unknown = await createUser({
      email: 'e-scope@test.local',
      name: 'E',
      password: 'editor-password-123',
      role: 'editor',
      bodies: ['DNS'],
      territory: 'region:00',
    }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'territory', code: 'territory.unknown_region' })]);
    const user = await createUser({
      email: 'e2-scope@test.local',
      name: 'E2',
      password: 'editor-password-123',
      role: 'editor',
      bodies: ['DNS'],
      territory: 'departement:2a',
    }).expect(201);
    expect(user.body).toMatchObject({ scopeLevel: 'departement', scopeCode: '2A' });
    const lifted = await request(t.http).patch(`/api/v1/users/${user.body.id}`).set(auth(admin)).send({ territory: null }).expect(200);
    expect(lifted.body).toMatchObject({ scopeLevel: null, scopeCode: null });
  });
});

describe('comparing the territories', () => {
  it('derives the national sum only when every region reported, and says how partial it is', async () => {
    // 12 of the 18 regions report at 2025-05-31 (read as of today, 2025-06-15: a view as of a date shows what was recorded by then).
    const codes = regions().map((r) => r.code);
    for (const [k, code] of codes.slice(0, 12).entries()) {
      await record(admin, mediators, { value: 10 + k, observedAt: '2025-05-31', territory: `region:${code}` }).expect(201);
    }
    const partial = await request(t.http).get(`/api/v1/indicators/${mediators}/territories?level=region`).set(auth(admin)).expect(200);
    expect(partial.body.national.derived).toMatchObject({ rule: 'sum', completeness: 'partial', counted: 12, expected: 18, value: null, date: '2025-05-31' });
    expect(partial.body.national.derived.subtotal).toBe(Array.from({ length: 12 }, (_, k) => 10 + k).reduce((a, b) => a + b, 0));
    expect(plain(partial.body.national.derived.text)).toBe('partielle : 12 régions sur 18');
    expect(partial.body.national.recorded).toEqual({ value: 3000, observedAt: '2025-03-31' });
    const first = partial.body.territories.find((x: { code: string }) => x.code === codes[11]);
    expect(first).toMatchObject({ value: 21, observedAt: '2025-05-31', rank: 1 });
    // An older value is shown but neither counted nor ranked.
    expect(partial.body.territories.find((x: { code: string }) => x.code === '84')).toMatchObject({ value: 130, observedAt: '2025-04-30', rank: null });

    for (const code of codes.slice(12)) await record(admin, mediators, { value: 1, observedAt: '2025-05-31', territory: `region:${code}` }).expect(201);
    const complete = await request(t.http)
      .get(`/api/v1/indicators/${mediators}/territories?level=region`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .expect(200);
    expect(complete.body.national.derived).toMatchObject({ completeness: 'complete', counted: 18, value: partial.body.national.derived.subtotal + 6 });
    expect(complete.body.national.derived.text).toBe('complete (18 of 18 regions)');
  });

  it('weights a rate by its denominators (Σ v·d / Σ d) and gives each region its gap to the national path', async () => {
    const codes = regions().map((r) => r.code);
    for (const [k, code] of codes.entries()) {
      await record(admin, awareness, { value: k < 9 ? 20 : 60, denominator: k < 9 ? 100 : 300, observedAt: '2025-05-31', territory: `region:${code}` }).expect(
        201,
      );
    }
    const res = await request(t.http).get(`/api/v1/indicators/${awareness}/territories`).set(auth(admin)).expect(200);
    expect(res.body).toMatchObject({ level: 'region', rule: 'weighted_mean', denominatorName: 'établissements sanitaires et médico-sociaux' });
    expect(res.body.national.derived.completeness).toBe('complete');
    expect(res.body.national.derived.value).toBeCloseTo((9 * 20 * 100 + 9 * 60 * 300) / (9 * 100 + 9 * 300), 10);
    const t0 = res.body.territories[0];
    expect(t0.gapToNationalPath === null || typeof t0.gapToNationalPath === 'number').toBe(true);
  });

  it('lets an ARS set its region’s own target, and gives the region a status toward it', async () => {
    const url = `/api/v1/indicators/${mediators}/territorial-targets`;
    const set = await post(ars, url, { territory: 'region:84', value: 400, dueDate: '2026-12-31', source: 'Feuille de route régionale' }).expect(201);
    expect(set.body).toMatchObject({ territoryLevel: 'region', territoryCode: '84', value: 400, dueDate: '2026-12-31' });
    await post(ars, url, { territory: 'region:93', value: 400, dueDate: '2026-12-31' }).expect(403);
    const national = await post(admin, url, { value: 400, dueDate: '2026-12-31' }).expect(400);
    expect(national.body.errors).toEqual([expect.objectContaining({ field: 'territory' })]);
    const res = await request(t.http).get(`/api/v1/indicators/${mediators}/territories?level=region`).set(auth(admin)).expect(200);
    const ara = res.body.territories.find((x: { code: string }) => x.code === '84');
    expect(ara.targets).toEqual([{ value: 400, dueDate: '2026-12-31', source: 'Feuille de route régionale' }]);
    // From its first value (120, March) to its latest (1, May): going the wrong way toward 400.
    expect(ara.status).toBe('deteriorating');
    expect(res.body.territories.find((x: { code: string }) => x.code === '93').status).toBeNull();
  });

  it('refuses a level the indicator is not compared at, and a national indicator (400)', async () => {
    const dep = await request(t.http).get(`/api/v1/indicators/${awareness}/territories?level=departement`).set(auth(admin)).expect(400);
    expect(dep.body.errors[0]).toMatchObject({ field: 'level', code: 'territory.level_not_offered' });
    await request(t.http).get(`/api/v1/indicators/${documents}/territories`).set(auth(admin)).expect(400);
  });
});

describe('the national status', () => {
  it('reads national values only: territorial values do not move it', async () => {
    const before = await request(t.http).get(`/api/v1/indicators/${mediators}?asOf=2025-06-15`).set(auth(admin)).expect(200);
    expect(before.body.latest).toEqual({ value: 3000, date: '2025-03-31' });
    expect(before.body.measurements.map((m: { value: number }) => m.value)).toEqual([3000]);
    // Much larger territorial values, later than the national one.
    await record(admin, mediators, { value: 90_000, observedAt: '2025-06-10', territory: 'region:84' }).expect(201);
    await record(admin, mediators, { value: 90_000, observedAt: '2025-06-10', territory: 'departement:01' }).expect(201);
    const after = await request(t.http).get(`/api/v1/indicators/${mediators}?asOf=2025-06-15`).set(auth(admin)).expect(200);
    expect(after.body.status).toBe(before.body.status);
    expect(after.body.latest).toEqual(before.body.latest);
    expect(after.body.measurements).toEqual(before.body.measurements);
    expect(after.body.targets).toEqual(before.body.targets);
  });
});
