import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { recordScenario } from '../support/scenario';
import { tempDir } from '../support/temp';

let t: TestApp;
const tmp = tempDir('fdr-reports-');
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const pdfText = (pdf: Buffer, name: string, layout = true) => {
  const file = tmp.path(name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
};
const pageCount = (pdf: Buffer, name: string) => {
  const file = tmp.path(name);
  writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
};

beforeAll(async () => {
  t = await startTestApp({ now: '2024-01-15T09:00:00.000Z' });
  await recordScenario(t);
}, 120_000);
afterAll(async () => {
  await t.close();
  tmp.cleanup();
});

describe('the whole-roadmap report', () => {
  let admin: string;
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    admin = await t.login();
    const created = await request(t.http).post('/api/v1/reports').set(auth(admin)).send({ kind: 'roadmap', period: '2025-Q3', format: 'pdf' }).expect(201);
    expect(created.body).toMatchObject({
      kind: 'roadmap',
      scope: null,
      period: '2025-Q3',
      asOf: '2025-09-30',
      format: 'pdf',
      lang: 'fr',
      trigger: 'manual',
      url: `/api/v1/reports/${created.body.id}`,
    });
    const file = await request(t.http).get(created.body.url).set(auth(admin)).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    pdf = file.body;
    text = pdfText(pdf, 'roadmap.pdf');
  }, 120_000);

  it('is an A4 PDF of a sane length, with page numbers', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pageCount(pdf, 'roadmap-pages.pdf');
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(60);
    expect(text).toContain(`Page 1 sur ${pages}`);
    expect(text).toContain(`Page ${pages} sur ${pages}`);
  });

  it('has the cover: title, period, as-of date and generation time, in French', () => {
    expect(text).toContain("Rapport d'avancement");
    expect(text).toContain('3\u1d49 trimestre 2025');
    expect(text).toContain('30 septembre 2025');
    expect(text).toContain('Généré le');
    expect(text).toMatch(/10 octobre 2025 à 11\sh\s00/); // the clock of the scenario, Paris time, French style
  });

  it("holds every objective code, and the scenario's statuses and values in fr-FR format", () => {
    for (const code of ['1-1', '4-2', '7-3', '12-1', '14-2', '18-4']) expect(text).toContain(code);
    // 1-1 as of 2025-09-30: 280 M recorded in January 2025 (330 M for September recorded in October, after asOf).
    expect(text).toMatch(/280 000 000 documents\/an/);
    expect(text).not.toMatch(/330 000 000/);
    expect(text).toContain('En bonne voie');
    expect(text).toContain('Manqué'); // 14-2: 90 % by 2024 missed
    expect(text).toMatch(/atteint le 15 juillet 2024 \(15 jours de retard\)/);
  });

  it('lists stale indicators and indicators without data', () => {
    expect(text).toContain('Indicateurs non mis à jour');
    expect(text).toContain('Indicateurs sans donnée');
  });

  it('draws its charts on canvas before printing', async () => {
    const html = await request(t.http).post('/api/v1/reports').set(auth(admin)).send({ kind: 'roadmap', period: '2025-Q3', format: 'html' }).expect(201);
    const page = await request(t.http).get(html.body.url).set(auth(admin)).expect(200);
    const charts = (page.text.match(/<canvas /g) ?? []).length;
    // Summary, timeline, milestones per state, one Gantt per focus area, and one chart per indicator
    // with data (1-1, 4-2, 12-1, 14-2): the 28 indicators without data get a line in a table instead.
    expect(charts).toBe(1 + 1 + 1 + 4 + 4);
    // Rendered charts print as images: the PDF carries them.
    const images =
      execFileSync('pdfimages', ['-list', tmp.path('roadmap.pdf')], { encoding: 'utf8' })
        .trim()
        .split('\n').length - 2;
    expect(images).toBeGreaterThanOrEqual(charts);
  });
});

describe('what changed since the previous report', () => {
  it('compares with the previous report of the same kind and scope', async () => {
    const admin = await t.login();
    await request(t.http).post('/api/v1/reports').set(auth(admin)).send({ kind: 'body', scope: 'ANCT', period: '2025-Q1', format: 'pdf' }).expect(201);
    // October 2025 is not over: asOf is today (10 October), after the September values were recorded.
    const second = await request(t.http)
      .post('/api/v1/reports')
      .set(auth(admin))
      .send({ kind: 'body', scope: 'anct', period: '2025-10', format: 'pdf' })
      .expect(201);
    expect(second.body).toMatchObject({ scope: 'ANCT', asOf: '2025-10-10' });
    const file = await request(t.http).get(second.body.url).set(auth(admin)).buffer(true).parse(binary).expect(200);
    const text = pdfText(file.body, 'anct.pdf');
    expect(text).toMatch(/Rapport précédent\s:\sSituation au 31 mars 2025/);
    // The corrected value shows once, as corrected, with its reason.
    expect(text).toMatch(/4-2\s+Médiateurs numériques en santé formés\s+5 400 \*\s+30 septembre 2025\s+revised by ANCT/);
    expect(text).not.toMatch(/5 200/);
  });
});

describe('escaping and isolation', () => {
  it('shows hostile comments as text and fetches nothing', async () => {
    const admin = await t.login();
    const printer = t.app.get((await import('@app/reports')).PdfPrinter) as import('@app/reports').PdfPrinter;
    printer.blockedRequests.length = 0;
    const created = await request(t.http)
      .post('/api/v1/reports')
      .set(auth(admin))
      .send({ kind: 'objective', scope: '14-2', period: '2025-10', format: 'html' })
      .expect(201);
    const page = await request(t.http).get(created.body.url).set(auth(admin)).expect(200);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).not.toContain('<img src=http');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+';/);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;http://127.0.0.1:9/beacon.png&gt;');
    const pdf = await request(t.http)
      .post('/api/v1/reports')
      .set(auth(admin))
      .send({ kind: 'objective', scope: '14-2', period: '2025-10', format: 'pdf' })
      .expect(201);
    const file = await request(t.http).get(pdf.body.url).set(auth(admin)).buffer(true).parse(binary).expect(200);
    // Read in reading order (not laid out): the long comment wraps in its table cell.
    expect(pdfText(file.body, 'escape.pdf', false).replace(/\s+/g, '')).toContain('<script>alert(1)</script><imgsrc=http://127.0.0.1:9/beacon.png>');
    expect(printer.blockedRequests).toEqual([]);
  });
});

describe('the report API', () => {
  it('gives the same numbers for the same asOf (same data hash)', async () => {
    const admin = await t.login();
    const a = await request(t.http)
      .post('/api/v1/reports')
      .set(auth(admin))
      .send({ kind: 'focus_area', scope: '2', period: '2025-H1', format: 'html' })
      .expect(201);
    const b = await request(t.http)
      .post('/api/v1/reports')
      .set(auth(admin))
      .send({ kind: 'focus_area', scope: '2', period: '2025-H1', format: 'html', lang: 'en' })
      .expect(201);
    expect(a.body.asOf).toBe('2025-06-30');
    expect(b.body.dataHash).not.toBe(a.body.dataHash); // other language, other labels
    const c = await request(t.http)
      .post('/api/v1/reports')
      .set(auth(admin))
      .send({ kind: 'focus_area', scope: '2', period: '2025-H1', format: 'html' })
      .expect(201);
    expect(c.body.dataHash).toBe(a.body.dataHash);
  });

  it("prints the roadmap's texts in the report's language (French by default)", async () => {
    const admin = await t.login();
    const html = async (lang?: string) => {
      const r = await request(t.http)
        .post('/api/v1/reports')
        .set(auth(admin))
        .send({ kind: 'objective', scope: '1-1', period: '2025-H1', format: 'html', ...(lang ? { lang } : {}) })
        .expect(201);
      return (await request(t.http).get(`/api/v1/reports/${r.body.id}`).set(auth(admin)).expect(200)).text;
    };
    const fr = await html();
    expect(fr).toContain('Alimenter Mon espace santé');
    expect(fr).toContain('Documents de santé envoyés dans Mon espace santé par les professionnels, par an');
    expect(fr).toContain('Axe 1 · <span>Prévention</span>');
    expect(fr).not.toContain('Populate Mon espace santé');
    // Every text is in French: nothing needs a lang attribute of its own (RGAA 8.7).
    expect(fr).not.toMatch(/<(span|strong)[^>]* lang="en"/);
    const en = await html('en');
    expect(en).toContain('Populate Mon espace santé');
    expect(en).not.toContain('Alimenter Mon espace santé');
  });

  it('keeps an archive, filterable by kind and period', async () => {
    const viewer = await t.userToken('viewer');
    const all = await request(t.http).get('/api/v1/reports').set(auth(viewer)).expect(200);
    expect(all.body.length).toBeGreaterThanOrEqual(8);
    const bodies = await request(t.http).get('/api/v1/reports?kind=body').set(auth(viewer)).expect(200);
    expect(bodies.body.map((r: any) => r.scope)).toEqual(['ANCT', 'ANCT']);
    expect(bodies.body[0]).toMatchObject({ fileName: 'rapport-body-ANCT-2025-10-2025-10-10.pdf' });
    const q1 = await request(t.http).get('/api/v1/reports?period=2025-Q1').set(auth(viewer)).expect(200);
    expect(q1.body).toHaveLength(1);
    await request(t.http).post('/api/v1/reports').set(auth(viewer)).send({ kind: 'roadmap', period: '2025', format: 'pdf' }).expect(403);
  });

  it.each([
    [{ kind: 'roadmap', period: '2025-Q5', format: 'pdf' }, 'period'],
    [{ kind: 'body', period: '2025-Q3', format: 'pdf' }, 'scope'],
    [{ kind: 'body', scope: 'NOPE', period: '2025-Q3', format: 'pdf' }, 'scope'],
    [{ kind: 'roadmap', period: '2025-Q3', format: 'docx' }, 'format'],
    [{ kind: 'roadmap', period: '2025-Q3', format: 'pdf', asOf: '2025-10-11' }, 'asOf'],
    [{ kind: 'galaxy', period: '2025-Q3', format: 'pdf' }, 'kind'],
  ])('refuses %j (400, field %s)', async (body, field) => {
    const admin = await t.login();
    const res = await request(t.http).post('/api/v1/reports').set(auth(admin)).send(body).expect(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
  });

  it('answers 404 for unknown or malformed report ids', async () => {
    const admin = await t.login();
    await request(t.http).get('/api/v1/reports/7d8b3c0e-1111-4222-8333-944455556666').set(auth(admin)).expect(404);
    const traversal = await request(t.http).get('/api/v1/reports/..%2F..%2Fetc%2Fpasswd').set(auth(admin)).expect(404);
    expect(traversal.body).toMatchObject({ code: 'not_found.report', message: 'Aucun rapport n’a l’identifiant «\u00a0../../etc/passwd\u00a0».' });
  });
});
