import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { startTestApp, TestApp } from '../support/app';
import { objectiveIds } from '../support/roadmap';
import { createTestDatabase } from '../support/db';
import { tempDir } from '../support/temp';

const ROADMAP = resolve(__dirname, '../../db/roadmap.yaml');
let t: TestApp;
let token: string;
const get = (url: string, lang?: string) => {
  const req = request(t.http).get(url).set('Authorization', `Bearer ${token}`);
  return lang ? req.set('Accept-Language', lang) : req;
};
const objectivesOf = (tree: any) => tree.focusAreas.flatMap((f: any) => f.priorities.flatMap((p: any) => p.objectives));

beforeAll(async () => {
  t = await startTestApp();
  token = await t.userToken('viewer');
});
afterAll(async () => t.close());

describe('the roadmap in the language asked for', () => {
  it('is French by default, English with Accept-Language: en, and ?lang= wins over the header', async () => {
    const fr = await get('/api/v1/roadmap').expect(200);
    expect(fr.body.title).toBe('Feuille de route du numérique en santé 2023-2027');
    expect(fr.body.focusAreas.map((f: any) => f.title)).toEqual(['Prévention', 'Prise en charge', 'Accès à la santé', 'Cadre propice']);
    expect(fr.body.focusAreas[0].priorities[0]).toMatchObject({ title: 'Utiliser Mon espace santé au quotidien pour gérer sa santé', lang: 'fr' });
    expect(objectivesOf(fr.body)[0]).toEqual({
      code: '1-1',
      title: 'Alimenter Mon espace santé',
      lang: 'fr',
      leadBody: 'DNS',
      contributingBodies: ['CNAM', 'ANS'],
    });
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.headers['vary']).toMatch(/accept-language/i);

    const en = await get('/api/v1/roadmap', 'en-GB,en;q=0.9').expect(200);
    expect(en.body.title).toBe('Digital Health Roadmap 2023–2027');
    expect(en.body.focusAreas[0].title).toBe('Prevention');
    expect(objectivesOf(en.body)[0].title).toBe('Populate Mon espace santé');
    expect(en.headers['content-language']).toBe('en');

    const query = await get('/api/v1/roadmap?lang=en', 'fr-FR').expect(200);
    expect(query.body.focusAreas[0].title).toBe('Prevention');
    expect(query.headers['content-language']).toBe('en');
    const queryFr = await get('/api/v1/roadmap?lang=fr', 'en').expect(200);
    expect(queryFr.body.focusAreas[0].title).toBe('Prévention');
    // A language we do not speak: French.
    expect((await get('/api/v1/roadmap', 'de-DE').expect(200)).body.focusAreas[0].title).toBe('Prévention');
    // Every objective has its French title (none falls back to English).
    expect(objectivesOf(fr.body).filter((o: any) => o.lang !== 'fr')).toEqual([]);
  });

  it('caches the bytes and ETag per language: a French ETag never answers 304 to an English request', async () => {
    const fr = await get('/api/v1/roadmap').expect(200);
    const en = await get('/api/v1/roadmap', 'en').expect(200);
    expect(fr.headers.etag).toBeTruthy();
    expect(en.headers.etag).not.toBe(fr.headers.etag);
    await get('/api/v1/roadmap').set('If-None-Match', fr.headers.etag).expect(304);
    const other = await get('/api/v1/roadmap', 'en').set('If-None-Match', fr.headers.etag).expect(200);
    expect(other.body.focusAreas[0].title).toBe('Prevention');
    await get('/api/v1/roadmap?lang=en').set('If-None-Match', en.headers.etag).expect(304);
    // The same language asked twice: the same bytes.
    expect((await get('/api/v1/roadmap').expect(200)).text).toBe(fr.text);
  });

  it('serves an objective with its title, description, summary, indicator names, target words and milestones in French', async () => {
    const fr = await get('/api/v1/objectives/1-1').expect(200);
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.body).toMatchObject({ code: '1-1', title: 'Alimenter Mon espace santé', lang: 'fr' });
    expect(fr.body.description).toMatch(/^Les professionnels de santé peuvent désormais/);
    expect(fr.body.summary).toMatch(/^Atteindre un rythme d'alimentation de Mon espace santé/);
    const [ind] = fr.body.indicators;
    expect(ind).toMatchObject({
      name: 'Documents de santé envoyés dans Mon espace santé par les professionnels, par an',
      lang: 'fr',
      status: expect.any(String),
    });
    expect(ind.targets.map((x: any) => [x.value, x.valueText, x.due])).toEqual([
      [250_000_000, '250 millions', "d'ici fin 2023"],
      [400_000_000, '400 millions', "d'ici fin 2026"],
    ]);
    expect(ind.targets[0].sourceText).toMatch(/^Atteindre un rythme/);

    const en = await get('/api/v1/objectives/1-1?lang=en').expect(200);
    expect(en.body).toMatchObject({ title: 'Populate Mon espace santé', lang: 'en' });
    expect(en.body.indicators[0].targets[0]).toMatchObject({ valueText: '250 million', due: 'by the end of 2023' });
    // The figures do not depend on the language.
    expect(en.body.indicators[0].targets.map((x: any) => [x.id, x.status, x.ratio])).toEqual(ind.targets.map((x: any) => [x.id, x.status, x.ratio]));

    const milestones = await get('/api/v1/objectives/1-2').expect(200);
    expect(milestones.body.milestones.map((m: any) => [m.title, m.due])).toEqual([
      ["Lancer les premières versions de la messagerie de Mon espace santé pour l'envoi des ordonnances aux pharmaciens", 'à partir de mai 2023'],
      ['Concevoir une API de messagerie citoyenne', 'en 2024'],
    ]);
    // 7-1 has no chapter paragraph: no description in either language.
    expect((await get('/api/v1/objectives/7-1').expect(200)).body.description).toBeNull();
  });

  it('serves the status with French objective titles and indicator names, English on request, one cached answer per language', async () => {
    const fr = await get('/api/v1/status?asOf=2025-01-10').expect(200);
    const en = await get('/api/v1/status?asOf=2025-01-10', 'en').expect(200);
    expect(fr.headers['content-language']).toBe('fr');
    expect(en.headers['content-language']).toBe('en');
    expect(fr.body.lang).toBe('fr');
    const o11 = (b: any) => b.objectives.find((o: any) => o.code === '1-1');
    expect(o11(fr.body)).toMatchObject({ title: 'Alimenter Mon espace santé', lang: 'fr' });
    expect(o11(fr.body).indicators[0].name).toMatch(/^Documents de santé/);
    expect(o11(en.body)).toMatchObject({ title: 'Populate Mon espace santé', lang: 'en' });
    expect(fr.body.focusAreas[0].title).toBe('Prévention');
    expect(fr.body.priorities[0].title).toMatch(/^Utiliser Mon espace santé/);
    expect(fr.body.noData.find((x: any) => x.objectiveCode === '1-1').name).toMatch(/^Documents de santé/);
    expect(fr.body.objectives.find((o: any) => o.code === '1-2').milestones[0].title).toMatch(/^Lancer les premières versions/);
    // Same figures, different words.
    expect(fr.body.roadmap).toEqual(en.body.roadmap);
    expect(fr.headers.etag).not.toBe(en.headers.etag);
    await get('/api/v1/status?asOf=2025-01-10', 'en').set('If-None-Match', en.headers.etag).expect(304);
    await get('/api/v1/status?asOf=2025-01-10').set('If-None-Match', en.headers.etag).expect(200);
  });

  it("serves an indicator and a body's objectives in the language asked for", async () => {
    const { indicators } = await objectiveIds(t, token, '1-1');
    const fr = await get(`/api/v1/indicators/${indicators[0]}`).expect(200);
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.body).toMatchObject({ name: expect.stringMatching(/^Documents de santé/), lang: 'fr' });
    expect(fr.body.targets[1]).toMatchObject({ valueText: '400 millions' });
    const en = await get(`/api/v1/indicators/${indicators[0]}?lang=en`).expect(200);
    expect(en.body.name).toBe('Healthcare documents sent to Mon espace santé by professionals per year');
    const history = await get(`/api/v1/indicators/${indicators[0]}/history`).expect(200);
    expect(history.body.indicator).toMatchObject({ name: expect.stringMatching(/^Documents de santé/), lang: 'fr' });
    expect(history.headers['content-language']).toBe('fr');

    const body = await get('/api/v1/bodies/DNS/objectives').expect(200);
    expect(body.body.objectives.find((o: any) => o.code === '1-1').title).toBe('Alimenter Mon espace santé');
    // A body's official French name is served in both languages, with its English name beside it.
    expect(body.body.body).toMatchObject({ name: 'Délégation Ministérielle au numérique en santé', englishName: 'Ministerial Delegation for Digital Health' });
  });

  it('documents ?lang= in the OpenAPI document', async () => {
    const doc = (await request(t.http).get('/api/docs/openapi.json').expect(200)).body;
    for (const path of ['/api/v1/roadmap', '/api/v1/objectives/{code}', '/api/v1/status', '/api/v1/indicators/{id}', '/api/v1/bodies/{acronym}/objectives']) {
      expect(
        doc.paths[path].get.parameters.map((p: any) => p.name),
        path,
      ).toContain('lang');
    }
  });

  it('refuses a language it does not speak in ?lang=', async () => {
    const res = await get('/api/v1/status?lang=de').expect(400);
    expect(res.body.errors[0].field).toBe('lang');
  });
});

describe('replacing a text of the data file', () => {
  it('keeps ids and recorded values: the new French title and description are served after a reload', async () => {
    const dir = tempDir('fdr-retext-');
    const database = await createTestDatabase();
    const first = await startTestApp({ database });
    let ids: { indicators: number[]; milestones: number[] };
    try {
      const admin = await first.login();
      ids = await objectiveIds(first, admin, '1-1');
      await request(first.http)
        .post(`/api/v1/indicators/${ids.indicators[0]}/measurements`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ value: 120_000_000, observedAt: '2024-12-31', source: 'CNAM' })
        .expect(201);
    } finally {
      await first.close();
    }

    // An admin edits the French title and description of 1-1 in the data file.
    const doc = parseDocument(readFileSync(ROADMAP, 'utf8'));
    const path = ['focusAreas', 0, 'priorities', 0, 'objectives', 0, 'fr'];
    doc.setIn([...path, 'title'], 'Alimenter Mon espace santé (titre revu)');
    doc.setIn([...path, 'description'], 'Une description revue par le ministère.');
    const file = dir.path('roadmap.yaml');
    writeFileSync(file, doc.toString());

    const second = await startTestApp({ database, env: { ROADMAP_DATA_PATH: file } });
    try {
      const admin = await second.login();
      const res = await request(second.http).get('/api/v1/objectives/1-1').set('Authorization', `Bearer ${admin}`).expect(200);
      expect(res.body).toMatchObject({ title: 'Alimenter Mon espace santé (titre revu)', description: 'Une description revue par le ministère.' });
      expect(await objectiveIds(second, admin, '1-1')).toEqual(ids!);
      const values = await request(second.http).get(`/api/v1/indicators/${ids!.indicators[0]}`).set('Authorization', `Bearer ${admin}`).expect(200);
      expect(values.body.measurements.map((m: any) => [m.value, m.observedAt])).toEqual([[120_000_000, '2024-12-31']]);
      // The English is untouched.
      const en = await request(second.http).get('/api/v1/objectives/1-1?lang=en').set('Authorization', `Bearer ${admin}`).expect(200);
      expect(en.body.title).toBe('Populate Mon espace santé');
    } finally {
      await second.close();
      await database.drop();
      dir.cleanup();
    }
  });
});
