import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';

/**
 * GET /api/v1/roadmap is answered from Fastify's onRequest hook, before NestJS (roadmap-answer.ts).
 * What a client sees must not tell the two paths apart: the same rules, headers, bytes and errors.
 */
const METRICS_TOKEN = 'prometheus-scrape-token-0123456789abcdef';
const R = '/api/v1/roadmap';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp({ env: { METRICS_TOKEN } });
  token = await t.login();
});
afterAll(async () => t?.close());

const asReader = () => ({ Authorization: `Bearer ${token}` });

describe('GET /api/v1/roadmap, answered before the NestJS pipeline', () => {
  it('sends the tree with the headers every API answer has: security policy, language, ETag', async () => {
    const res = await request(t.http).get(R).set(asReader()).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-language']).toBe('fr');
    expect(res.headers.vary).toBe('Accept-Language');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(res.body.focusAreas).toHaveLength(4);
    expect(res.body.focusAreas.flatMap((f: { priorities: { objectives: unknown[] }[] }) => f.priorities.flatMap((p) => p.objectives))).toHaveLength(65);
    // The texts are French by default, English when asked, each with its own version tag.
    const en = await request(t.http).get(`${R}?lang=en`).set(asReader()).expect(200);
    expect(en.headers['content-language']).toBe('en');
    expect(en.headers.etag).not.toBe(res.headers.etag);
    expect(en.body.focusAreas[0].title).not.toBe(res.body.focusAreas[0].title);
    await request(t.http).get(R).set(asReader()).set('If-None-Match', res.headers.etag).expect(304);
  });

  it('leaves every refusal to the guard and the error filter: the same 401s as any other route', async () => {
    const none = await request(t.http).get(R).expect(401);
    expect(none.body).toMatchObject({ code: 'auth.sign_in_required', message: expect.any(String) });
    expect(none.headers['content-language']).toBe('fr');
    const forged = await request(t.http).get(R).set('Authorization', 'Bearer fdr_s_forgedforgedforgedforgedforgedforgedforg').expect(401);
    expect(forged.body).toMatchObject({ code: 'auth.token_invalid' });
    await request(t.http).get(R).set('Authorization', 'Basic YWRtaW46YWRtaW4=').expect(401);
    // Same refusals on a route the hook does not answer.
    expect((await request(t.http).get('/api/v1/bodies').expect(401)).body.code).toBe('auth.sign_in_required');
  });

  it('refuses a revoked token at once, as the guard does', async () => {
    const own = await t.login();
    await request(t.http).get(R).set('Authorization', `Bearer ${own}`).expect(200);
    await request(t.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${own}`).expect(204);
    expect((await request(t.http).get(R).set('Authorization', `Bearer ${own}`).expect(401)).body.code).toBe('auth.token_invalid');
  });

  it('is timed in /metrics under its route, like the answers of the controller', async () => {
    const count = async () => {
      const text = (await request(t.http).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
      const line = text
        .split('\n')
        .find((l) => l.startsWith('http_request_duration_seconds_count{') && l.includes(`route="${R}"`) && l.includes('status_code="200"'));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const before = await count();
    await request(t.http).get(R).set(asReader()).expect(200);
    await request(t.http).get(R).set(asReader()).expect(200);
    expect(await count()).toBe(before + 2);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await request(t.http).head(R).set(asReader()).expect(200);
    expect(res.headers['content-language']).toBe('fr');
    expect(res.text ?? '').toBe('');
  });
});

describe('GET /api/v1/roadmap with PUBLIC_READ', () => {
  let open: TestApp;
  beforeAll(async () => {
    open = await startTestApp({ env: { PUBLIC_READ: 'true' } });
  });
  afterAll(async () => open?.close());

  it('answers without a token, and (as the guard does for reads) whatever token comes with it', async () => {
    const res = await request(open.http).get(R).expect(200);
    expect(res.body.focusAreas).toHaveLength(4);
    await request(open.http).get(R).set('Authorization', 'Bearer not-a-token').expect(200);
    // Writes still need a token.
    await request(open.http).post('/api/v1/indicators/1/measurements').send({ value: 1, observedAt: '2025-01-01' }).expect(401);
  });
});
