import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { recordedState } from '../support/db';
import { objectiveIds } from '../support/roadmap';

/**
 * Who may write what, route by route and role by role. 15-4 and 7-2 are DGOS-led (DNS
 * contributes): an editor of CNAM must be refused there, through the API, the importer and the forms.
 */
let t: TestApp;
const tokens: Record<string, string | null> = {};
let ind: number; // 15-4 indicator
let milestone: number; // 7-2 milestone
let measurement: number; // a 15-4 measurement
let otherUser: number;
let dgosApiToken: number;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login();
  tokens.anonymous = null;
  tokens.viewer = await t.userToken('viewer');
  tokens.cnam = await t.userToken('editor', ['CNAM']);
  tokens.dgos = await t.userToken('editor', ['DGOS']);
  tokens.admin = admin;
  ind = (await objectiveIds(t, admin, '15-4')).indicators[0];
  milestone = (await objectiveIds(t, admin, '7-2')).milestones[0];
  measurement = (
    await request(t.http)
      .post(`/api/v1/indicators/${ind}/measurements`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ value: 1.2, observedAt: '2023-12-31', source: 'seed' })
      .expect(201)
  ).body.id;
  otherUser = (await request(t.http).get('/api/v1/users').set('Authorization', `Bearer ${admin}`)).body.find((u: any) => u.role === 'viewer').id;
  dgosApiToken = (await request(t.http).post('/api/v1/auth/tokens').set('Authorization', `Bearer ${tokens.dgos}`).send({ name: 'feed' }).expect(201)).body.id;
});
afterAll(async () => t.close());

let day = 0;
const nextDate = () => new Date(Date.UTC(2021, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);
const call: Record<string, () => request.Test> = {
  'record a value': () => request(t.http).post(`/api/v1/indicators/${ind}/measurements`).send({ value: 1.5, observedAt: nextDate(), source: 's' }),
  'set a baseline': () => request(t.http).put(`/api/v1/indicators/${ind}/baseline`).send({ value: 1, date: '2022-12-31' }),
  'correct a value': () => request(t.http).post(`/api/v1/measurements/${measurement}/corrections`).send({ value: 1.3, reason: 'revised' }),
  'update a milestone': () => request(t.http).patch(`/api/v1/milestones/${milestone}`).send({ state: 'in_progress' }),
  import: () =>
    request(t.http)
      .post('/api/v1/imports?dryRun=false')
      .attach('file', Buffer.from(`indicatorId,value,observedAt,source\n${ind},1.7,${nextDate()},s\n`), 'v.csv'),
  'create a user': () =>
    request(t.http)
      .post('/api/v1/users')
      .send({ email: `u${day++}@x.fr`, name: 'U', password: 'long-enough-password', role: 'viewer' }),
  'change a user': () =>
    request(t.http)
      .patch(`/api/v1/users/${otherUser}`)
      .send({ name: `Renamed ${day++}` }),
  'generate a report': () => request(t.http).post('/api/v1/reports').send({ kind: 'objective', scope: '15-4', period: '2025-06', format: 'html' }),
  "revoke the DGOS editor's API token": () => request(t.http).delete(`/api/v1/auth/tokens/${dgosApiToken}`),
  'read the audit log': () => request(t.http).get('/api/v1/audit'),
  'read the mail outbox': () => request(t.http).get('/api/v1/outbox'),
  'set one’s own mail settings': () => request(t.http).patch('/api/v1/auth/me').send({ remindersEnabled: true }),
};

// Expected status per route for: anonymous, viewer, CNAM editor, DGOS editor, admin.
const matrix: [string, number, number, number, number, number][] = [
  ['record a value', 401, 403, 403, 201, 201],
  ['set a baseline', 401, 403, 403, 200, 200],
  ['correct a value', 401, 403, 403, 201, 201],
  ['update a milestone', 401, 403, 403, 200, 200],
  ['import', 401, 403, 422, 200, 200],
  ['create a user', 401, 403, 403, 403, 201],
  ['change a user', 401, 403, 403, 403, 200],
  ['generate a report', 401, 403, 201, 201, 201],
  ["revoke the DGOS editor's API token", 401, 403, 403, 200, 200], // its owner and admins may
  ['read the audit log', 401, 403, 403, 403, 200],
  ['read the mail outbox', 401, 403, 403, 403, 200],
  ['set one’s own mail settings', 401, 200, 200, 200, 200], // each for themselves
];
const roles = ['anonymous', 'viewer', 'cnam', 'dgos', 'admin'];

describe('access control on every write route', () => {
  it.each(matrix.flatMap(([route, ...statuses]) => roles.map((role, i) => [route, role, statuses[i]] as const)))(
    '%s as %s → %i',
    async (route, role, status) => {
      const before = await recordedState(t.database);
      const req = call[route]();
      if (tokens[role]) req.set('Authorization', `Bearer ${tokens[role]}`);
      const res = await req;
      expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(status);
      if (route === 'correct a value' && status === 201) measurement = res.body.id; // correct the latest version next
      if (status >= 400) {
        expect(res.body.message).toBeTruthy();
        const after = await recordedState(t.database);
        expect(after.measurements).toBe(before.measurements);
        expect(after.milestone_updates).toBe(before.milestone_updates);
        expect(after.indicator_baselines).toBe(before.indicator_baselines);
        expect(after.users).toBe(before.users);
      }
    },
    30_000,
  );

  it('explains a refusal by body', async () => {
    const res = await call['record a value']().set('Authorization', `Bearer ${tokens.cnam}`).expect(403);
    expect(res.body).toMatchObject({
      code: 'permission.body_not_allowed',
      message: 'Vous saisissez pour la CNAM\u202f; l’objectif 15-4 est piloté par la DGOS (organismes\u00a0: DGOS, DNS).',
    });
    const en = await call['record a value']().set('Authorization', `Bearer ${tokens.cnam}`).set('Accept-Language', 'en').expect(403);
    expect(en.body.message).toBe('You record for CNAM; objective 15-4 is led by DGOS (bodies: DGOS, DNS).');
    const imp = await call.import().set('Authorization', `Bearer ${tokens.cnam}`).expect(422);
    expect(imp.body.problems[0]).toMatchObject({
      line: 2,
      field: 'indicator',
      code: 'permission.body_not_allowed',
      message: expect.stringContaining('Ligne 2, Indicateur\u00a0: vous saisissez pour la CNAM'),
    });
  });
});

describe('tokens and sessions', () => {
  it('refuses a revoked token', async () => {
    const token = await t.userToken('editor', ['DGOS']);
    await request(t.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    const res = await call['record a value']().set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('auth.token_invalid');
  });

  it('refuses a malformed or forged token', async () => {
    await request(t.http)
      .get('/api/v1/roadmap')
      .set('Authorization', 'Bearer fdr_s_' + 'A'.repeat(43))
      .expect(401);
    await request(t.http).get('/api/v1/roadmap').set('Authorization', 'Basic YWRtaW46YWRtaW4=').expect(401);
  });

  it('does not let a session cookie reach the API (no cross-site writes through cookies)', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent.post('/login').type('form').send({ _csrf: csrf, email: 'admin@test.local', password: 'admin-password-123' }).expect(303);
    await agent.get('/').expect(200);
    await agent.patch(`/api/v1/milestones/${milestone}`).type('form').send({ state: 'done', completedOn: '2024-01-01' }).expect(401);
  });

  it('sends an expired web session back to the sign-in page', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent.post('/login').type('form').send({ _csrf: csrf, email: 'admin@test.local', password: 'admin-password-123' }).expect(303);
    t.clock.advance(8 * 3_600_000 + 1000);
    const res = await agent.get('/objectives/1-1').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fobjectives%2F1-1');
  });

  it('refuses the web form of an objective of another body', async () => {
    t.clock.set('2025-06-15T12:00:00.000Z');
    const agent = request.agent(t.http);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const users = await request(t.http)
      .get('/api/v1/users')
      .set('Authorization', `Bearer ${await t.login()}`);
    const cnam = users.body.find((u: any) => u.bodies.includes('CNAM'));
    expect(cnam).toBeTruthy();
    // The helper's passwords follow a pattern: editorN-password-N-xyz.
    const n = /editor(\d+)@/.exec(cnam.email)![1];
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: cnam.email, password: `editor-password-${n}-xyz` })
      .expect(303);
    const objective = await agent.get('/objectives/1-1').expect(200);
    const formCsrf = /name="_csrf" value="([^"]+)"/.exec(objective.text)![1];
    const before = await recordedState(t.database);
    const res = await agent
      .post('/objectives/15-4')
      .type('form')
      .send({ _csrf: formCsrf, form: `record-${ind}`, value: '2', observedAt: '2024-12-31', source: 'x' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('l’objectif 15-4 est piloté par la DGOS');
    expect(await recordedState(t.database)).toEqual(before);
  });
});

describe('security headers', () => {
  it('sends helmet headers and a CSP allowing only our own scripts and styles', async () => {
    const res = await request(t.http).get('/login').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const api = await request(t.http).get('/health').expect(200);
    expect(api.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('lets only the Swagger UI run its inline set-up script', async () => {
    const docs = await request(t.http).get('/api/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline';");
    expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
    const api = await request(t.http).get('/api/v1/roadmap').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    expect(api.headers['content-security-policy']).not.toContain('unsafe-inline');
  });
});

/**
 * The review's write routes, each role: 15-4 is DGOS-led and DNS contributes. Each call gets a
 * review period of its own, prepared in the state the route needs (by another DGOS editor), so that
 * every role meets the route as it would be used; the opening route gets a period never opened.
 */
describe('access control on the review routes', () => {
  const review: Record<string, string | null> = {};
  let spare = 0;
  /** A month never used before (2010-01, 2010-02, …): each call's own review period. */
  const month = () => `${2010 + Math.floor(spare / 12)}-${String((spare++ % 12) + 1).padStart(2, '0')}`;
  let writer: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    review.anonymous = null;
    review.viewer = tokens.viewer;
    review.validator = await t.userToken('validator');
    review.cnam = tokens.cnam;
    review.dns = await t.userToken('editor', ['DNS']);
    review.dgos = tokens.dgos;
    review.admin = tokens.admin;
    writer = await t.userToken('editor', ['DGOS']);
  });

  /** A period of its own, opened, with 15-4's update in the state the route needs. */
  async function prepare(state: 'none' | 'draft' | 'submitted'): Promise<string> {
    const period = month();
    await request(t.http).post('/api/v1/reviews').set(as(tokens.admin!)).send({ period }).expect(201);
    const u = `/api/v1/reviews/${period}/objectives/15-4`;
    if (state !== 'none') await request(t.http).put(u).set(as(writer)).send({ confidence: 'watch', progress: 'En hausse.' }).expect(200);
    if (state === 'submitted') await request(t.http).post(`${u}/submit`).set(as(writer)).expect(200);
    return u;
  }

  const routes: Record<string, { state: 'none' | 'draft' | 'submitted' | 'unopened'; send: (u: string) => request.Test }> = {
    'open a review period': { state: 'unopened', send: (period) => request(t.http).post('/api/v1/reviews').send({ period }) },
    'move a deadline': {
      state: 'none',
      send: (u) =>
        request(t.http)
          .patch(u.replace(/\/objectives\/.*$/, ''))
          .send({ deadline: '2025-12-31' }),
    },
    'save an update': { state: 'none', send: (u) => request(t.http).put(u).send({ progress: 'Texte.' }) },
    'submit an update': { state: 'draft', send: (u) => request(t.http).post(`${u}/submit`) },
    'validate an update': { state: 'submitted', send: (u) => request(t.http).post(`${u}/validate`) },
    'return an update': { state: 'submitted', send: (u) => request(t.http).post(`${u}/return`).send({ reason: 'Précisez.' }) },
    'add a contribution': { state: 'none', send: (u) => request(t.http).post(`${u}/contributions`).send({ text: 'Contribution.' }) },
    'close a review period': {
      state: 'none',
      send: (u) =>
        request(t.http)
          .post(`${u.replace(/\/objectives\/.*$/, '')}/close`)
          .send({ force: true }),
    },
  };
  // anonymous, viewer, validator, CNAM editor, DNS editor (contributes), DGOS editor (leads), admin
  const matrix: [string, number, number, number, number, number, number, number][] = [
    ['open a review period', 401, 403, 403, 403, 403, 403, 201],
    ['move a deadline', 401, 403, 403, 403, 403, 403, 200],
    ['save an update', 401, 403, 403, 403, 403, 200, 200],
    ['submit an update', 401, 403, 403, 403, 403, 200, 200],
    ['validate an update', 401, 403, 200, 403, 403, 403, 200],
    ['return an update', 401, 403, 200, 403, 403, 403, 200],
    ['add a contribution', 401, 403, 403, 403, 201, 403, 403],
    ['close a review period', 401, 403, 403, 403, 403, 403, 200],
  ];
  const who = ['anonymous', 'viewer', 'validator', 'cnam', 'dns', 'dgos', 'admin'];

  it.each(matrix.flatMap(([route, ...statuses]) => who.map((role, i) => [route, role, statuses[i]] as const)))(
    '%s as %s → %i',
    async (route, role, status) => {
      const { state, send } = routes[route];
      const target = state === 'unopened' ? month() : await prepare(state);
      const before = await recordedState(t.database);
      const req = send(target);
      if (review[role]) req.set('Authorization', `Bearer ${review[role]}`);
      const res = await req;
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
      if (status >= 400) {
        expect(res.body.message).toBeTruthy();
        expect(await recordedState(t.database)).toEqual(before);
      }
    },
    30_000,
  );

  it('lets a validator read everything and record nothing', async () => {
    const v = as(review.validator!);
    await request(t.http).get('/api/v1/status').set(v).expect(200);
    await request(t.http).get('/api/v1/reviews').set(v).expect(200);
    await request(t.http).get('/api/v1/objectives/15-4').set(v).expect(200);
    const res = await request(t.http)
      .post(`/api/v1/indicators/${ind}/measurements`)
      .set(v)
      .send({ value: 1, observedAt: '2022-03-31', source: 's' })
      .expect(403);
    expect(res.body.code).toBe('permission.role_required');
  });
});
