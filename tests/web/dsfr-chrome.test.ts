import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';

/**
 * The DSFR chrome every page shares (header with the ministry, footer with the legal links,
 * breadcrumb, display settings), the legal pages, the error pages in the layout, and what people
 * read in French: Paris times, periods, plurals. Screenshots of every page in both themes.
 */
const SHOTS = resolve(__dirname, '../../test-results/screenshots/chrome');
mkdirSync(SHOTS, { recursive: true });
const NBSP = '\u00a0';
const PASSWORD = 'a-long-enough-password';
// The clock of this app: 05:55 UTC, i.e. 06:55 in Paris (winter time).
const NOW = '2026-11-24T05:55:00.000Z';

let t: TestApp;
let url: string;
let browser: Browser;
let teleconsultation: number;
let oneObjectiveBody: string;

beforeAll(async () => {
  t = await startTestApp({
    now: NOW,
    env: { MINISTRY_NAME: 'Ministère|de la Santé|et de l’Accès|aux soins', CONTACT_EMAIL: 'feuille-de-route@sante.gouv.fr' },
  });
  url = await serve(t);
  browser = await launchChromium();
  const admin = await t.login();
  for (const [email, role, bodies] of [
    ['agent@cnam.fr', 'editor', ['CNAM']],
    ['lecteur@dns.fr', 'viewer', []],
  ] as const) {
    await request(t.http)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ email, name: email.split('@')[0], password: PASSWORD, role, bodies })
      .expect(201);
  }
  const o = await request(t.http).get('/api/v1/objectives/12-1').set('Authorization', `Bearer ${admin}`).expect(200);
  teleconsultation = o.body.indicators[0].id;
  // Recorded now: at 05:55 UTC, which people in Paris read as 06 h 55.
  await request(t.http)
    .post(`/api/v1/indicators/${teleconsultation}/measurements`)
    .set('Authorization', `Bearer ${admin}`)
    .send({ value: 21, observedAt: '2026-09-30', source: 'Cnam' })
    .expect(201);
  // A report archived now: the archive shows when, in Paris time, and its period in words.
  await request(t.http)
    .post('/api/v1/reports')
    .set('Authorization', `Bearer ${admin}`)
    .send({ kind: 'roadmap', period: '2026-Q3', format: 'html' })
    .expect(201);
  const bodies = await request(t.http).get('/api/v1/bodies').set('Authorization', `Bearer ${admin}`).expect(200);
  const one = (bodies.body as { acronym: string; leads: number; contributesTo: number }[]).find((b) => b.leads + b.contributesTo === 1);
  if (!one) throw new Error('the roadmap has no body with exactly one objective');
  oneObjectiveBody = one.acronym;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const SIGNED_IN_PAGES = ['/', '/roadmap', '/objectives/12-1', '/bodies', '/bodies/cnam', '/import', '/reports'];
const PUBLIC_PAGES = ['/accessibilite', '/mentions-legales', '/donnees-personnelles', '/plan-du-site', '/login'];
const shot = (path: string, suffix: string) => `${SHOTS}/${(path.replace(/[/?=&]/g, '_') || '_').replace(/^_/, '') || 'dashboard'}-${suffix}.png`;

describe('the DSFR header and footer', () => {
  let page: Page;
  beforeAll(async () => (page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD, { landsOn: '/' })), 60_000);
  afterAll(async () => page.context().close());

  it('names the ministry in the Marianne block (lines as set by MINISTRY_NAME), then the service and its tagline', async () => {
    const logo = page.locator('.fr-header .fr-header__logo .fr-logo');
    expect(await logo.innerHTML()).toBe('Ministère<br>de la Santé<br>et de l’Accès<br>aux soins');
    expect(await page.locator('.fr-header__service-title').textContent()).toBe('Feuille de route');
    expect(await page.locator('.fr-header__service-tagline').textContent()).toContain('numérique en santé');
    const tools = page.locator('.fr-header__tools-links');
    expect(await tools.getByRole('button', { name: 'Paramètres d’affichage' }).count()).toBe(1);
    expect(await tools.getByRole('link', { name: 'English' }).count()).toBe(1);
    expect(await tools.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);
    expect(await page.locator('#navigation .fr-nav__link').allTextContents()).toEqual(
      expect.arrayContaining(['Tableau de bord', 'Feuille de route', 'Organismes', 'Import', 'Rapports']),
    );
  });

  it('has the footer every State site carries', async () => {
    const footer = page.locator('footer.fr-footer');
    expect(await footer.locator('.fr-logo').innerHTML()).toBe('Ministère<br>de la Santé<br>et de l’Accès<br>aux soins');
    const content = await footer.locator('.fr-footer__content-link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(content).toEqual(['https://www.info.gouv.fr/', 'https://www.service-public.fr/', 'https://www.legifrance.gouv.fr/', 'https://www.data.gouv.fr/']);
    const bottom = await footer.locator('a.fr-footer__bottom-link').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(bottom).toEqual([
      ['Plan du site', '/plan-du-site'],
      [`Accessibilité${NBSP}: non conforme`, '/accessibilite'],
      ['Mentions légales', '/mentions-legales'],
      ['Données personnelles', '/donnees-personnelles'],
    ]);
    expect(await footer.getByRole('button', { name: 'Paramètres d’affichage' }).count()).toBe(1);
  });

  it('shows "Se connecter" and no sign-out to someone not signed in', async () => {
    const anonymous = await browser.newPage();
    await anonymous.goto(`${url}/mentions-legales`);
    expect(await anonymous.locator('.fr-header__tools-links').getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
    expect(await anonymous.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);
    await anonymous.close();
  });
});

describe('the legal pages', () => {
  it.each([
    ['/accessibilite', 'Déclaration d’accessibilité', 'Accessibility statement'],
    ['/mentions-legales', 'Mentions légales', 'Legal notice'],
    ['/donnees-personnelles', 'Données personnelles', 'Personal data'],
    ['/plan-du-site', 'Plan du site', 'Site map'],
  ])('%s answers 200 without sign-in, in French and in English', async (path, fr, en) => {
    const french = await request(t.http).get(path).expect(200);
    expect(french.text).toContain(`<h1>${fr}</h1>`);
    expect(french.text).toContain('<html lang="fr"');
    const english = await request(t.http).get(`${path}?lang=en`).expect(200);
    expect(english.text).toContain(`<h1>${en}</h1>`);
    expect(english.text).toContain('<html lang="en"');
  });

  it('states the level the footer announces, the tests done and the recourse', async () => {
    const fr = (await request(t.http).get('/accessibilite').expect(200)).text;
    expect(fr).toContain('<strong>non conforme</strong>');
    expect(fr).toContain('RGAA), version 4.1');
    expect(fr).toContain('axe-core');
    expect(fr).toContain('Défenseur des droits');
    expect(fr).toContain('mailto:feuille-de-route@sante.gouv.fr');
    const en = (await request(t.http).get('/accessibilite?lang=en').expect(200)).text;
    expect(en).toContain('<strong>non-compliant</strong>');
    expect(en).toContain('Accessibility: non-compliant');
  });

  it('says what the deploying team must fill in when the host is not set, and the session length it uses', async () => {
    const notice = (await request(t.http).get('/mentions-legales').expect(200)).text;
    expect(notice).toContain('Délégation au numérique en santé (DNS)');
    expect(notice).toContain('À compléter par le service informatique qui déploie l’application');
    const data = (await request(t.http).get('/donnees-personnelles').expect(200)).text;
    expect(data).toContain('fdr_session');
    expect(data).toContain(`${t.config.auth.sessionTtlHours}&nbsp;heures`);
  });
});

describe('breadcrumb, badges, dates and plurals', () => {
  let page: Page;
  beforeAll(async () => (page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD, { landsOn: '/' })), 60_000);
  afterAll(async () => page.context().close());

  it.each([
    ['/roadmap', ['Accueil', 'Feuille de route']],
    ['/objectives/12-1', ['Accueil', 'Feuille de route', 'Objectif 12-1']],
    ['/bodies', ['Accueil', 'Organismes']],
    ['/bodies/cnam', ['Accueil', 'Organismes', 'CNAM']],
    ['/import', ['Accueil', 'Importer des valeurs']],
    ['/reports', ['Accueil', 'Rapports']],
    ['/accessibilite', ['Accueil', 'Déclaration d’accessibilité']],
  ])('%s has the breadcrumb %j, the last step being the current page', async (path, trail) => {
    await page.goto(`${url}${path}`);
    const crumbs = page.locator('nav.fr-breadcrumb .fr-breadcrumb__link');
    expect(await crumbs.allTextContents()).toEqual(trail);
    expect(await crumbs.last().getAttribute('aria-current')).toBe('page');
    expect(await crumbs.first().getAttribute('href')).toBe('/');
  });

  it('has no breadcrumb on the home page, and an English one in English', async () => {
    await page.goto(`${url}/`);
    expect(await page.locator('nav.fr-breadcrumb').count()).toBe(0);
    await page.goto(`${url}/objectives/12-1?lang=en`);
    expect(await page.locator('nav.fr-breadcrumb .fr-breadcrumb__link').allTextContents()).toEqual(['Home', 'Roadmap', 'Objective 12-1']);
    await page.goto(`${url}/?lang=fr`);
  });

  it('shows statuses as DSFR badges of the matching variant, each with its name', async () => {
    await page.goto(`${url}/roadmap`);
    const badges = await page.locator('.fdr-status').evaluateAll((els) => els.map((e) => ({ cls: e.className, text: e.textContent })));
    expect(badges.length).toBeGreaterThan(65);
    const variant: Record<string, string | null> = {
      achieved: 'success',
      on_track: 'info',
      at_risk: 'new',
      off_track: 'warning',
      deteriorating: 'error',
      missed: 'error',
      no_data: null,
      insufficient_data: 'purple-glycine',
      not_started: null,
    };
    for (const b of badges) {
      expect(b.cls).toMatch(/\bfr-badge\b/);
      expect(b.text!.trim()).not.toBe('');
      const status = /fdr-status--(\w+)/.exec(b.cls)![1];
      if (variant[status]) expect(b.cls).toContain(`fr-badge--${variant[status]}`);
      else expect(b.cls).not.toMatch(/fr-badge--(success|info|warning|error|new|purple-glycine)/);
    }
  });

  it('shows when a value was recorded in French, in Paris time, never in UTC', async () => {
    await page.goto(`${url}/objectives/12-1`);
    const history = await page.locator(`#indicator-${teleconsultation} tr[id^="measurement-"]`).first().textContent();
    expect(history).toContain(`24 novembre 2026 à 06${NBSP}h${NBSP}55`);
    expect(history).not.toMatch(/UTC|05:55|2026-11-24/);
    await page.goto(`${url}/objectives/12-1?lang=en`);
    expect(await page.locator(`#indicator-${teleconsultation} tr[id^="measurement-"]`).first().textContent()).toContain('24 November 2026 at 06:55');
    await page.goto(`${url}/reports?lang=fr`);
    const archived = await page.locator('tr[id^="report-"]').first().textContent();
    expect(archived).toContain(`24 novembre 2026 à 06${NBSP}h${NBSP}55`);
    expect(archived).not.toContain('UTC');
    // The period in words (the file name alone keeps its id).
    expect(await page.locator('tr[id^="report-"] td:nth-child(4)').first().textContent()).toBe('3\u1d49 trimestre 2026');
    await page.goto(`${url}/reports?lang=en`);
    expect(await page.locator('tr[id^="report-"]').first().textContent()).toMatch(/24 November 2026 at 06:55.*Q3 2026/);
    await page.goto(`${url}/?lang=fr`);
  });

  it('counts in the right number: "1 objectif", "65 objectifs"', async () => {
    await page.goto(`${url}/`);
    expect(await page.locator('#counts-title + p').textContent()).toBe('65 objectifs');
    await page.goto(`${url}/?body=${encodeURIComponent(oneObjectiveBody)}`);
    expect(await page.locator('#counts-title + p').textContent()).toBe('1 objectif');
    expect(await page.locator('.fdr-card p.fr-mb-1w').first().textContent()).toBe('1 objectif');
  });
});

describe('error pages keep the layout', () => {
  it('a 404 for an unknown objective, body or address keeps the navigation and breadcrumb, with links on', async () => {
    const page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD, { landsOn: '/' });
    for (const path of ['/objectives/99-9', '/bodies/nobody', '/no-such-page']) {
      const res = await page.goto(`${url}${path}`);
      expect(res!.status()).toBe(404);
      expect(await page.locator('main h1').textContent()).toBe('Page non trouvée');
      expect(await page.locator('#navigation .fr-nav__link').allTextContents()).toEqual(
        expect.arrayContaining(['Tableau de bord', 'Feuille de route', 'Organismes', 'Import', 'Rapports']),
      );
      expect(await page.locator('nav.fr-breadcrumb .fr-breadcrumb__link').allTextContents()).toEqual(['Accueil', 'Page non trouvée']);
      expect(await page.getByRole('link', { name: 'Page d’accueil' }).count()).toBe(1);
      expect(await page.locator('footer .fr-footer__bottom-link').count()).toBeGreaterThan(3);
    }
    await page.screenshot({ path: `${SHOTS}/error-404.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('an unknown API address still answers JSON', async () => {
    const res = await request(t.http).get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/json/);
  });

  it('a 403 keeps the navigation and says why', async () => {
    const page = await signIn(browser, url, 'lecteur@dns.fr', PASSWORD, { landsOn: '/' });
    const res = await page.goto(`${url}/import`);
    expect(res!.status()).toBe(403);
    expect(await page.locator('main h1').textContent()).toBe('Accès refusé');
    const nav = await page.locator('#navigation .fr-nav__link').allTextContents();
    expect(nav).toEqual(expect.arrayContaining(['Tableau de bord', 'Feuille de route', 'Organismes', 'Rapports']));
    expect(nav).not.toContain('Import');
    expect(await page.locator('nav.fr-breadcrumb .fr-breadcrumb__link').allTextContents()).toEqual(['Accueil', 'Accès refusé']);
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/error-403.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('display settings', () => {
  it('switch to the dark theme, which persists across pages and reloads', async () => {
    const page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD, { landsOn: '/' });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${url}/roadmap`);
    expect(await page.locator('html').getAttribute('data-fr-theme')).toBe('light');
    await page.locator('.fr-header__tools-links').getByRole('button', { name: 'Paramètres d’affichage' }).click();
    const modal = page.locator('#fr-theme-modal');
    await modal.getByText('Thème sombre').click();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') === 'dark');
    await page.screenshot({ path: `${SHOTS}/display-settings-dark.png` });
    await modal.getByRole('button', { name: 'Fermer' }).click();
    await page.reload();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') === 'dark');
    await page.goto(`${url}/bodies`);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') === 'dark');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('every page, light and dark', () => {
  it.each(['light', 'dark'])(
    'has no serious axe violation in the %s theme, and is screenshotted',
    async (theme) => {
      const page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD, { landsOn: '/' });
      await page.evaluate((scheme) => localStorage.setItem('scheme', scheme), theme);
      for (const path of [...SIGNED_IN_PAGES, ...PUBLIC_PAGES.filter((p) => p !== '/login'), '/accessibilite?lang=en']) {
        await page.goto(`${url}${path}`);
        await page.waitForFunction((scheme) => document.documentElement.getAttribute('data-fr-theme') === scheme, theme);
        await page.waitForFunction(() => document.body.dataset.chartsReady === 'true');
        await page.screenshot({ path: shot(path, theme), fullPage: true });
        expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
      }
      await page.context().close();
    },
    180_000,
  );

  it.each(['light', 'dark'])(
    'the sign-in page and an English legal page, signed out, in the %s theme',
    async (theme) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: theme as 'light' | 'dark' });
      const page = await context.newPage();
      for (const path of ['/login', '/mentions-legales?lang=en', '/donnees-personnelles?lang=en']) {
        await page.goto(`${url}${path}`);
        // No choice stored: the theme follows the system's (DSFR "Système").
        await page.waitForFunction((scheme) => document.documentElement.getAttribute('data-fr-theme') === scheme, theme);
        await page.screenshot({ path: shot(path, `signed-out-${theme}`), fullPage: true });
        expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
      }
      await context.close();
    },
    60_000,
  );
});
