import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';
import { countRows } from '../support/db';

/**
 * What a person meets when a form is refused (summary at the top with the focus on it, values
 * kept, "Erreur :" title, a URL that reloads, space above buttons), and the report form (selects
 * with defaults, a status date inside the period, one archive per submitted form).
 */
const SHOTS = resolve(__dirname, '../../test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });

let t: TestApp;
let url: string;
let browser: Browser;
const PASSWORD = 'a-long-enough-password';
let teleconsultation: number;

/** A supertest agent signed in through the sign-in form, and the CSRF token of a page. */
async function webAgent(email: string, password = PASSWORD) {
  const agent = request.agent(t.http);
  const login = await agent.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
  await agent.post('/login').type('form').send({ _csrf: csrf, email, password }).expect(303);
  return agent;
}
const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

beforeAll(async () => {
  t = await startTestApp();
  url = await serve(t);
  browser = await launchChromium();
  const admin = await t.login();
  await request(t.http)
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${admin}`)
    .send({ email: 'agent@cnam.fr', name: 'Agent Cnam', password: PASSWORD, role: 'editor', bodies: ['CNAM'] })
    .expect(201);
  const o = await request(t.http).get('/api/v1/objectives/12-1').set('Authorization', `Bearer ${admin}`).expect(200);
  teleconsultation = o.body.indicators[0].id;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a refused form', () => {
  let page: Page;
  beforeAll(async () => (page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD, { landsOn: '/' })), 60_000);
  afterAll(async () => page.context().close());

  it('keeps what was typed, moves the focus to the error summary at the top, and says "Erreur :" in the title', async () => {
    await page.goto(`${url}/objectives/12-1`);
    const form = page.locator(`form:has(input[name="form"][value="record-${teleconsultation}"])`);
    await form.locator(`#record-${teleconsultation}-value`).fill('abc');
    await form.locator(`#record-${teleconsultation}-source`).fill('Cnam, SNDS');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForLoadState('load');

    expect(await page.title()).toMatch(/^Erreur\s:\s12-1 · /);
    const summary = page.locator('#error-summary');
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.locator('.fr-alert__title').textContent()).toBe('Le formulaire contient des erreurs');
    // Each error is a link to its field, named with the field's French label (value and date here).
    const links = summary.locator('a');
    expect([...new Set(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))]).toEqual([
      `#record-${teleconsultation}-value`,
      `#record-${teleconsultation}-observedAt`,
    ]);
    expect(await links.first().textContent()).toMatch(/^Valeur\u00a0: /);
    const dateLink = summary.locator(`a[href="#record-${teleconsultation}-observedAt"]`);
    expect(await dateLink.textContent()).toMatch(/^Date de la valeur\u00a0: /);
    // The summary sits above the page's heading.
    const [summaryTop, headingTop] = await Promise.all([summary.boundingBox(), page.locator('main h1').boundingBox()]);
    expect(summaryTop!.y).toBeLessThan(headingTop!.y);
    // What was typed is kept, and each field shows its own error.
    expect(await page.locator(`#record-${teleconsultation}-value`).inputValue()).toBe('abc');
    expect(await page.locator(`#record-${teleconsultation}-source`).inputValue()).toBe('Cnam, SNDS');
    expect(await page.locator(`#record-${teleconsultation}-value`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#record-${teleconsultation}-value-error`).isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/form-error-summary.png` });

    await dateLink.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`record-${teleconsultation}-observedAt`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('leaves an address that reloads the page', async () => {
    expect(new URL(page.url()).pathname).toBe('/objectives/12-1');
    const res = await page.goto(page.url());
    expect(res!.status()).toBe(200);
    expect(await page.title()).toMatch(/^12-1 · /);
  });

  it('puts space between the last field and the button', async () => {
    await page.goto(`${url}/objectives/12-1`);
    const form = page.locator(`form:has(input[name="form"][value="record-${teleconsultation}"])`);
    const comment = await form.locator(`#record-${teleconsultation}-comment`).boundingBox();
    const button = await form.getByRole('button', { name: 'Enregistrer' }).boundingBox();
    expect(button!.y - (comment!.y + comment!.height)).toBeGreaterThanOrEqual(16);
  });

  it('says "Error:" in English', async () => {
    await page.goto(`${url}/objectives/12-1?lang=en`);
    const form = page.locator(`form:has(input[name="form"][value="record-${teleconsultation}"])`);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Error: 12-1 · /);
    expect(await page.locator('#error-summary .fr-alert__title').textContent()).toBe('The form has errors');
    await page.goto(`${url}/objectives/12-1?lang=fr`);
  });

  it('opens the correction form again with its errors and the reason kept', async () => {
    const admin = await t.login();
    await request(t.http)
      .post(`/api/v1/indicators/${teleconsultation}/measurements`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ value: 10, observedAt: '2024-12-31', source: 'Cnam' })
      .expect(201);
    await page.goto(`${url}/objectives/12-1`);
    const row = page.locator(`#indicator-${teleconsultation} tr[id^="measurement-"]`).first();
    await row.getByText('Corriger', { exact: true }).click();
    await row.getByLabel('Valeur', { exact: true }).fill('101');
    await row.getByLabel('Motif de la correction').fill('Chiffre révisé');
    await row.getByRole('button', { name: 'Corriger cette valeur' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur\s:\s/);
    const input = page.locator('input[id^="correct-"][id$="-reason"]');
    expect(await input.inputValue()).toBe('Chiffre révisé');
    expect(await input.isVisible()).toBe(true);
  });

  it('shows a refused import in the summary, which leads to the problems', async () => {
    await page.goto(`${url}/import`);
    await page.setInputFiles('#import-file', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`indicatorId;value;observedAt;source\n${teleconsultation};abc;30/06/2025;Cnam\n`),
    });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur\s:\s/);
    expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#import-problems');
    expect(new URL(page.url()).pathname).toBe('/import');
    expect((await page.goto(page.url()))!.status()).toBe(200);
  });
});

describe('the report form', () => {
  let page: Page;
  beforeAll(async () => (page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD, { landsOn: '/' })), 60_000);
  afterAll(async () => page.context().close());

  it('offers selects: the current quarter and, for an editor, their body by default', async () => {
    await page.goto(`${url}/reports`);
    // The test clock is 15 June 2025.
    expect(await page.locator('#report-period').inputValue()).toBe('2025-Q2');
    expect(await page.locator('#report-period option:checked').textContent()).toMatch(/^2.{1,2} trimestre 2025$/);
    expect(await page.locator('#report-period option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).toContain('2023-Q1');
    expect(await page.locator('#report-period option[value="2025-Q3"]').count()).toBe(0); // not begun yet
    expect(await page.locator('#report-kind').inputValue()).toBe('body');
    expect(await page.locator('#report-scopeBody').inputValue()).toBe('CNAM');
    expect(await page.locator('#report-lang').inputValue()).toBe('fr');
    // Only the scope list of the chosen kind is shown.
    expect(await page.locator('#report-scopeBody').isVisible()).toBe(true);
    expect(await page.locator('#report-scopeObjective').isVisible()).toBe(false);
    await page.locator('#report-kind').selectOption('objective');
    expect(await page.locator('#report-scopeObjective').isVisible()).toBe(true);
    expect(await page.locator('#report-scopeBody').isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/report-form.png` });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses a status date outside the chosen period, on the field, keeping the choices', async () => {
    await page.goto(`${url}/reports`);
    await page.locator('#report-period').selectOption('2025-Q1');
    await page.locator('#report-asOf').fill('2025-05-10');
    await page.locator('#report-format').selectOption('html');
    const before = await countRows(t.database, 'reports');
    await page.getByRole('button', { name: 'Générer le rapport' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur\s:\sRapports/);
    expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#report-asOf');
    // The end of the period, as a date ("31 mars 2025" once messages are in French).
    expect(await page.locator('#report-asOf-error').textContent()).toMatch(/31 mars 2025|2025-03-31/);
    expect(await page.locator('#report-period').inputValue()).toBe('2025-Q1');
    expect(await page.locator('#report-asOf').inputValue()).toBe('2025-05-10');
    expect(await page.locator('#report-format').inputValue()).toBe('html');
    expect(await countRows(t.database, 'reports')).toBe(before);
    await page.screenshot({ path: `${SHOTS}/report-form-error.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('archives one report for a double click, the button busy meanwhile', async () => {
    await page.goto(`${url}/reports`);
    await page.locator('#report-format').selectOption('html');
    const before = await countRows(t.database, 'reports');
    const button = page.getByRole('button', { name: 'Générer le rapport' });
    await button.dblclick();
    // The first click sent the form; the button is disabled and busy until the answer.
    await page.waitForURL(/generated=/);
    expect(await countRows(t.database, 'reports')).toBe(before + 1);
    expect(await page.getByRole('status').first().textContent()).toContain('Rapport généré.');
  });

  it('marks the button busy (aria-busy, disabled) once the form is sent', async () => {
    await page.goto(`${url}/reports`);
    // Keep the page from leaving, to look at it just after the submit.
    await page.evaluate(() => document.querySelector('form[data-busy-form]')!.addEventListener('submit', (e) => e.preventDefault()));
    const button = page.getByRole('button', { name: 'Générer le rapport' });
    expect(await button.getAttribute('aria-busy')).toBeNull();
    await button.click();
    await page.waitForFunction(() => document.querySelector('form[data-busy-form] button[type="submit"]')?.getAttribute('aria-busy') === 'true');
    expect(await page.locator('form[data-busy-form] button[type="submit"]').isDisabled()).toBe(true);
    expect(await page.locator('form[data-busy-form] button[type="submit"]').textContent()).toBe('Traitement en cours…');
  });
});

describe('the report POST', () => {
  it('is idempotent: the same form key twice gives one archive row and the same report', async () => {
    const agent = await webAgent('agent@cnam.fr');
    const form = await agent.get('/reports').expect(200);
    const body = {
      _csrf: field(form.text, '_csrf')!,
      formKey: field(form.text, 'formKey')!,
      kind: 'objective',
      scopeObjective: '12-1',
      period: '2025-Q2',
      format: 'html',
      lang: 'fr',
    };
    expect(body.formKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const before = await countRows(t.database, 'reports');
    // Two at once (a double click), then a third later (a resent form).
    const [a, b] = await Promise.all([agent.post('/reports').type('form').send(body), agent.post('/reports').type('form').send(body)]);
    const c = await agent.post('/reports').type('form').send(body);
    expect([a.status, b.status, c.status]).toEqual([303, 303, 303]);
    expect(b.headers.location).toBe(a.headers.location);
    expect(c.headers.location).toBe(a.headers.location);
    expect(await countRows(t.database, 'reports')).toBe(before + 1);
    // A new form (a new key) makes a new report.
    const again = await agent.get('/reports');
    expect(field(again.text, 'formKey')).not.toBe(body.formKey);
    await agent
      .post('/reports')
      .type('form')
      .send({ ...body, _csrf: field(again.text, '_csrf'), formKey: field(again.text, 'formKey') })
      .expect(303);
    expect(await countRows(t.database, 'reports')).toBe(before + 2);
  }, 60_000);

  it('keeps the key of a refused form, and the corrected form then archives once', async () => {
    const agent = await webAgent('agent@cnam.fr');
    const form = await agent.get('/reports');
    const body = {
      _csrf: field(form.text, '_csrf')!,
      formKey: field(form.text, 'formKey')!,
      kind: 'body',
      scopeBody: 'CNAM',
      period: '2025-Q1',
      asOf: '2025-06-01',
      format: 'html',
      lang: 'fr',
    };
    const before = await countRows(t.database, 'reports');
    const refused = await agent.post('/reports').type('form').send(body).expect(400);
    expect(field(refused.text, 'formKey')).toBe(body.formKey);
    expect(refused.text).toContain('id="report-asOf-error"');
    await agent
      .post('/reports')
      .type('form')
      .send({ ...body, asOf: '2025-03-31' })
      .expect(303);
    await agent
      .post('/reports')
      .type('form')
      .send({ ...body, asOf: '2025-03-31' })
      .expect(303);
    expect(await countRows(t.database, 'reports')).toBe(before + 1);
  }, 60_000);

  it('refuses a status date outside the period through the API too', async () => {
    const admin = await t.login();
    const res = await request(t.http)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${admin}`)
      .send({ kind: 'roadmap', period: '2025-Q1', asOf: '2025-04-01', format: 'html' })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
  });
});
