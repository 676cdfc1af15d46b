import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve } from '../support/browser';
import { tempDir } from '../support/temp';

/** Screenshots a person can look at after a run (gitignored). */
const SHOTS = resolve(__dirname, '../../test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const tmp = tempDir('fdr-web-');

let t: TestApp;
let url: string;
let browser: Browser;
const PASSWORD = 'a-long-enough-password';

async function createUser(email: string, role: string, bodies: string[] = []) {
  const admin = await t.login();
  await request(t.http)
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${admin}`)
    .send({ email, name: email.split('@')[0], password: PASSWORD, role, bodies })
    .expect(201);
}

async function signIn(email: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${url}/`);
  return { context, page };
}

// Charts are drawn once the page's fonts are loaded: wait for them before reading one.
const chartPoints = async (page: Page, indicatorId: number) => {
  await page.waitForFunction(() => document.body.dataset.chartsReady === 'true');
  return page.evaluate((id) => {
    const canvas = document.querySelector(`canvas[data-chart="indicator-${id}"]`) as HTMLCanvasElement;
    const chart = (window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => { data: { datasets: { data: { y: number }[] }[] } } } }).Chart.getChart(
      canvas,
    );
    return chart.data.datasets[0].data.map((p) => p.y);
  }, indicatorId);
};

let teleconsultation: number;

beforeAll(async () => {
  t = await startTestApp();
  url = await serve(t);
  browser = await launchChromium();
  await createUser('agent@cnam.fr', 'editor', ['CNAM']);
  await createUser('lecteur@dns.fr', 'viewer');
  const admin = await t.login();
  const o = await request(t.http).get('/api/v1/objectives/12-1').set('Authorization', `Bearer ${admin}`).expect(200);
  teleconsultation = o.body.indicators[0].id;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  tmp.cleanup();
});

describe('an editor of CNAM', () => {
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    ({ page, context } = await signIn('agent@cnam.fr'));
  }, 60_000);
  afterAll(async () => context.close());

  it('signs in with a session cookie that is HttpOnly and SameSite', async () => {
    const session = (await context.cookies()).find((c) => c.name === 'fdr_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await expect(page.getByRole('heading', { name: 'Tableau de bord', level: 1 })).toBeTruthy();
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
  });

  it('sees errors next to the field, with what was typed kept', async () => {
    await page.goto(`${url}/objectives/12-1`);
    const form = page.locator(`form:has(input[name="form"][value="record-${teleconsultation}"])`);
    await form.getByLabel('Valeur (%)').fill('150');
    await form.getByLabel('Date de la valeur (fin de période)').fill('2024-12-31');
    await form.getByLabel('Source').fill('Cnam, SNDS');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForLoadState('load');
    const error = page.locator(`#record-${teleconsultation}-value-error`);
    expect(await error.textContent()).toBe('C’est un pourcentage, saisissez un nombre entre 0 et 100.');
    expect(await page.locator(`#record-${teleconsultation}-value`).inputValue()).toBe('150');
    expect(await page.locator(`#record-${teleconsultation}-source`).inputValue()).toBe('Cnam, SNDS');
    expect(await page.locator(`#record-${teleconsultation}-value`).getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/objective-error.png`, fullPage: true });
  });

  it('records a value and sees the status and the chart change', async () => {
    expect(await page.locator(`#indicator-${teleconsultation} .fdr-status`).first().textContent()).toBe('Sans donnée');
    expect(await chartPoints(page, teleconsultation)).toEqual([]);
    const form = page.locator(`form:has(input[name="form"][value="record-${teleconsultation}"])`);
    await form.getByLabel('Valeur (%)').fill('18,5');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.getByRole('status').first().textContent()).toContain('Enregistré.');
    expect(await page.locator(`#indicator-${teleconsultation} .fdr-status`).first().textContent()).toBe('Tendance indéterminée'); // one value, no baseline: no trend yet
    expect(await chartPoints(page, teleconsultation)).toEqual([18.5]);
  });

  it('corrects the value with a reason; the history keeps both versions', async () => {
    const row = page.locator(`#indicator-${teleconsultation} tr[id^="measurement-"]`).first();
    await row.getByText('Corriger', { exact: true }).click();
    await row.getByLabel('Valeur', { exact: true }).fill('17');
    await row.getByLabel('Motif de la correction').fill('Chiffre consolidé par la Cnam');
    await row.getByRole('button', { name: 'Corriger cette valeur' }).click();
    await page.waitForURL(/saved=1/);
    const rows = page.locator(`#indicator-${teleconsultation} tr[id^="measurement-"]`);
    expect(await rows.count()).toBe(2);
    expect(await page.locator(`#indicator-${teleconsultation} tr.fdr-superseded`).count()).toBe(1);
    expect(await page.locator(`#indicator-${teleconsultation}`).textContent()).toContain('Chiffre consolidé par la Cnam');
    expect(await chartPoints(page, teleconsultation)).toEqual([17]);
    await page.screenshot({ path: `${SHOTS}/objective-corrected.png`, fullPage: true });
  });

  it('is offered no form on an objective its body has no part in', async () => {
    await page.goto(`${url}/objectives/15-4`);
    expect(await page.locator('form.fdr-entry').count()).toBe(0);
  });

  it('imports a CSV: the dry run shows the problem first, then a clean file is confirmed', async () => {
    const bad = tmp.path('bad.csv');
    writeFileSync(bad, `indicatorId;value;observedAt;source\n${teleconsultation};19;31/03/2025;Cnam\n${teleconsultation};abc;30/06/2025;Cnam\n`);
    await page.goto(`${url}/import`);
    await page.setInputFiles('#import-file', bad);
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('table').first().textContent()).toMatch(/3\s*Valeur\s*«\u00a0abc\u00a0» n’est pas un nombre/);
    expect(await page.getByRole('button', { name: "Confirmer l'import" }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/import-problems.png`, fullPage: true });

    const good = tmp.path('good.csv');
    writeFileSync(good, `indicatorId;value;observedAt;source\n${teleconsultation};19;31/03/2025;Cnam\n`);
    await page.setInputFiles('#import-file', good);
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').first().textContent()).toContain('1 valeur(s) prêtes');
    await page.getByRole('button', { name: "Confirmer l'import" }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').first().textContent()).toContain('1 valeur(s) importée(s).');
  });

  it('generates a report and downloads it', async () => {
    await page.goto(`${url}/reports`);
    await page.locator('#report-kind').selectOption('objective');
    await page.locator('#report-scopeObjective').selectOption('12-1');
    await page.locator('#report-period').selectOption('2025-Q2');
    await page.getByRole('button', { name: 'Générer le rapport' }).last().click();
    await page.waitForURL(/generated=/);
    expect(await page.getByRole('status').first().textContent()).toContain('Rapport généré.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[download]').first().click()]);
    expect(download.suggestedFilename()).toBe('rapport-objective-12-1-2025-Q2-2025-06-15.pdf');
    const file = tmp.path('report.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: `${SHOTS}/reports.png`, fullPage: true });
  }, 60_000);

  it('switches to English and back', async () => {
    await page.goto(`${url}/objectives/12-1`);
    // The roadmap's own texts follow the page's language; none needs a lang attribute of its own.
    expect(await page.locator('h1').textContent()).toContain('La télésanté dans les zones sous-denses');
    expect(await page.locator('main [lang]').count()).toBe(0);
    await page.getByRole('link', { name: 'English' }).first().click();
    await page.waitForLoadState('load');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { name: 'Indicators' }).count()).toBe(1);
    expect(await page.locator('h1').textContent()).toContain('Telehealth in low medical density areas');
    await page.goto(`${url}/`);
    expect(await page.getByRole('heading', { name: 'Dashboard', level: 1 }).count()).toBe(1);
    await page.getByRole('link', { name: 'Français' }).first().click();
    await page.waitForLoadState('load');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  });

  it('cannot post a form without its CSRF token', async () => {
    const res = await page.request.post(`${url}/objectives/12-1`, {
      form: { form: `record-${teleconsultation}`, value: '20', observedAt: '2025-03-31', source: 'x' },
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toMatch(/Le formulaire a expiré|The form expired/);
  });
});

describe('a viewer', () => {
  it('reads everything but is offered no entry form, no import', async () => {
    const { page, context } = await signIn('lecteur@dns.fr');
    await page.goto(`${url}/objectives/12-1`);
    expect(await page.locator('form.fdr-entry').count()).toBe(0);
    expect(await page.getByText('Enregistrer une valeur').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Import' }).count()).toBe(0);
    const res = await page.goto(`${url}/import`);
    expect(res!.status()).toBe(403);
    await page.goto(`${url}/reports`);
    expect(await page.getByRole('button', { name: 'Générer le rapport' }).count()).toBe(0);
    await context.close();
  });
});

describe('accessibility and layout', () => {
  const pages = ['/', '/roadmap', '/objectives/12-1', '/objectives/7-3', '/bodies', '/bodies/cnam', '/import', '/reports'];

  it('has no serious or critical axe-core violation on the sign-in page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it.each(pages)(
    'has no serious or critical axe-core violation, and no script or CSP error, on %s',
    async (path) => {
      const { page, context } = await signIn('agent@cnam.fr');
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(String(e)));
      const res = await page.goto(`${url}${path}`);
      expect(res!.headers()['content-security-policy']).toContain("script-src 'self';");
      await page.waitForFunction(() => document.body.dataset.chartsReady === 'true');
      expect(await page.evaluate(() => Number(document.body.dataset.chartsDrawn))).toBe(await page.locator('canvas[data-chart]').count());
      expect(problems).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
    60_000,
  );

  it.each(pages)(
    'fits a tablet (768 px) without sideways scrolling: %s',
    async (path) => {
      const { page, context } = await signIn('agent@cnam.fr', { width: 768, height: 1024 });
      await page.goto(`${url}${path}`);
      await page.waitForFunction(() => document.body.dataset.chartsReady === 'true');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      await page.screenshot({ path: `${SHOTS}/tablet${path.replace(/\//g, '_') || '_'}.png`, fullPage: true });
      await context.close();
    },
    60_000,
  );

  it('is usable with the keyboard: the skip link leads to the content', async () => {
    const { page, context } = await signIn('agent@cnam.fr');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#content');
    await context.close();
  });
});
