import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { resolve } from 'node:path';
import { loadRoadmapFile } from '@app/roadmap';
import { startTestApp, TestApp } from '../support/app';

const data = loadRoadmapFile(resolve(__dirname, '../../db/roadmap.yaml'));
const objectives = data.focusAreas.flatMap((f) => f.priorities.flatMap((p) => p.objectives));
let t: TestApp;
let token: string;
// These tests compare the API with the data file's English (the edition): they ask for English.
const get = (url: string) => request(t.http).get(url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'en');

beforeAll(async () => {
  t = await startTestApp();
  token = await t.userToken('viewer');
});
afterAll(async () => t.close());

describe('GET /api/v1/roadmap', () => {
  it('serves the whole tree: 4 focus areas, 18 priorities, 65 objectives with their bodies', async () => {
    const res = await get('/api/v1/roadmap').expect(200);
    const fas = res.body.focusAreas;
    expect(fas.map((f: { number: number }) => f.number)).toEqual([1, 2, 3, 4]);
    expect(fas[0]).toMatchObject({ title: 'Prevention', subtitle: expect.stringContaining('prevention') });
    expect(fas.flatMap((f: { priorities: unknown[] }) => f.priorities)).toHaveLength(18);
    const objs = fas.flatMap((f: any) => f.priorities.flatMap((p: any) => p.objectives));
    expect(objs).toHaveLength(65);
    expect(objs[0]).toEqual({ code: '1-1', title: 'Populate Mon espace santé', lang: 'en', leadBody: 'DNS', contributingBodies: ['CNAM', 'ANS'] });
    expect(fas.map((f: any) => f.priorities.reduce((n: number, p: any) => n + p.objectives.length, 0))).toEqual([20, 16, 11, 18]);
  });
});

describe('GET /api/v1/objectives/:code', () => {
  it('serves 1-1 with one indicator and its two dated targets, each with its source sentence', async () => {
    const res = await get('/api/v1/objectives/1-1').expect(200);
    expect(res.body).toMatchObject({ code: '1-1', leadBody: 'DNS', contributingBodies: ['CNAM', 'ANS'], kind: 'CONTINUATION' });
    expect(res.body.indicators).toHaveLength(1);
    const [ind] = res.body.indicators;
    expect(ind).toMatchObject({ id: expect.any(Number), unit: 'documents_per_year', direction: 'increase' });
    expect(ind.targets.map((x: any) => [x.value, x.dueDate])).toEqual([
      [250_000_000, '2023-12-31'],
      [400_000_000, '2026-12-31'],
    ]);
    expect(ind.targets[0].sourceText).toMatch(/^Hit a population rate of 250 million/);
  });

  it('serves milestones with their due dates', async () => {
    const res = await get('/api/v1/objectives/8-1').expect(200);
    expect(res.body.indicators).toEqual([]);
    expect(res.body.milestones).toEqual([
      expect.objectContaining({
        id: expect.any(Number),
        dueDate: '2024-06-30',
        sourceText: 'Launch the portal for the digital services package for professionals (BSP) in the second quarter of 2024',
      }),
    ]);
  });

  it('serves, for every objective, the lead body and every numeric target of the roadmap', async () => {
    for (const o of objectives) {
      const res = await get(`/api/v1/objectives/${o.code}`).expect(200);
      expect(res.body.leadBody, o.code).toBe(o.leadBody);
      expect(res.body.contributingBodies, o.code).toEqual(o.contributingBodies);
      expect(
        res.body.indicators.map((i: any) => i.targets.map((x: any) => [x.value, x.dueDate])),
        o.code,
      ).toEqual(o.indicators.map((i) => i.targets.map((x) => [x.value, x.dueDate])));
      expect(
        res.body.milestones.map((m: any) => m.dueDate),
        o.code,
      ).toEqual(o.milestones.map((m) => m.dueDate));
    }
  });

  it('answers 404 with a clear message for an unknown code', async () => {
    const res = await get('/api/v1/objectives/19-1?lang=fr').expect(404);
    expect(res.body).toMatchObject({
      statusCode: 404,
      code: 'not_found.objective',
      message: 'Aucun objectif n’a le code «\u00a019-1\u00a0»\u00a0: les codes vont de «\u00a01-1\u00a0» à «\u00a018-4\u00a0».',
    });
    const en = await get('/api/v1/objectives/19-1?lang=en').expect(404);
    expect(en.body.message).toBe('No objective has code "19-1": codes run from "1-1" to "18-4".');
  });
});

describe('bodies', () => {
  it('lists every body with how many objectives it leads and contributes to', async () => {
    const res = await get('/api/v1/bodies').expect(200);
    expect(res.body).toHaveLength(27);
    const dns = res.body.find((b: any) => b.acronym === 'DNS');
    expect(dns).toMatchObject({ name: 'Délégation Ministérielle au numérique en santé', englishName: 'Ministerial Delegation for Digital Health' });
    expect(dns.leads).toBe(objectives.filter((o) => o.leadBody === 'DNS').length);
    expect(res.body.map((b: any) => b.acronym)).toEqual(expect.arrayContaining(['GIE SESAM-Vitale', 'ARS/GRADeS', 'GIP PIX']));
  });

  it('lists what a body leads and contributes to, marked', async () => {
    const res = await get(`/api/v1/bodies/${encodeURIComponent('GIE SESAM-Vitale')}/objectives`).expect(200);
    const byRole = (role: string) => res.body.objectives.filter((o: any) => o.role === role).map((o: any) => o.code);
    expect(byRole('lead')).toEqual(['3-1', '14-1']);
    expect(byRole('contributor')).toEqual(['7-3', '8-1', '8-2', '14-2', '16-2', '16-5']);
    const slug = await get('/api/v1/bodies/ars-grades/objectives').expect(200);
    expect(slug.body.body.acronym).toBe('ARS/GRADeS');
    const encoded = await get('/api/v1/bodies/ARS%2FGRADeS/objectives').expect(200);
    expect(encoded.body.objectives).toEqual(slug.body.objectives);
  });

  it('answers 404 for an unknown body', async () => {
    const res = await get('/api/v1/bodies/NOPE/objectives?lang=fr').expect(404);
    expect(res.body).toMatchObject({ code: 'not_found.body', message: expect.stringMatching(/^Aucun organisme n’a le sigle «\u00a0NOPE\u00a0»/) });
  });
});

describe('reading', () => {
  it('needs a signed-in user unless PUBLIC_READ is on', async () => {
    const res = await request(t.http).get('/api/v1/roadmap').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'auth.sign_in_required', message: expect.stringMatching(/^Connectez-vous d’abord/) });
    const open = await startTestApp({ env: { PUBLIC_READ: 'true' } });
    try {
      await request(open.http).get('/api/v1/roadmap').expect(200);
      await request(open.http).post('/api/v1/indicators/1/measurements').send({}).expect(401);
    } finally {
      await open.close();
    }
  });
});

describe('operations', () => {
  it('reports health with the database', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'ok', objectives: 65 } });
  });

  it('publishes an OpenAPI document and the Swagger UI', async () => {
    const doc = await request(t.http).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/roadmap', '/api/v1/objectives/{code}', '/api/v1/bodies', '/api/v1/bodies/{acronym}/objectives']),
    );
    const ui = await request(t.http).get('/api/docs/').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
