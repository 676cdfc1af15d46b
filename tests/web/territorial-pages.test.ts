import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { STATUS_COLORS } from '@app/presentation';
import { departementsOfRegion, regions, VALUE_RAMP } from '@app/territories';
import { ADMIN, startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';
import { objectiveIds } from '../support/roadmap';

/**
 * The staff pages' territorial parts in real Chromium, on the run's engine: the objective page's "Par
 * territoire" block (maps coloured by value or by the territories' own targets' status, their tables,
 * the ranking, the national value derived beside the recorded one), the value form's territory and
 * denominator for a national editor and for an ARS editor limited to its region, and the dashboard's
 * region filter. Values are recorded through the API, as an ARS's tool would.
 */
const SHOTS = resolve(__dirname, '../../test-results/screenshots/territories-web');
mkdirSync(SHOTS, { recursive: true });
const ARS = { email: 'ars-ara@test.local', password: 'ars-ara-password-123' };
const NBSP = '\u00a0';

let t: TestApp;
let url: string;
let browser: Browser;
let admin: string;
let mediators: number; // 4-2: a count by region and département, national = sum (DNS leads)
let awareness: number; // 4-1: a percentage by region, national = weighted mean (DNS leads)

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const record = (indicator: number, body: object) =>
  request(t.http)
    .post(`/api/v1/indicators/${indicator}/measurements`)
    .set(auth(admin))
    .send({ source: 'ARS, tableau de suivi', ...body })
    .expect(201);
/** French typography's non-breaking spaces, read as plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
/** The 12 regions that reported mediators on 31 March 2025 (24 … 94, Auvergne-Rhône-Alpes among them), valued 10, 20 … 120 in code order. */
const REPORTING = regions().slice(6);

beforeAll(async () => {
  t = await startTestApp();
  url = await serve(t);
  admin = await t.login();
  mediators = (await objectiveIds(t, admin, '4-2')).indicators[0];
  awareness = (await objectiveIds(t, admin, '4-1')).indicators[0];
  await request(t.http)
    .post('/api/v1/users')
    .set(auth(admin))
    .send({ ...ARS, name: 'ARS Auvergne-Rhône-Alpes', role: 'editor', bodies: ['DNS'], territory: 'region:84' })
    .expect(201);
  for (const [k, region] of REPORTING.entries()) await record(mediators, { value: 10 * (k + 1), observedAt: '2025-03-31', territory: `region:${region.code}` });
  await record(mediators, { value: 3000, observedAt: '2025-03-31' });
  for (const [code, value] of [
    ['69', 40],
    ['2A', 5],
    ['971', 12],
  ] as const)
    await record(mediators, { value, observedAt: '2025-03-31', territory: `departement:${code}` });
  // 4-1: three regions with their denominators.
  for (const [code, value, denominator] of [
    ['84', 50, 400],
    ['11', 30, 600],
    ['93', 40, 200],
  ] as const)
    await record(awareness, { value, denominator, observedAt: '2025-03-31', territory: `region:${code}` });
  await record(awareness, { value: 20, denominator: 400, observedAt: '2024-12-31', territory: 'region:84' });
  // National values, so the national path has an expected value and rates have a gap to it.
  await record(awareness, { value: 10, observedAt: '2024-06-30' });
  await record(awareness, { value: 35, observedAt: '2025-03-31' });
  // The Rhône sets its own target for mediators, with two values to give it a trend.
  await record(mediators, { value: 20, observedAt: '2024-12-31', territory: 'departement:69' });
  await request(t.http)
    .post(`/api/v1/indicators/${mediators}/territorial-targets`)
    .set(auth(admin))
    .send({ territory: 'departement:69', value: 80, dueDate: '2026-12-31' })
    .expect(201);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What Chromium drew of a map: each shape's département code and computed fill. */
async function fills(page: Page, mapId: string): Promise<Map<string, string>> {
  const shapes = await page
    .locator(`#territory-map-${mapId} svg.territory-map__svg path[data-code]`)
    .evaluateAll((paths) => paths.map((p) => [p.getAttribute('data-code')!, getComputedStyle(p).fill] as const));
  return new Map(shapes);
}
const cells = (page: Page, selector: string) =>
  page.locator(`${selector} tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (c) => c.textContent!.trim())));

describe('the objective page, by territory (national editor)', () => {
  let page: Page;
  beforeAll(async () => (page = await signIn(browser, url, ADMIN.email, ADMIN.password, { landsOn: '/' })), 60_000);
  afterAll(async () => page.context().close());

  it('maps the regions by value beside their table, ranks them, and says the derived national value is partial', async () => {
    await page.goto(`${url}/objectives/4-2`);
    const block = page.locator(`#territories-${mediators}`);
    expect(await block.locator('h4').textContent()).toBe('Par territoire');
    const regionMap = `map-${mediators}-region`;
    const drawn = await fills(page, regionMap);
    expect(drawn.size).toBe(101);
    // Every département of a reporting region takes a colour of the ramp; the others are hatched "no data".
    const reporting = new Set(REPORTING.flatMap((r) => departementsOfRegion(r.code).map((d) => d.code)));
    for (const [code, fill] of drawn) {
      if (reporting.has(code)) expect(VALUE_RAMP.map(rgb)).toContain(fill);
      else expect(fill).toBe(`url("#${regionMap}-nd")`);
    }
    // The largest value takes the darkest class.
    const last = REPORTING[11];
    expect(drawn.get(departementsOfRegion(last.code)[0].code)).toBe(rgb(VALUE_RAMP[4]));
    // The map's table: the 18 regions, "pas de donnée" where none reported.
    const table = await cells(page, `#territory-map-${regionMap}`);
    expect(table).toHaveLength(18);
    expect(table.find((row) => row[1] === REPORTING[0].code)!.slice(0, 3)).toEqual([REPORTING[0].name, REPORTING[0].code, '10']);
    expect(table.filter((row) => row[2] === 'pas de donnée')).toHaveLength(6);
    // The ranking: 12 regions, the largest first, with the date of each value.
    const ranking = await cells(page, `#ranking-${regionMap}`);
    expect(ranking).toHaveLength(12);
    expect(ranking[0]).toEqual(['1', `${last.name} (${last.code})`, '120', '31 mars 2025']);
    expect(ranking.map((row) => row[0])).toEqual(Array.from({ length: 12 }, (_, k) => String(k + 1)));
    // The national value derived from the regions (partial) beside the recorded one.
    const national = (await page.locator(`#national-${regionMap} li`).allTextContents()).map((s) => s.trim());
    expect(national).toEqual([
      `Valeur nationale dérivée des régions${NBSP}: partielle${NBSP}: 12 régions sur 18 (sous-total des territoires ayant répondu${NBSP}: 780)`,
      `Valeur nationale saisie${NBSP}: 3${'\u202f'}000 (31 mars 2025)`,
    ]);
    // The départements' map too, with its three départements.
    const departementMap = `map-${mediators}-departement`;
    const byDepartement = await fills(page, departementMap);
    expect(
      [...byDepartement]
        .filter(([, fill]) => !fill.startsWith('url('))
        .map(([code]) => code)
        .sort(),
    ).toEqual(['2A', '69', '971']);
    expect(await page.locator(`#national-${departementMap} li`).first().textContent()).toContain(`partielle${NBSP}: 3 départements sur 101`);
    expect(await axeViolations(page)).toEqual([]);
    await block.screenshot({ path: `${SHOTS}/objective-4-2-by-territory-fr.png` });
  });

  it('shows a rate’s ranking with the gap to the national path, and its weighted national value as partial', async () => {
    await page.goto(`${url}/objectives/4-1`);
    const mapId = `map-${awareness}-region`;
    const drawn = await fills(page, mapId);
    expect(VALUE_RAMP.map(rgb)).toContain(drawn.get('69')); // Auvergne-Rhône-Alpes
    expect(drawn.get('33')).toBe(`url("#${mapId}-nd")`); // Nouvelle-Aquitaine: no value
    const ranking = await cells(page, `#ranking-${mapId}`);
    expect(ranking.map((row) => row.slice(0, 3))).toEqual([
      ['1', 'Auvergne-Rhône-Alpes (84)', `50${'\u202f'}%`],
      ['2', "Provence-Alpes-Côte d'Azur (93)", `40${'\u202f'}%`],
      ['3', 'Île-de-France (11)', `30${'\u202f'}%`],
    ]);
    const headers = await page.locator(`#ranking-${mapId} thead th`).allTextContents();
    expect(headers).toEqual(['Rang', 'Territoire', 'Valeur', 'Date de la valeur', 'Écart à la trajectoire nationale']);
    // Each gap is the value minus the same expected national value: 10 points between the first two.
    const gaps = ranking.map((row) =>
      Number(
        plain(row[4])
          .replace('−', '-')
          .replace(',', '.')
          .replace(/ points?$/, ''),
      ),
    );
    expect(gaps[0] - gaps[1]).toBeCloseTo(10, 6);
    expect(gaps[1] - gaps[2]).toBeCloseTo(10, 6);
    // 50 × 400 + 30 × 600 + 40 × 200 over 1 200: 38.33 %, from 3 of the 18 regions.
    expect(await page.locator(`#national-${mapId} li`).first().textContent()).toMatch(
      new RegExp(`partielle${NBSP}: 3 régions sur 18 \\(sous-total des territoires ayant répondu${NBSP}: 38,3`),
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`#territories-${awareness}`).screenshot({ path: `${SHOTS}/objective-4-1-rate-fr.png` });
  });

  it('colours a level by the status toward the territories’ own targets where they set some', async () => {
    await page.goto(`${url}/objectives/4-2`);
    const mapId = `map-${mediators}-departement`;
    const drawn = await fills(page, mapId);
    expect(Object.values(STATUS_COLORS).map((c) => rgb(c.background))).toContain(drawn.get('69')); // the Rhône, with its own target
    expect(drawn.get('2A')).toBe(rgb('#bfbfbf')); // a value, no target of its own
    expect(drawn.get('971')).toBe(rgb('#bfbfbf'));
    expect(drawn.get('13')).toBe(`url("#${mapId}-nd")`); // no value
    const legend = await page.locator(`#territory-map-${mapId} .territory-map__legend li`).allTextContents();
    expect(legend.slice(-2)).toEqual(['sans cible propre', 'pas de donnée']);
    const headers = await page.locator(`#ranking-${mapId} thead th`).allTextContents();
    expect(headers).toEqual(['Rang', 'Territoire', 'Valeur', 'Date de la valeur', 'Cibles propres', 'Statut (cibles propres)']);
    const ranking = await cells(page, `#ranking-${mapId}`);
    expect(ranking.map((row) => row.slice(0, 2))).toEqual([
      ['1', 'Rhône (69)'],
      ['2', 'Guadeloupe (971)'],
      ['3', 'Corse-du-Sud (2A)'],
    ]);
    expect(ranking[0][4]).toBe('80 (31 décembre 2026)');
    expect(ranking[0][5]).not.toBe('–');
    expect(ranking[1].slice(4)).toEqual(['–', '–']);
    // The region map of the same indicator stays coloured by value: no region set a target.
    expect(VALUE_RAMP.map(rgb)).toContain((await fills(page, `map-${mediators}-region`)).get('69'));
    await page.locator(`#territory-map-${mapId}`).screenshot({ path: `${SHOTS}/objective-4-2-departements-by-status-fr.png` });
  });

  it('offers national, regions and départements in the value form, and asks a weighted rate for its denominator on its field', async () => {
    await page.goto(`${url}/objectives/4-2`);
    const select = page.locator(`#record-${mediators}-territory`);
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toHaveLength(1 + 18 + 101);
    expect(options[0]).toBe('');
    expect(await page.locator(`#record-${mediators}-denominator`).count()).toBe(0); // a sum has none
    await page.goto(`${url}/objectives/4-1`);
    const rate = page.locator(`#record-${awareness}-territory option`);
    expect(await rate.count()).toBe(1 + 18); // recorded by region only
    const form = page.locator(`form:has(input[name="form"][value="record-${awareness}"])`);
    await form.locator(`#record-${awareness}-territory`).selectOption('region:84');
    await form.locator(`#record-${awareness}-value`).fill('55');
    await form.locator(`#record-${awareness}-observedAt`).fill('2025-04-30');
    await form.locator(`#record-${awareness}-source`).fill('ARS ARA');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur/);
    const error = page.locator(`#record-${awareness}-denominator-error`);
    expect(plain((await error.textContent())!)).toContain('donnez pour Auvergne-Rhône-Alpes (84) le dénominateur');
    expect(await page.locator(`#record-${awareness}-territory`).inputValue()).toBe('region:84'); // the choice is kept
    await page.locator(`#record-${awareness}-denominator`).fill('410');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/saved=1/);
    const history = await request(t.http).get(`/api/v1/indicators/${awareness}/history`).set(auth(admin)).expect(200);
    expect(history.body.measurements).toContainEqual(
      expect.objectContaining({ value: 55, denominator: 410, territoryLevel: 'region', territoryCode: '84', observedAt: '2025-04-30' }),
    );
  });

  it('says it all in English too', async () => {
    await page.goto(`${url}/objectives/4-2?lang=en`);
    expect(await page.locator(`#territories-${mediators} h4`).textContent()).toBe('By territory');
    expect(await page.locator(`#national-map-${mediators}-region li`).allTextContents()).toEqual([
      'National value derived from the regions: partial: 12 of 18 regions (subtotal of the territories that reported: 780)',
      'National value recorded: 3,000 (31 March 2025)',
    ]);
    expect(await page.locator(`#ranking-map-${mediators}-region thead th`).allTextContents()).toEqual(['Rank', 'Territory', 'Value', 'Date of the value']);
    expect(await page.locator(`#record-${mediators}-territory option`).first().textContent()).toBe('National value');
    expect(await page.locator(`#record-${mediators}-territory optgroup`).evaluateAll((gs) => gs.map((g) => g.getAttribute('label')))).toEqual([
      'Regions',
      'Départements',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`#territories-${mediators}`).screenshot({ path: `${SHOTS}/objective-4-2-by-territory-en.png` });
    await page.goto(`${url}/?lang=fr`); // the language is remembered: back to French for the next pages
  });
});

describe('an ARS editor limited to Auvergne-Rhône-Alpes', () => {
  let page: Page;
  beforeAll(async () => (page = await signIn(browser, url, ARS.email, ARS.password, { landsOn: '/' })), 60_000);
  afterAll(async () => page.context().close());

  it('is offered its region and its départements only, no national value, and records for one of them', async () => {
    await page.goto(`${url}/objectives/4-2`);
    const select = page.locator(`#record-${mediators}-territory`);
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['region:84', ...departementsOfRegion('84').map((d) => `departement:${d.code}`)]);
    expect(await select.inputValue()).toBe('region:84');
    // Milestones and national corrections are national: no form for them.
    expect(await page.locator('form:has(input[name="form"][value^="milestone-"])').count()).toBe(0);
    expect(await page.locator('form:has(input[name="form"][value^="correct-"])').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`form:has(input[name="form"][value="record-${mediators}"])`).screenshot({ path: `${SHOTS}/form-ars-fr.png` });
    await select.selectOption('departement:38');
    await page.locator(`#record-${mediators}-value`).fill('17');
    await page.locator(`#record-${mediators}-observedAt`).fill('2025-04-30');
    await page.locator(`#record-${mediators}-source`).fill('ARS ARA, tableau de suivi');
    await page.locator(`form:has(input[name="form"][value="record-${mediators}"])`).getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/saved=1/);
    const history = await request(t.http).get(`/api/v1/indicators/${mediators}/history`).set(auth(admin)).expect(200);
    expect(history.body.measurements).toContainEqual(
      expect.objectContaining({
        value: 17,
        territoryLevel: 'departement',
        territoryCode: '38',
        observedAt: '2025-04-30',
        recordedByName: 'ARS Auvergne-Rhône-Alpes',
      }),
    );
  });

  it('is refused a territory outside its region with the French message, on the form', async () => {
    await page.goto(`${url}/objectives/4-2`);
    const form = page.locator(`form:has(input[name="form"][value="record-${mediators}"])`);
    // A forged choice: the page never offers it, the server still says no.
    await form.locator(`#record-${mediators}-territory`).evaluate((select) => {
      const option = document.createElement('option');
      option.value = 'region:93';
      option.textContent = "Provence-Alpes-Côte d'Azur (93)";
      select.appendChild(option);
    });
    await form.locator(`#record-${mediators}-territory`).selectOption('region:93');
    await form.locator(`#record-${mediators}-value`).fill('9');
    await form.locator(`#record-${mediators}-observedAt`).fill('2025-04-30');
    await form.locator(`#record-${mediators}-source`).fill('ARS ARA');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Enregistrer' }).click(),
    ]);
    expect(response.status()).toBe(403);
    await page.waitForLoadState('load');
    const alert = page.locator(`form:has(input[name="form"][value="record-${mediators}"]) .fr-alert--error`);
    expect(plain((await alert.textContent())!.trim())).toBe(
      "Vous saisissez pour le territoire Auvergne-Rhône-Alpes (84) : Provence-Alpes-Côte d'Azur (93) n’en fait pas partie.",
    );
    await page.locator(`form:has(input[name="form"][value="record-${mediators}"])`).screenshot({ path: `${SHOTS}/form-ars-refused-fr.png` });
  });

  it('is told why it has no value form on a national-only indicator', async () => {
    await page.goto(`${url}/objectives/1-1`);
    expect(await page.locator('form:has(input[name="form"][value^="record-"])').count()).toBe(0);
    expect(await page.locator('#main, main').first().textContent()).toContain(
      `Vous saisissez pour le territoire Auvergne-Rhône-Alpes (84)${NBSP}: cet indicateur se saisit au niveau national seulement, par un rédacteur national.`,
    );
  });
});

describe('the dashboard’s region filter', () => {
  let page: Page;
  beforeAll(async () => (page = await signIn(browser, url, ADMIN.email, ADMIN.password, { landsOn: '/' })), 60_000);
  afterAll(async () => page.context().close());

  it('offers the 18 regions and shows the chosen region’s values beside the national ones', async () => {
    await page.goto(url);
    const options = await page.locator('#region option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['', ...regions().map((r) => r.code)]);
    await page.locator('#region').selectOption('84');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/region=84/);
    expect(await page.locator('#region-title').textContent()).toBe(`Indicateurs territoriaux${NBSP}: Auvergne-Rhône-Alpes (84)`);
    const rows = await cells(page, '#region-values');
    const row42 = rows.find((r) => r[0] === '4-2')!;
    const ara = REPORTING.findIndex((r) => r.code === '84');
    expect(row42[2]).toBe(`${10 * (ara + 1)} (31 mars 2025)`);
    expect(row42[3]).toBe(`${12 - ara} sur 12`);
    expect(row42[row42.length - 2]).toBe(`3${'\u202f'}000 (31 mars 2025)`);
    expect(rows.find((r) => r[0] === '4-1')![2]).toBe(`55${'\u202f'}% (30 avril 2025)`);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#region-values').screenshot({ path: `${SHOTS}/dashboard-region-84-fr.png` });
  });

  it('refuses a code that is not a region', async () => {
    const res = await page.goto(`${url}/?region=99`);
    expect(res!.status()).toBe(400);
  });
});
