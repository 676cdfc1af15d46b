import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';
import { startSmtpServer, TestSmtpServer } from '../support/smtp';

/**
 * The account security pages in Chromium: the sign-in page (with "Mot de passe oublié ?"), the
 * forgotten password form and the link received by mail, enrolling a second factor on "Mon compte"
 * (the QR code drawn, the key typed into a code here with otplib), then sign-in → code → dashboard,
 * and the lockout's message. Screenshots in test-results/screenshots/account-security.
 */
const SHOTS = resolve(__dirname, '../../test-results/screenshots/account-security');
mkdirSync(SHOTS, { recursive: true });
const PASSWORD = 'a-long-enough-password';
const EMAIL = 'agent@cnam.fr';

let t: TestApp;
let url: string;
let browser: Browser;
let smtp: TestSmtpServer;

/** The code the authenticator app shows at the app's (fixed) time; the clock moves one step first, as a code works once. */
async function nextCode(secret: string): Promise<string> {
  t.clock.advance(30_000);
  return generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({
    env: { SMTP_URL: smtp.url, MAIL_POLL_MS: '50', LOGIN_LOCKOUT_ATTEMPTS: '3' },
    now: '2025-06-15T12:30:00.000Z',
  });
  url = await serve(t);
  t.config.publicUrl = url; // the mailed link must reach this server
  browser = await launchChromium();
  const admin = await t.login();
  await request(t.http)
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${admin}`)
    .send({ email: EMAIL, name: 'Agent CNAM', password: PASSWORD, role: 'editor', bodies: ['CNAM'] })
    .expect(201);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

describe('the sign-in page and a forgotten password', () => {
  let page: Page;
  beforeAll(async () => (page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })).newPage()));
  afterAll(async () => page.context().close());

  it('offers "Mot de passe oublié ?" under the password', async () => {
    await page.goto(`${url}/login`);
    await page.screenshot({ path: `${SHOTS}/login.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(`${url}/mot-de-passe/oublie`);
    expect(await page.locator('main h1').textContent()).toBe('Mot de passe oublié');
  });

  it('asks for the address, says the same whatever it is, and mails the link', async () => {
    await page.locator('#forgot-email').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Erreur\s:\sMot de passe oublié/);
    expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#forgot-email');
    await page.screenshot({ path: `${SHOTS}/forgot-password-error.png`, fullPage: true });
    await page.locator('#forgot-email').fill(EMAIL);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.waitForURL(`${url}/mot-de-passe/oublie?envoye=1`);
    expect(await page.locator('#reset-sent').textContent()).toContain('Si un compte existe pour cette adresse, un courriel vient d’être envoyé.');
    await page.screenshot({ path: `${SHOTS}/forgot-password-sent.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sets a new password through the link, once, and signs in with it', async () => {
    const [mail] = await smtp.waitFor(1);
    const link = new RegExp(`${url.replace(/[.:/]/g, '\\$&')}/mot-de-passe/nouveau\\?jeton=[A-Za-z0-9_-]{43}`).exec(mail.parsed.text!)![0];
    await page.goto(link);
    expect(await page.locator('main h1').textContent()).toBe('Choisir un nouveau mot de passe');
    await page.screenshot({ path: `${SHOTS}/reset-password.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#reset-password').fill('nouveau-mot-de-passe');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForURL(`${url}/login?reinitialise=1`);
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Votre mot de passe est changé');
    await page.goto(link);
    expect(await page.locator('#reset-link-gone').textContent()).toContain('Ce lien n’est plus valable');
    const again = await signIn(browser, url, EMAIL, 'nouveau-mot-de-passe', { landsOn: '/' });
    await again.context().close();
  });
});

describe('the second factor', () => {
  let secret = '';

  it('is enrolled on "Mon compte": the QR code is drawn, and the key confirms with a code', async () => {
    const page = await signIn(browser, url, EMAIL, 'nouveau-mot-de-passe', { landsOn: '/' });
    await page.goto(`${url}/account`);
    await page.getByRole('link', { name: 'Activer la double authentification' }).click();
    await page.waitForURL(`${url}/account/second-facteur`);
    const qr = page.locator('#totp-enrolment img');
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth >= 200)).toBe(true);
    expect(await qr.getAttribute('alt')).toBe('QR code à scanner avec votre application d’authentification');
    await page.screenshot({ path: `${SHOTS}/enrolment.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    secret = (await page.locator('#totp-key').textContent())!.replace(/\s/g, '');
    await page.locator('#otp-code').fill('000000');
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#error-summary').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.locator('#otp-code').fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.waitForURL(`${url}/account?totpOn=1`);
    expect(await page.locator('#second-factor').textContent()).toContain('Activée depuis le 15 juin 2025');
    await page.screenshot({ path: `${SHOTS}/account.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('is asked for after the password: sign-in → code → dashboard', async () => {
    const page = await signIn(browser, url, EMAIL, 'nouveau-mot-de-passe', { landsOn: '/login/code' });
    expect(await page.locator('main h1').textContent()).toBe('Code de vérification');
    expect(await page.locator('#otp-code').getAttribute('autocomplete')).toBe('one-time-code');
    await page.screenshot({ path: `${SHOTS}/code.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#otp-code').fill('123456');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#error-summary').textContent()).toContain('code incorrect, expiré ou déjà utilisé');
    await page.screenshot({ path: `${SHOTS}/code-error.png`, fullPage: true });
    await page.locator('#otp-code').fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL(`${url}/`);
    expect(await page.locator('header').textContent()).toContain('Agent CNAM');
    await page.context().close();
  });
});

describe('the lockout', () => {
  it('says on the sign-in page until when the account is locked', async () => {
    let page: Page | undefined;
    // LOGIN_LOCKOUT_ATTEMPTS is 3 here (the wrong code above was forgotten by the sign-in that followed).
    for (let i = 0; i < 3; i++) {
      await page?.context().close();
      page = await signIn(browser, url, EMAIL, 'mauvais-mot-de-passe');
    }
    expect(await page!.locator('#error-summary').textContent()).toContain(
      'Compte verrouillé après 3 essais infructueux\u00a0: réessayez après 14\u00a0h\u00a0',
    );
    await page!.screenshot({ path: `${SHOTS}/login-locked.png`, fullPage: true });
    await page!.context().close();
  });

  it('is lifted by an administrator, who may also remove the second factor of a lost phone', async () => {
    const admin = await signIn(browser, url, 'admin@test.local', 'admin-password-123', { landsOn: '/' });
    const id = await t.database.value<number>('SELECT id FROM users WHERE email = ?', [EMAIL]);
    await admin.goto(`${url}/admin/users/${id}`);
    expect(await admin.locator('#account-state').textContent()).toMatch(/^Verrouillé jusqu’au 15 juin 2025 à 14\u00a0h\u00a0/);
    expect(await admin.locator('#account-second-factor').textContent()).toContain('Activée depuis le 15 juin 2025');
    await admin.screenshot({ path: `${SHOTS}/admin-user-locked.png`, fullPage: true });
    expect(await axeViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Déverrouiller le compte' }).click();
    await admin.waitForURL(`${url}/admin/users/${id}?done=unlocked`);
    expect(await admin.locator('#account-state').textContent()).toBe('Actif');
    await admin.getByRole('button', { name: 'Retirer la double authentification' }).click();
    await admin.waitForURL(`${url}/admin/users/${id}?done=totpRemoved`);
    expect(await admin.locator('#account-second-factor').textContent()).toBe('Non activée.');
    await admin.context().close();
    // Signs in with the password alone now.
    const page = await signIn(browser, url, EMAIL, 'nouveau-mot-de-passe', { landsOn: '/' });
    await page.context().close();
  });
});
