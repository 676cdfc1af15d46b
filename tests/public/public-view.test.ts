import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { AuditRepository } from '@app/persistence';
import { startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve } from '../support/browser';
import { objectiveIds } from '../support/roadmap';

const SHOTS = 'test-results/screenshots/public';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Markers planted where the public must never look: staff names and e-mails, updates that were not
 * validated (draft, submitted, returned, and the return's reason), a later period not published, a
 * value recorded after the publication, an audit entry. None may appear in any public answer.
 */
const SECRET = {
  editorName: 'Philibert Quenouille-Zarkov',
  editorEmail: 'philibert.zarkov@secret-staff.test',
  cnamName: 'Eulalie Brandebourg-Ystad',
  cnamEmail: 'eulalie.ystad@secret-staff.test',
  validatorName: 'Octave Vranckx-Lemarquis',
  validatorEmail: 'octave.vranckx@secret-staff.test',
  draft: 'DRAFT-MARKER-7f3a brouillon jamais transmis',
  submitted: 'SUBMITTED-MARKER-91cc transmis mais non validé',
  returned: 'RETURNED-MARKER-44de renvoyé au pilote',
  returnReason: 'RETURN-REASON-MARKER-0b7e chiffres incohérents',
  laterPeriod: 'LATER-PERIOD-MARKER-c2d8 période suivante',
  audit: 'AUDIT-MARKER-5e61',
};
/** Values recorded after the closing (national 433 333 333; regional 366 666 and 377 777), however written. */
const LATE_VALUES = [/433[\s\u202f\u00a0.,]?333[\s\u202f\u00a0.,]?333/, /366[\s\u202f\u00a0.,]?666/, /377[\s\u202f\u00a0.,]?777/];
const VALIDATED = 'VALIDATED-MARKER-2a9b Objectif atteint en décembre';

async function createUser(t: TestApp, admin: string, name: string, email: string, role: string, bodies: string[]) {
  const password = `${role}-secret-password-${email.length}`;
  await request(t.http).post('/api/v1/users').set(auth(admin)).send({ email, name, password, role, bodies }).expect(201);
  return () => t.login(email, password);
}

/**
 * The 2026-Q4 review closed on 20 January 2027: 1-1 validated (its December value recorded during
 * the collection), 2-2 submitted, 2-3 returned, 2-1 a draft (closed with force). Then, after the
 * publication: a new 1-1 value, the 2027-Q1 review opened with a validated update, an audit entry.
 */
async function publishedQuarter(t: TestApp) {
  const admin = await t.login();
  const dns = await createUser(t, admin, SECRET.editorName, SECRET.editorEmail, 'editor', ['DNS']);
  const cnam = await createUser(t, admin, SECRET.cnamName, SECRET.cnamEmail, 'editor', ['CNAM']);
  const validator = await createUser(t, admin, SECRET.validatorName, SECRET.validatorEmail, 'validator', []);
  const documents = (await objectiveIds(t, admin, '1-1')).indicators[0];
  const mediators = (await objectiveIds(t, admin, '4-2')).indicators[0]; // recorded by region and département
  await request(t.http).post('/api/v1/reviews').set(auth(admin)).send({ period: '2026-Q4' }).expect(201);
  t.clock.set('2027-01-10T09:00:00.000Z');
  await request(t.http)
    .post(`/api/v1/indicators/${documents}/measurements`)
    .set(auth(await dns()))
    .send({ value: 410_000_000, observedAt: '2026-12-31', source: 'CNAM', comment: 'chiffre consolidé' })
    .expect(201);
  const regional = async (territory: string, value: number, observedAt: string) =>
    request(t.http)
      .post(`/api/v1/indicators/${mediators}/measurements`)
      .set(auth(await dns()))
      .send({ value, observedAt, source: 'ARS', territory })
      .expect(201);
  await regional('region:84', 1234, '2026-12-31');
  await regional('region:11', 2345, '2026-12-31');
  const step = async (code: string, who: () => Promise<string>, path: string, body: object = {}) =>
    request(t.http)
      .post(`/api/v1/reviews/2026-Q4/objectives/${code}${path}`)
      .set(auth(await who()))
      .send(body)
      .expect(200);
  const save = async (period: string, code: string, who: () => Promise<string>, body: object) =>
    request(t.http)
      .put(`/api/v1/reviews/${period}/objectives/${code}`)
      .set(auth(await who()))
      .send(body)
      .expect(200);
  await save('2026-Q4', '1-1', dns, { confidence: 'secured', progress: VALIDATED, nextSteps: 'Étendre le **service** aux établissements.' });
  await step('1-1', dns, '/submit');
  await step('1-1', validator, '/validate');
  await save('2026-Q4', '2-2', dns, { confidence: 'watch', progress: SECRET.submitted });
  await step('2-2', dns, '/submit');
  await save('2026-Q4', '2-3', dns, { confidence: 'difficulties', progress: SECRET.returned });
  await step('2-3', dns, '/submit');
  await step('2-3', validator, '/return', { reason: SECRET.returnReason });
  await save('2026-Q4', '2-1', cnam, { confidence: 'compromised', progress: SECRET.draft });
  t.clock.set('2027-01-20T09:00:00.000Z');
  const closed = await request(t.http)
    .post('/api/v1/reviews/2026-Q4/close')
    .set(auth(await t.login()))
    .send({ force: true });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  // After the publication: nothing of this may reach the public view.
  t.clock.set('2027-04-02T09:00:00.000Z');
  await request(t.http)
    .post(`/api/v1/indicators/${documents}/measurements`)
    .set(auth(await dns()))
    .send({ value: 433_333_333, observedAt: '2027-03-31', source: 'CNAM' })
    .expect(201);
  await regional('region:53', 366_666, '2026-12-31'); // dated in the period, recorded after its publication
  await regional('region:84', 377_777, '2027-03-31');
  await request(t.http)
    .post('/api/v1/reviews')
    .set(auth(await t.login()))
    .send({ period: '2027-Q1' })
    .expect(201);
  await save('2027-Q1', '1-1', dns, { confidence: 'watch', progress: SECRET.laterPeriod });
  await request(t.http)
    .post('/api/v1/reviews/2027-Q1/objectives/1-1/submit')
    .set(auth(await dns()))
    .expect(200);
  await request(t.http)
    .post('/api/v1/reviews/2027-Q1/objectives/1-1/validate')
    .set(auth(await validator()))
    .expect(200);
  await t.app.get(AuditRepository).record({
    at: t.clock.now().toISOString(),
    userId: null,
    action: 'user.update',
    entityType: 'user',
    entityId: SECRET.audit,
    before: null,
    after: { note: SECRET.audit },
  });
  return { documents, mediators };
}

describe('the public view with PUBLIC_SITE off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2027-01-02T09:00:00.000Z' });
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers every public address exactly as an unknown one: 404, no hint', async () => {
    const unknownPage = await request(t.http).get('/nothing-here');
    for (const path of ['/public', '/public/feuille-de-route', '/public/objectifs/1-1', '/public/donnees-ouvertes']) {
      const res = await request(t.http).get(path);
      expect(res.status, path).toBe(404);
      expect(res.text.replace(path, '/nothing-here'), path).toBe(unknownPage.text);
    }
    const unknownApi = await request(t.http).get('/api/v1/nothing-here');
    for (const path of ['/api/v1/public/publication', '/api/v1/public/roadmap', '/api/v1/public/open-data/2026-Q4.csv']) {
      const res = await request(t.http).get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.code, path).toBe(unknownApi.body.code);
    }
    const openapi = await request(t.http).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(openapi.body.paths).filter((p) => p.startsWith('/api/v1/public'))).toEqual([]);
  });
});

describe('the public view (PUBLIC_SITE=true)', () => {
  let t: TestApp;
  let browser: Browser | undefined;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-01-02T09:00:00.000Z', env: { PUBLIC_SITE: 'true' } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('says nothing is published before the first closing', async () => {
    const page = await request(t.http).get('/public').expect(200);
    expect(page.text).toContain('Aucune donnée publiée pour l’instant');
    const api = await request(t.http).get('/api/v1/public/publication').expect(404);
    expect(api.body.code).toBe('public.nothing_published');
  });

  describe('after a closing', () => {
    let ids: Awaited<ReturnType<typeof publishedQuarter>>;
    /** Every public answer, by address: pages, API, open data, the official HTML reports. */
    const answers = new Map<string, string>();

    beforeAll(async () => {
      ids = await publishedQuarter(t);
      const codes = (await request(t.http).get('/api/v1/public/roadmap').expect(200)).body.focusAreas.flatMap(
        (f: { priorities: { objectives: { code: string }[] }[] }) => f.priorities.flatMap((p) => p.objectives.map((o) => o.code)),
      );
      const paths = [
        '/public',
        '/public?lang=en',
        '/public?focusArea=1',
        '/public/feuille-de-route',
        '/public/feuille-de-route?lang=en',
        '/public/rapports',
        '/public/donnees-ouvertes',
        '/api/v1/public/publication',
        '/api/v1/public/roadmap',
        '/api/v1/public/open-data',
        '/api/v1/public/open-data/2026-Q4.csv',
        '/api/v1/public/open-data/2026-Q4.schema.json',
        ...codes.flatMap((c: string) => [`/public/objectifs/${c}`, `/api/v1/public/objectives/${c}`, `/api/v1/public/objectives/${c}?lang=en`]),
      ];
      for (const path of paths) {
        const res = await request(t.http).get(path).buffer(true);
        expect(res.status, path).toBe(200);
        answers.set(path, res.text);
      }
      // The official reports, HTML and PDF (its text read back with pdftotext).
      const dir = mkdtempSync(join(tmpdir(), 'public-reports-'));
      for (const r of (await request(t.http).get('/api/v1/public/publication')).body.reports as { url: string; format: string }[]) {
        const file = await request(t.http)
          .get(r.url)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200);
        if (r.format === 'html') answers.set(r.url, (file.body as Buffer).toString('utf8'));
        else {
          const path = join(dir, 'report.pdf');
          writeFileSync(path, file.body as Buffer);
          answers.set(r.url, execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }));
        }
      }
    }, 240_000);

    it('never shows a draft, a submitted or returned update, a later period, a later value, staff or audit data', () => {
      expect(answers.size).toBeGreaterThan(200);
      expect([...answers.keys()].filter((k) => k.startsWith('/public/rapports/')).length).toBe(4);
      for (const [path, text] of answers) {
        for (const [what, marker] of Object.entries(SECRET)) expect(text.includes(marker), `${what} in ${path}`).toBe(false);
        for (const late of LATE_VALUES) expect(late.test(text), `a value recorded after closing (${late}) in ${path}`).toBe(false);
        expect(/@(secret-staff|test\.local)/.test(text), `an e-mail in ${path}`).toBe(false);
      }
    });

    it('shows what was validated and published: the commentary, the value, the period and its date', async () => {
      const page = answers.get('/public/objectifs/1-1')!;
      expect(page).toContain('VALIDATED-MARKER-2a9b');
      expect(page).toContain('<strong>service</strong>'); // markdown-light, rendered
      expect(page.replace(/[\s\u202f\u00a0]/g, ' ')).toMatch(/410 000 000/);
      expect(answers.get('/public')!.replace(/[\s\u202f\u00a0]+/g, ' ')).toContain('Données publiées : 4ᵉ trimestre 2026, validées le 20 janvier 2027');
      expect(answers.get('/public?lang=en')!).toContain('Published data: Q4 2026, validated on 20 January 2027');
      const api = JSON.parse(answers.get('/api/v1/public/objectives/1-1')!);
      expect(api.published).toEqual({ period: '2026-Q4', publishedAt: '2027-01-20T09:00:00.000Z', asOf: '2026-12-31' });
      expect(api.commentary.sections[0]).toEqual({ section: 'progress', text: VALIDATED });
      expect(api.indicators.find((i: { id: number }) => i.id === ids.documents).values).toContainEqual({ date: '2026-12-31', value: 410_000_000 });
      // Territorial values as published: a map with its table on the page, the values in the API.
      expect(answers.get('/public/objectifs/4-2')).toContain(`territory-map-map-${ids.mediators}-region`);
      const mediators = JSON.parse(answers.get('/api/v1/public/objectives/4-2')!).indicators.find((i: { id: number }) => i.id === ids.mediators);
      expect(mediators.territories).toEqual([
        {
          level: 'region',
          values: expect.arrayContaining([
            { code: '11', value: 2345, observedAt: '2026-12-31' },
            { code: '84', value: 1234, observedAt: '2026-12-31' },
          ]),
        },
      ]);
      expect(mediators.territories[0].values).toHaveLength(2);
      // Objectives whose update was not validated are published without one.
      for (const code of ['2-1', '2-2', '2-3']) expect(JSON.parse(answers.get(`/api/v1/public/objectives/${code}`)!).commentary).toBeNull();
      const publication = JSON.parse(answers.get('/api/v1/public/publication')!);
      expect(publication.reports.map((r: { lang: string; format: string }) => `${r.lang}.${r.format}`).sort()).toEqual([
        'en.html',
        'en.pdf',
        'fr.html',
        'fr.pdf',
      ]);
      const pdf = publication.reports.find((r: { format: string }) => r.format === 'pdf');
      const file = await request(t.http).get(pdf.url).expect(200);
      expect(file.headers['content-type']).toBe('application/pdf');
    });

    it('answers with headers that let anyone cache, without a session', async () => {
      const page = await request(t.http).get('/public/feuille-de-route').expect(200);
      expect(page.headers['cache-control']).toBe('public, max-age=60');
      expect(page.headers['set-cookie']).toBeUndefined();
      const api = await request(t.http).get('/api/v1/public/roadmap').expect(200);
      expect(api.headers['cache-control']).toBe('public, max-age=60');
      const csv = await request(t.http).get('/api/v1/public/open-data/2026-Q4.csv').expect(200);
      expect(csv.headers['cache-control']).toBe('public, max-age=86400');
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      // A period not published, a file that is not one, an unknown report: 404.
      expect((await request(t.http).get('/api/v1/public/open-data/2027-Q1.csv').expect(404)).body.code).toBe('public.not_published');
      expect((await request(t.http).get('/api/v1/public/open-data/passwd').expect(404)).body.code).toBe('public.unknown_file');
      await request(t.http).get('/public/rapports/not-a-report').expect(404);
      await request(t.http).get('/public/objectifs/99-9').expect(404);
    });

    it('documents the public API in the OpenAPI document, without sign-in', async () => {
      const openapi = await request(t.http).get('/api/docs/openapi.json').expect(200);
      for (const p of [
        '/api/v1/public/publication',
        '/api/v1/public/roadmap',
        '/api/v1/public/objectives/{code}',
        '/api/v1/public/open-data',
        '/api/v1/public/open-data/{file}',
      ]) {
        expect(openapi.body.paths[p]?.get, p).toBeDefined();
        expect(openapi.body.paths[p].get.security ?? [], p).toEqual([]);
      }
      expect(openapi.body.components.schemas.PublicObjectiveDto.properties.commentary).toBeDefined();
    });

    it('writes a CSV that its Table Schema describes exactly, every value of its type', () => {
      const schema = JSON.parse(answers.get('/api/v1/public/open-data/2026-Q4.schema.json')!);
      const csv = answers.get('/api/v1/public/open-data/2026-Q4.csv')!;
      expect(csv.charCodeAt(0)).not.toBe(0xfeff);
      expect(csv).toContain('\r\n');
      const header = parse(csv, { to_line: 1 })[0] as string[];
      expect(header).toEqual(schema.fields.map((f: { name: string }) => f.name));
      const rows = parse(csv, { columns: true }) as Record<string, string>[];
      expect(rows.length).toBe(33); // the roadmap's 33 numeric targets
      for (const f of schema.fields as {
        name: string;
        title: string;
        description: string;
        type: string;
        constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number };
      }[]) {
        expect(f.title && f.description, f.name).toBeTruthy();
        for (const [n, row] of rows.entries()) {
          const v = row[f.name];
          const where = `${f.name}, line ${n + 2}: ${v}`;
          if (v === '' || schema.missingValues.includes(v)) {
            expect(f.constraints?.required ?? false, where).toBe(false);
            continue;
          }
          if (f.type === 'integer') expect(v, where).toMatch(/^-?\d+$/);
          if (f.type === 'number') expect(Number.isFinite(Number(v)), where).toBe(true);
          if (f.type === 'date') expect(new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10), where).toBe(v);
          if (f.type === 'datetime') expect(v, where).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          if (f.type === 'boolean') expect(['true', 'false'], where).toContain(v);
          if (f.constraints?.enum) expect(f.constraints.enum, where).toContain(v);
          if (f.constraints?.pattern) expect(v, where).toMatch(new RegExp(f.constraints.pattern));
          if (f.constraints?.minimum !== undefined) expect(Number(v), where).toBeGreaterThanOrEqual(f.constraints.minimum);
        }
      }
      const keys = rows.map((r) => schema.primaryKey.map((k: string) => r[k]).join('/'));
      expect(new Set(keys).size).toBe(rows.length);
      const documents = rows.filter((r) => r.code_objectif === '1-1' && r.id_indicateur === String(ids.documents));
      expect(documents[0]).toMatchObject({ periode: '2026-Q4', derniere_valeur: '410000000', date_derniere_valeur: '2026-12-31', organisme_pilote: 'DNS' });
    });

    it('shows its pages in Chromium: readable, accessible (axe), without staff navigation', async () => {
      browser = await launchChromium();
      const url = await serve(t);
      mkdirSync(SHOTS, { recursive: true });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
      const page = await context.newPage();
      for (const [name, path] of [
        ['dashboard', '/public'],
        ['roadmap', '/public/feuille-de-route'],
        ['objective-1-1', '/public/objectifs/1-1'],
        ['objective-4-2-map', '/public/objectifs/4-2'],
        ['reports', '/public/rapports'],
        ['open-data', '/public/donnees-ouvertes'],
        ['not-found', '/public/objectifs/99-9'],
        ['dashboard-en', '/public?lang=en'],
      ]) {
        await page.goto(`${url}${path}`);
        await page.waitForLoadState('networkidle');
        expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
        expect(await page.locator('#navigation').count(), name).toBe(0);
        expect(await page.locator('a[href="/login"]').count(), name).toBe(0);
      }
      // The objective's chart is drawn from the published values.
      await page.goto(`${url}/public/objectifs/1-1?lang=fr`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('canvas[data-chart]').count()).toBeGreaterThan(0);
      await context.close();
    }, 120_000);

    it('follows a new publication at once: the period closed next is the one shown', async () => {
      t.clock.set('2027-04-20T09:00:00.000Z');
      await request(t.http)
        .post('/api/v1/reviews/2027-Q1/close')
        .set(auth(await t.login()))
        .send({ force: true })
        .expect(200);
      const page = await request(t.http).get('/public').expect(200);
      expect(page.text.replace(/[\s\u202f\u00a0]+/g, ' ')).toContain('Données publiées : 1er trimestre 2027, validées le 20 avril 2027');
      const api = await request(t.http).get('/api/v1/public/objectives/1-1').expect(200);
      expect(api.body.published.period).toBe('2027-Q1');
      expect(api.body.commentary.sections[0].text).toBe(SECRET.laterPeriod);
      expect((await request(t.http).get('/api/v1/public/open-data').expect(200)).body.map((p: { period: string }) => p.period)).toEqual(['2027-Q1', '2026-Q4']);
    }, 120_000);
  });
});
