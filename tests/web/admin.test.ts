import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';
import { countRows } from '../support/db';
import { tempDir } from '../support/temp';

/** The administration pages (users, audit log), one's own account and the export downloads, in Chromium. */
const SHOTS = resolve(__dirname, '../../test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const tmp = tempDir('fdr-admin-');

let t: TestApp;
let url: string;
let browser: Browser;
const PASSWORD = 'a-long-enough-password';

/** Whether these credentials open a session (through the sign-in form). */
async function canSignIn(email: string, password: string): Promise<boolean> {
  const agent = request.agent(t.http);
  const login = await agent.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
  const res = await agent.post('/login').type('form').send({ _csrf: csrf, email, password });
  return res.status === 303;
}

beforeAll(async () => {
  t = await startTestApp();
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
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  tmp.cleanup();
});

describe('an administrator managing accounts', () => {
  let page: Page;
  let generated = '';
  let userPath = '';
  beforeAll(async () => (page = await signIn(browser, url, ADMIN.email, ADMIN.password)), 60_000);
  afterAll(async () => page.context().close());

  it('finds the administration pages in the navigation', async () => {
    await page.goto(`${url}/`);
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Utilisateurs' }).click();
    await page.waitForURL(`${url}/admin/users`);
    expect(await page.locator('main h1').textContent()).toBe('Utilisateurs');
    expect(await page.locator('#user-role option').allTextContents()).toEqual(['Administrateur', 'Validateur', 'Rédacteur', 'Lecteur']);
  });

  it('is told what is missing when creating an editor without a body, with what was typed kept', async () => {
    await page.locator('#user-email').fill('nouvelle@ars.fr');
    await page.locator('#user-name').fill('Nouvelle Personne');
    await page.locator('#user-role').selectOption('editor');
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur\s:\sUtilisateurs/);
    expect(await page.locator('#error-summary').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#user-bodies');
    expect(await page.locator('#error-summary a').textContent()).toMatch(/^Organismes\u00a0: /);
    expect(await page.locator('#user-email').inputValue()).toBe('nouvelle@ars.fr');
    expect(await page.locator('#user-name').inputValue()).toBe('Nouvelle Personne');
    expect(await page.locator('#user-role').inputValue()).toBe('editor');
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    expect(await countRows(t.database, 'users', "email = 'nouvelle@ars.fr'")).toBe(0);
    await page.screenshot({ path: `${SHOTS}/admin-users-error.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('creates the account with its body and sees its generated password once', async () => {
    await page.locator('label[for="user-bodies"]').click(); // the first body's checkbox
    const first = await page.locator('#user-bodies').getAttribute('value');
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await page.waitForURL(/\/admin\/users\/\d+\?done=created/);
    userPath = new URL(page.url()).pathname;
    generated = (await page.locator('#generated-password code').textContent())!.trim();
    expect(generated.length).toBeGreaterThanOrEqual(12);
    expect(await page.locator('#generated-password').textContent()).toContain('nouvelle@ars.fr');
    expect(await page.locator('#edit-role').inputValue()).toBe('editor');
    expect(await page.locator(`input[name="bodies"][value="${first}"]`).isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/admin-user-created.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // Shown once: reloading the same address does not show it again.
    await page.reload();
    expect(await page.locator('#generated-password').count()).toBe(0);
    expect(await canSignIn('nouvelle@ars.fr', generated)).toBe(true);
  });

  it('changes the role (a viewer has no body)', async () => {
    await page.goto(`${url}${userPath}`);
    const ticked = await page.locator('input[name="bodies"]:checked').getAttribute('id');
    await page.locator(`label[for="${ticked}"]`).click();
    await page.locator('#edit-role').selectOption('viewer');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForURL(/done=updated/);
    expect(await page.getByRole('status').first().textContent()).toContain('Compte modifié.');
    expect(await page.locator('#edit-role').inputValue()).toBe('viewer');
    expect(await page.locator('main').textContent()).toContain('Lecteur');
    expect(await page.locator('input[name="bodies"]:checked').count()).toBe(0);
  });

  it('disables the account (it can no longer sign in), then enables it', async () => {
    await page.getByRole('button', { name: 'Désactiver le compte' }).click();
    await page.waitForURL(/done=disabled/);
    expect(await page.locator('main').textContent()).toContain('Désactivé');
    expect(await canSignIn('nouvelle@ars.fr', generated)).toBe(false);
    await page.getByRole('button', { name: 'Réactiver le compte' }).click();
    await page.waitForURL(/done=enabled/);
    expect(await canSignIn('nouvelle@ars.fr', generated)).toBe(true);
  });

  it('resets the password: a new one, shown once; the old one no longer works', async () => {
    await page.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    await page.waitForURL(/done=reset/);
    const fresh = (await page.locator('#generated-password code').textContent())!.trim();
    expect(fresh).not.toBe(generated);
    expect(await canSignIn('nouvelle@ars.fr', generated)).toBe(false);
    expect(await canSignIn('nouvelle@ars.fr', fresh)).toBe(true);
  });

  it('cannot disable itself or give up its own administrator role', async () => {
    await page.goto(`${url}/admin/users`);
    const me = await page.locator('tr', { hasText: ADMIN.email }).getByRole('link').getAttribute('href');
    await page.goto(`${url}${me}`);
    expect(await page.getByRole('button', { name: 'Désactiver le compte' }).count()).toBe(0);
    await page.locator('#edit-role').selectOption('viewer');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#edit-role-error').textContent()).toContain('propre');
    expect(await page.locator('#edit-name').inputValue()).toBe('Administrateur');
    // Nor through a forged request: the form is not offered, and the server refuses it anyway.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const forged = await page.request.post(`${url}${me}`, { form: { _csrf: csrf, form: 'disable' } });
    expect(forged.status()).toBe(400);
    expect(await forged.text()).toContain('propre compte');
    expect(await countRows(t.database, 'users', `email = '${ADMIN.email}' AND disabled_at IS NULL`)).toBe(1);
    expect(await t.login()).toBeTruthy();
  });
});

describe('the audit log', () => {
  let page: Page;
  beforeAll(async () => {
    // Enough entries for several pages: 30 account updates by the admin.
    const admin = await t.login();
    const users = (await request(t.http).get('/api/v1/users').set('Authorization', `Bearer ${admin}`)).body as { id: number; email: string }[];
    const viewer = users.find((u) => u.email === 'lecteur@dns.fr')!;
    for (let i = 0; i < 30; i++) {
      await request(t.http)
        .patch(`/api/v1/users/${viewer.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ name: `Lecteur ${i}` })
        .expect(200);
    }
    page = await signIn(browser, url, ADMIN.email, ADMIN.password);
  }, 60_000);
  afterAll(async () => page.context().close());

  it('pages through the entries, 25 at a time', async () => {
    await page.goto(`${url}/admin/audit`);
    const total = await countRows(t.database, 'audit_log');
    expect(await page.locator('#audit-count').textContent()).toContain(`${total} entrée(s)`);
    expect(await page.locator('tbody tr').count()).toBe(25);
    await page.screenshot({ path: `${SHOTS}/admin-audit.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await page.waitForURL(/page=2/);
    expect(await page.locator('tbody tr').count()).toBe(Math.min(25, total - 25));
    expect(await page.locator('.fr-pagination__link[aria-current="page"]').textContent()).toBe('2');
  });

  it('filters by action, user, entity and dates', async () => {
    await page.goto(`${url}/admin/audit`);
    await page.locator('#audit-action').selectOption({ label: "Création d'un compte" });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/action=user.create/);
    const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions.length).toBe(await countRows(t.database, 'audit_log', "action = 'user.create'"));
    expect(new Set(actions)).toEqual(new Set(["Création d'un compte"]));

    await page.goto(`${url}/admin/audit`);
    await page.locator('#audit-user').selectOption({ label: ADMIN.email });
    await page.locator('#audit-entity').selectOption({ label: 'Compte' });
    await page.locator('#audit-from').fill('2025-06-15');
    await page.locator('#audit-to').fill('2025-06-15');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForLoadState('load');
    const expected = await countRows(t.database, 'audit_log a JOIN users u ON u.id = a.user_id', `u.email = '${ADMIN.email}' AND a.entity_type = 'user'`);
    expect(await page.locator('#audit-count').textContent()).toContain(`${expected} entrée(s)`);
    // The filters stay as chosen, on every page.
    expect(await page.locator('#audit-from').inputValue()).toBe('2025-06-15');
    expect(await page.getByRole('link', { name: 'Page suivante' }).getAttribute('href')).toMatch(/from=2025-06-15.*page=2/);

    // A day without entries.
    await page.locator('#audit-from').fill('2025-06-16');
    await page.locator('#audit-to').fill('2025-06-16');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').textContent()).toContain('Aucune entrée pour ces filtres.');
  });

  it('refuses an end date before the start date, on the field', async () => {
    await page.goto(`${url}/admin/audit?from=2025-06-15&to=2025-06-01`);
    expect(await page.title()).toMatch(/^Erreur\s:\s/);
    expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#audit-to');
    expect(await page.locator('#audit-to-error').isVisible()).toBe(true);
  });

  it('is for administrators only', async () => {
    const viewer = await signIn(browser, url, 'lecteur@dns.fr', PASSWORD);
    expect(await viewer.getByRole('button', { name: 'Administration' }).count()).toBe(0);
    expect((await viewer.goto(`${url}/admin/audit`))!.status()).toBe(403);
    expect((await viewer.goto(`${url}/admin/users`))!.status()).toBe(403);
    const agent = request.agent(t.http);
    const login = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(login.text)![1], email: 'agent@cnam.fr', password: PASSWORD })
      .expect(303);
    const page = await agent.get('/account');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const before = await countRows(t.database, 'users');
    await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: 'x@y.fr', name: 'X', role: 'admin' }).expect(403);
    expect(await countRows(t.database, 'users')).toBe(before);
    await viewer.context().close();
  });
});

describe('my account', () => {
  it('changes my own password with the current one, and stays signed in', async () => {
    const page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD);
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.waitForURL(`${url}/account`);
    // The DSFR password component: "Afficher" shows what is typed.
    await page.locator('#account-currentPassword').fill('not-my-password');
    expect(await page.locator('#account-currentPassword').getAttribute('type')).toBe('password');
    await page.locator('label[for="account-currentPassword-show"]').click();
    expect(await page.locator('#account-currentPassword').getAttribute('type')).toBe('text');
    await page.locator('#account-newPassword').fill('short');
    await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur\s:\sMon compte/);
    expect(await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '#account-currentPassword',
      '#account-newPassword',
    ]);
    expect(await page.locator('#error-summary').textContent()).toContain('Mot de passe actuel');
    // Passwords are never sent back.
    expect(await page.locator('#account-currentPassword').inputValue()).toBe('');
    await page.screenshot({ path: `${SHOTS}/account-error.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#account-currentPassword').fill(PASSWORD);
    await page.locator('#account-newPassword').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
    await page.waitForURL(/changed=1/);
    expect(await page.getByRole('status').first().textContent()).toContain('Mot de passe modifié');
    // Still signed in here; the new password works, the old one no longer does.
    expect((await page.goto(`${url}/objectives/12-1`))!.status()).toBe(200);
    expect(await canSignIn('agent@cnam.fr', 'a-brand-new-password')).toBe(true);
    expect(await canSignIn('agent@cnam.fr', PASSWORD)).toBe(false);
    await page.context().close();
  });

  it('uses the DSFR password component on the sign-in page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    expect(await page.locator('.fr-password #password').count()).toBe(1);
    await page.locator('#password').fill('secret');
    await page.locator('label[for="password-show"]').click();
    expect(await page.locator('#password').getAttribute('type')).toBe('text');
    await page.locator('#email').fill('nobody@example.fr');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur\s:\sConnexion/);
    expect(await page.locator('#email').inputValue()).toBe('nobody@example.fr');
    expect(await page.locator('#error-summary').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/login-error.png` });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('exports', () => {
  it('downloads measurements and statuses through the session', async () => {
    const admin = await t.login();
    const o = await request(t.http).get('/api/v1/objectives/12-1').set('Authorization', `Bearer ${admin}`).expect(200);
    await request(t.http)
      .post(`/api/v1/indicators/${o.body.indicators[0].id}/measurements`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ value: 12.5, observedAt: '2025-03-31', source: 'Cnam' })
      .expect(201);
    const page = await signIn(browser, url, 'lecteur@dns.fr', PASSWORD, { acceptDownloads: true });
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.waitForURL(`${url}/exports`);
    await page.screenshot({ path: `${SHOTS}/exports.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const measurements = page.locator('form[action="/exports/measurements"]');
    const [csv] = await Promise.all([page.waitForEvent('download'), measurements.getByRole('button', { name: 'Télécharger en CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvFile = tmp.path('m.csv');
    await csv.saveAs(csvFile);
    expect(readFileSync(csvFile, 'utf8')).toContain('Cnam');

    const status = page.locator('form[action="/exports/status"]');
    await status.getByLabel('À la date du').fill('2025-06-01');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), status.getByRole('button', { name: 'Télécharger en XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/2025-06-01\.xlsx$/);
    const xlsxFile = tmp.path('s.xlsx');
    await xlsx.saveAs(xlsxFile);
    expect(readFileSync(xlsxFile).subarray(0, 2).toString()).toBe('PK');

    const [json] = await Promise.all([page.waitForEvent('download'), status.getByRole('button', { name: 'Télécharger en JSON' }).click()]);
    const jsonFile = tmp.path('s.json');
    await json.saveAs(jsonFile);
    expect(JSON.parse(readFileSync(jsonFile, 'utf8')).asOf).toBe('2025-06-01');
    await page.context().close();
  });

  it('refuses a date in the future on a page that reloads', async () => {
    const page = await signIn(browser, url, 'lecteur@dns.fr', PASSWORD);
    await page.goto(`${url}/exports`);
    const status = page.locator('form[action="/exports/status"]');
    await status.getByLabel('À la date du').fill('2030-01-01');
    await status.getByRole('button', { name: 'Télécharger en CSV' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur\s:\sExports/);
    expect(await page.locator('#status-asOf').inputValue()).toBe('2030-01-01');
    expect((await page.reload())!.status()).toBe(400);
    await page.context().close();
  });

  it('needs a session', async () => {
    const res = await request(t.http).get('/exports/status?format=csv').expect(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});

describe('layout of the new pages', () => {
  it.each(['/admin/users', '/admin/users/1', '/admin/audit', '/account', '/exports', '/reports'])(
    'fits a tablet (768 px) without sideways scrolling: %s',
    async (path) => {
      const page = await signIn(browser, url, ADMIN.email, ADMIN.password, { width: 768, height: 1024 });
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(String(e)));
      await page.goto(`${url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      expect(problems).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/tablet${path.replace(/\//g, '_')}.png`, fullPage: true });
      await page.context().close();
    },
    60_000,
  );
});
