import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { regions, VALUE_RAMP } from '@app/territories';
import { startTestApp, TestApp } from '../support/app';
import { objectiveIds } from '../support/roadmap';

/**
 * The regional report (kind `region`, scope = the region's code) through the real app over HTTP, on
 * the run's engine: values of the 18 regions and of départements, a target an ARS set for its
 * region, national values; the report in HTML (French and English) and in PDF printed by Chromium,
 * read back with pdftotext, its pages kept as PNG for people to look at.
 */
const ROOT = resolve(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results', 'screenshots', 'regional-report');
let t: TestApp;
let admin: string;
let ars: string; // editor for DNS, limited to Auvergne-Rhône-Alpes (84)
let awareness: number; // 4-1, percent, by region, national = weighted mean
let mediators: number; // 4-2, count, by region and département, national = sum

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, url: string, body: object) => request(t.http).post(url).set(auth(token)).send(body);
const record = (token: string, indicator: number, body: object) =>
  post(token, `/api/v1/indicators/${indicator}/measurements`, { source: 'ARS, tableau de suivi', ...body }).expect(201);
/** French typography's non-breaking spaces read as plain ones, tags dropped: the text a reader sees. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const visible = (html: string) =>
  plain(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&amp;/g, '&'),
  ).replace(/\s+/g, ' ');
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const report = async (body: object) => {
  const created = await post(admin, '/api/v1/reports', { kind: 'region', period: '2025-Q4', ...body }).expect(201);
  const file = await request(t.http).get(created.body.url).set(auth(admin)).buffer(true).parse(binary).expect(200);
  return { created: created.body, content: file.body as Buffer };
};

beforeAll(async () => {
  // Values are recorded during the quarter (a report as of its end counts what was recorded by then), the reports made in January.
  t = await startTestApp({ now: '2025-12-31T12:00:00.000Z' });
  admin = await t.login();
  awareness = (await objectiveIds(t, admin, '4-1')).indicators[0];
  mediators = (await objectiveIds(t, admin, '4-2')).indicators[0];
  await post(admin, '/api/v1/users', {
    email: 'ars-ara@test.local',
    name: 'ARS ARA',
    password: 'ars-password-123',
    role: 'editor',
    bodies: ['DNS'],
    territory: 'region:84',
  }).expect(201);
  ars = await t.login('ars-ara@test.local', 'ars-password-123');

  // 4-1 nationally: 20 % at the end of 2024, 40 % at the end of 2025; the path to 80 % by the end of
  // 2027 expects 40 % at the end of 2025.
  await record(admin, awareness, { value: 20, observedAt: '2024-12-31' });
  await record(admin, awareness, { value: 40, observedAt: '2025-12-31' });
  // Every region at the end of 2025: Île-de-France 60 %, Auvergne-Rhône-Alpes 55 % (second), the others 20 % to 35 %.
  let k = 0;
  for (const region of regions()) {
    const value = region.code === '11' ? 60 : region.code === '84' ? 55 : 20 + k++;
    await record(region.code === '84' ? ars : admin, awareness, { value, denominator: 100, observedAt: '2025-12-31', territory: `region:${region.code}` });
  }
  // The ARS's own path: 30 % at the end of 2024, its own target 70 % by the end of 2026.
  await record(ars, awareness, { value: 30, denominator: 100, observedAt: '2024-12-31', territory: 'region:84' });
  await post(ars, `/api/v1/indicators/${awareness}/territorial-targets`, {
    territory: 'region:84',
    value: 70,
    dueDate: '2026-12-31',
    source: 'Feuille de route régionale',
  }).expect(201);

  // 4-2: three regions and three départements (two of them in Auvergne-Rhône-Alpes), and the nation.
  for (const [territory, value] of [
    ['region:84', 900],
    ['region:11', 1500],
    ['region:93', 700],
    ['departement:69', 400],
    ['departement:38', 200],
    ['departement:75', 300],
  ] as const) {
    await record(admin, mediators, { value, observedAt: '2025-12-31', territory });
  }
  await record(admin, mediators, { value: 5000, observedAt: '2025-12-31' });
  t.clock.set('2026-01-20T10:00:00.000Z');
  admin = await t.login();
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => t?.close());

describe('the regional report in HTML', () => {
  let html: string;
  let text: string;

  beforeAll(async () => {
    const { created, content } = await report({ scope: '84', format: 'html' });
    expect(created).toMatchObject({ kind: 'region', scope: '84', period: '2025-Q4', asOf: '2025-12-31', format: 'html', lang: 'fr' });
    html = content.toString('utf8');
    text = visible(html);
    writeFileSync(join(SHOTS, 'regional-report-84.html'), html);
  }, 60_000);

  it('is titled for its region and period', () => {
    expect(plain(html).includes('<title>Rapport régional · Auvergne-Rhône-Alpes · 4ᵉ trimestre 2025</title>')).toBe(true);
    expect(text).toContain('Rapport régional Auvergne-Rhône-Alpes 4ᵉ trimestre 2025');
  });

  it('gives the region’s value, its rank among the 18 regions, its gap to the national path and its own target', () => {
    // One row per indicator followed territory by territory, and the introduction counts them.
    const rows = /<table class="regional compact">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1].match(/<tr>/g)!.length;
    expect(rows).toBeGreaterThanOrEqual(10);
    expect(text).toContain(`Auvergne-Rhône-Alpes au 31 décembre 2025 : pour chacun des ${rows} indicateurs que la feuille de route suit par territoire`);
    expect(text).toContain('Valeur de la région 55 % (31 décembre 2025)');
    expect(text).toContain('Rang parmi les régions 2ᵉ sur 18 ');
    expect(text).toContain('Écart à la trajectoire nationale +15 points (trajectoire nationale attendue : 40 %)');
    expect(text).toContain('Cibles de la région 70 % · échéance 31 décembre 2026');
    expect(text).toContain('Statut au regard de ses cibles En bonne voie');
  });

  it('sets the national value recorded beside the one derived from the regions', () => {
    expect(text).toContain('Valeur nationale saisie 40 % (31 décembre 2025)');
    // (60 + 55 + 20 + … + 35) / 18, every region weighted by 100 establishments.
    expect(text).toContain(
      'Valeur nationale calculée à partir des régions 30,83 % — complète (18 régions sur 18) (moyenne des territoires pondérée par leur dénominateur)',
    );
    expect(text).toContain('partielle : 3 régions sur 18 ; sous-total des régions ayant une valeur : 3 100 (somme des territoires)');
    expect(text).toContain('2ᵉ sur 3 (régions ayant une valeur au 31 décembre 2025)');
    expect(text).toContain('sans objet');
  });

  it('lists the region’s départements only, with their values and ranks', () => {
    expect(text).toContain('Départements de la région');
    expect(text).toMatch(/Rhône 69 400 \(31 décembre 2025\) 1er sur 3 /);
    expect(text).toMatch(/Isère 38 200 \(31 décembre 2025\) 3ᵉ sur 3 /);
    expect(text).toMatch(/Ain 01 pas de valeur /);
    expect(html.includes('<th scope="row">Paris</th>')).toBe(false);
  });

  it('maps the regions by value with the region outlined, and the same data in a table', () => {
    expect(html.includes(`id="territory-map-region-${awareness}"`)).toBe(true);
    // The outline drawn over the map reuses the shapes of the region's départements, and only theirs.
    const map = html.slice(html.indexOf(`id="territory-map-region-${awareness}"`));
    const outline = map.slice(map.indexOf('class="territory-map__outline"'), map.indexOf('</svg>'));
    expect(outline.includes(`<use href="#region-${awareness}-d-69"/>`)).toBe(true);
    expect(outline.includes(`<use href="#region-${awareness}-d-75"/>`)).toBe(false);
    expect(text).toContain('Auvergne-Rhône-Alpes est entourée d’un trait rouge.');
    expect(text).toMatch(/Île-de-France 11 60 %/);
    expect(text).toContain('Fonds de carte');
  });

  it('shows the national milestones of its objectives, and says they are national', () => {
    expect(text).toContain('Les jalons de la feuille de route sont nationaux');
    expect(text).toContain('Jalons nationaux de ces objectifs');
  });

  it('has no English in the French report', () => {
    for (const english of ['Regional report', 'of 18', 'not applicable', 'National value', 'Region’s', 'Rank among', 'no value', 'outlined'])
      expect(text).not.toContain(english);
  });

  it('is in English with lang=en', async () => {
    const { content } = await report({ scope: '84', format: 'html', lang: 'en' });
    const en = visible(content.toString('utf8'));
    for (const words of [
      'Regional report Auvergne-Rhône-Alpes Q4 2025',
      'Rank among the regions 2nd of 18 ',
      'Gap to the national path +15 points (national path expects 40%)',
      'Region’s targets 70% · due 31 December 2026',
      'On track',
      'complete (18 of 18 regions)',
      'The roadmap’s milestones are national',
    ])
      expect(en).toContain(words);
    for (const french of ['Rapport régional', 'sur 18', 'Valeur de la région', 'sans objet']) expect(en).not.toContain(french);
  });
});

describe('the regional report in PDF', () => {
  it('prints the same report with its maps, read back with pdftotext; its pages are kept as PNG', async () => {
    const { created, content } = await report({ scope: '84', format: 'pdf' });
    expect(created).toMatchObject({ kind: 'region', scope: '84', format: 'pdf' });
    const file = join(SHOTS, 'regional-report-84.pdf');
    writeFileSync(file, content);
    const text = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).replace(/[ \t]+/g, ' ');
    for (const words of [
      'Rapport régional',
      'Auvergne-Rhône-Alpes',
      '4ᵉ trimestre 2025',
      '2ᵉ sur 18',
      '+15 points',
      'En bonne voie',
      'Rhône',
      'Fonds de carte',
    ]) {
      expect(text).toContain(words);
    }
    execFileSync('pdftoppm', ['-png', '-r', '70', file, join(SHOTS, 'page')]);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    // The maps are drawn, not only their tables: some page holds a middle and the darkest blue of the value classes.
    const coloured = Array.from({ length: pages }, (_, k) =>
      colourCounts(execFileSync('pdftoppm', ['-r', '40', '-f', String(k + 1), '-l', String(k + 1), file]), [VALUE_RAMP[2], VALUE_RAMP[4]]),
    );
    expect(coloured.some(([middle, dark]) => middle > 100 && dark > 100)).toBe(true);
  }, 120_000);
});

describe('ordering a regional report', () => {
  it('refuses an unknown region and a missing one, saying what a scope is (400)', async () => {
    const unknown = await post(admin, '/api/v1/reports', { kind: 'region', scope: '99', period: '2025-Q4', format: 'html' }).expect(400);
    expect(unknown.body.errors.map((e: { field: string; message: string }) => [e.field, plain(e.message)])).toEqual([
      ['scope', 'Périmètre : « 99 » n’est pas le code officiel d’une région (par exemple 84 pour Auvergne-Rhône-Alpes).'],
    ]);
    const missing = await post(admin, '/api/v1/reports', { kind: 'region', period: '2025-Q4', format: 'html' }).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'scope', code: 'report.scope_required' })]);
  });

  it('takes a region by its name too, and keeps every regional report in the archive', async () => {
    const byName = await post(admin, '/api/v1/reports', { kind: 'region', scope: 'bretagne', period: '2025-Q4', format: 'html' }).expect(201);
    expect(byName.body.scope).toBe('53');
    const archive = await request(t.http).get('/api/v1/reports?kind=region').set(auth(admin)).expect(200);
    expect(archive.body.map((r: { scope: string }) => r.scope)).toEqual(expect.arrayContaining(['84', '53']));
    expect(archive.body.every((r: { kind: string }) => r.kind === 'region')).toBe(true);
  });
});

/** How many pixels of a PPM (P6) image are within a small distance of each colour. */
function colourCounts(ppm: Buffer, colours: readonly string[]): number[] {
  const header = ppm.toString('latin1', 0, 50).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
  const targets = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const counts = colours.map(() => 0);
  for (let k = header[0].length; k + 2 < ppm.length; k += 3) {
    targets.forEach((c, n) => {
      if (Math.abs(ppm[k] - c[0]) + Math.abs(ppm[k + 1] - c[1]) + Math.abs(ppm[k + 2] - c[2]) < 30) counts[n] += 1;
    });
  }
  return counts;
}
