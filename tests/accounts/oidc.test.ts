import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { providerSignIn } from '@app/accounts';
import { startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium } from '../support/browser';
import { proConnectStartPath } from '../../apps/server/src/auth/oidc/proconnect.controller';
import { freePort } from '../support/ports';
import { ProviderAccount, ProviderClient, startTestProvider, TestProvider } from '../support/oidc-provider';

/**
 * Sign-in through ProConnect, end to end: Debian's Chromium, the real server, and a real OpenID
 * Connect provider (oidc-provider) started here on another site (localhost vs 127.0.0.1).
 */
const SHOTS = resolve(__dirname, '../../test-results/screenshots/oidc');
const CALLBACK = '/auth/proconnect/callback';

const ACCOUNTS: ProviderAccount[] = [
  // E-mails differ in case from the accounts made here: accounts match by e-mail, case aside.
  { login: 'claire', sub: 'sub-claire', email: 'Claire.Martin@sante.gouv.fr', given_name: 'Claire', usual_name: 'Martin' },
  { login: 'homonyme', sub: 'sub-homonyme', email: 'claire.martin@sante.gouv.fr', given_name: 'Claire', usual_name: 'Martin' },
  { login: 'paul', sub: 'sub-paul', email: 'paul.durand@sante.gouv.fr', given_name: 'Paul', usual_name: 'Durand' },
  { login: 'ancien', sub: 'sub-ancien', email: 'ancien.agent@sante.gouv.fr', given_name: 'Ancien', usual_name: 'Agent' },
  { login: 'inconnu', sub: 'sub-inconnu', email: 'inconnu@sante.gouv.fr', given_name: 'Inès', usual_name: 'Connue' },
  { login: 'sans-courriel', sub: 'sub-sans-courriel', given_name: 'Sans', usual_name: 'Courriel' },
  { login: 'signout', sub: 'sub-signout', email: 'sortie@sante.gouv.fr', given_name: 'Sam', usual_name: 'Sortie' },
  { login: 'etats', sub: 'sub-etats', email: 'etats@sante.gouv.fr', given_name: 'Éta', usual_name: 'Ts' },
];

interface OidcApp {
  t: TestApp;
  url: string;
  admin: string;
}

let provider: TestProvider;
/** New accounts get the viewer role. */
let open: OidcApp;
/** New accounts are refused (OIDC_NEW_USER_ROLE=none). */
let closed: OidcApp;
let browser: Browser;

async function client(name: string): Promise<ProviderClient & { port: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return { port, clientId: name, clientSecret: `${name}-secret-0123456789`, redirectUri: `${url}${CALLBACK}`, postLogoutRedirectUri: `${url}/login` };
}

async function startOidcApp(c: ProviderClient & { port: number }, newUserRole: 'viewer' | 'none'): Promise<OidcApp> {
  const url = `http://127.0.0.1:${c.port}`;
  const t = await startTestApp({
    env: {
      PUBLIC_URL: url,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: c.clientId,
      OIDC_CLIENT_SECRET: c.clientSecret,
      OIDC_REDIRECT_URI: c.redirectUri,
      OIDC_NEW_USER_ROLE: newUserRole,
    },
  });
  await t.app.listen(c.port, '127.0.0.1');
  return { t, url, admin: await t.login() };
}

beforeAll(async () => {
  const [openClient, closedClient] = [await client('feuille-de-route'), await client('feuille-de-route-fermee')];
  provider = await startTestProvider([openClient, closedClient], ACCOUNTS);
  [open, closed] = await Promise.all([startOidcApp(openClient, 'viewer'), startOidcApp(closedClient, 'none')]);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([open?.t.close(), closed?.t.close()]);
  await provider?.close();
});

const newContext = () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });

/**
 * Starts a sign-in, up to the provider's pages: with the sign-in page's ProConnect button, or, to come
 * back to `next`, at the button's address with that return path (proConnectStartPath).
 */
async function startSignIn(page: Page, app: OidcApp, next?: string): Promise<void> {
  if (next) {
    await page.goto(`${app.url}${proConnectStartPath(next)}`);
  } else {
    await page.goto(`${app.url}/login`);
    await page.locator('#proconnect-button').click();
  }
  await page.waitForURL((u) => u.origin === provider.issuer);
}

/** Signs in at the provider's form as `login`. */
async function providerLogin(page: Page, login: string): Promise<void> {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('mot de passe quelconque');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** The whole sign-in as `login`; resolves on the page the app answers with (signed in, or refused). */
async function proConnect(page: Page, app: OidcApp, login: string, next?: string): Promise<void> {
  await startSignIn(page, app, next);
  await providerLogin(page, login);
  // The answer is a redirect when signed in: the page that commits is where the app sends the browser.
  await page.waitForURL((u) => u.origin === app.url);
  await page.waitForLoadState('load');
}

/**
 * A new sign-in's answer, held back from the app: with the provider's session already open in this
 * browser context (and none of the app's), the redirects are followed by hand, with the context's
 * cookies, up to the app's callback URL, which is returned unused. (Chromium's request interception
 * does not see redirects, the way the provider's answer arrives.)
 */
async function heldAnswer(context: BrowserContext, app: OidcApp): Promise<string> {
  let url = `${app.url}/auth/proconnect`;
  for (let hop = 0; hop < 10; hop++) {
    const res = await context.request.get(url, { maxRedirects: 0 });
    const location = res.headers()['location'];
    if (!location) throw new Error(`${url} answered ${res.status()} without a redirect`);
    url = new URL(location, url).href;
    if (url.startsWith(`${app.url}${CALLBACK}`)) return url;
  }
  throw new Error('too many redirects');
}

/** Signs in as `login` in a new context, then signs out of the app only: the provider's session stays open. */
async function providerSessionOnly(login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext();
  const page = await context.newPage();
  await proConnect(page, open, login);
  await context.clearCookies({ name: 'fdr_session' });
  return { context, page };
}

const text = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
const signedIn = async (page: Page, app: OidcApp) => {
  const res = await page.goto(`${app.url}/account`);
  return res!.url().startsWith(`${app.url}/account`);
};

async function createUser(app: OidcApp, user: { email: string; name: string; role: string; bodies?: string[] }): Promise<number> {
  const res = await request(app.t.http)
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${app.admin}`)
    .send({ password: 'un-mot-de-passe-local-123', ...user })
    .expect(201);
  return res.body.id;
}

const userRow = (app: OidcApp, email: string) =>
  app.t.database.query<{ id: number; role: string; name: string; oidc_subject: string | null; last_sign_in_at: string | null }>(
    'SELECT id, role, name, oidc_subject, last_sign_in_at FROM users WHERE email = ?',
    [email],
  );
const sessionCount = (app: OidcApp, userId: number) =>
  app.t.database.value<number>("SELECT COUNT(*) FROM auth_tokens WHERE user_id = ? AND kind = 'web'", [userId]);

describe('ProConnect sign-in', () => {
  it('signs a pre-created editor in, matching the e-mail whatever its case; role and bodies stay; the subject is bound', async () => {
    const id = await createUser(open, { email: 'claire.martin@sante.gouv.fr', name: 'Claire Martin', role: 'editor', bodies: ['CNAM'] });
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${open.url}/login`);
    await page.screenshot({ path: `${SHOTS}/login-with-proconnect.png`, fullPage: true });
    await proConnect(page, open, 'claire'); // the sign-in page's button

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await signedIn(page, open)).toBe(true);
    expect(await text(page)).toContain('claire.martin@sante.gouv.fr');
    const [row] = await userRow(open, 'claire.martin@sante.gouv.fr');
    expect(row).toMatchObject({ id, role: 'editor', name: 'Claire Martin', oidc_subject: 'sub-claire' });
    expect(row.last_sign_in_at).not.toBeNull();
    const user = await request(open.t.http).get(`/api/v1/users/${id}`).set('Authorization', `Bearer ${open.admin}`).expect(200);
    expect(user.body).toMatchObject({ role: 'editor', bodies: ['CNAM'] });
    // The session is named after where it came from, in the audit log as on the account page.
    const issued = await open.t.database.query<{ after: string }>("SELECT after FROM audit_log WHERE user_id = ? AND action = 'token.issue'", [id]);
    expect(issued.map((r) => JSON.parse(String(r.after)).name)).toEqual(['ProConnect']);
    await context.close();
  });

  it('refuses the same e-mail coming with another subject (someone else holds the address at the provider)', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await proConnect(page, open, 'homonyme');
    expect(await text(page)).toContain('Le compte claire.martin@sante.gouv.fr est lié à une autre identité ProConnect : adressez-vous à un administrateur');
    expect(await signedIn(page, open)).toBe(false);
    await context.close();
  });

  it('opens a viewer account at the first sign-in of an unknown e-mail (OIDC_NEW_USER_ROLE=viewer)', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await proConnect(page, open, 'paul', '/account');
    expect(new URL(page.url()).pathname).toBe('/account');
    const [row] = await userRow(open, 'paul.durand@sante.gouv.fr');
    expect(row).toMatchObject({ role: 'viewer', name: 'Paul Durand', oidc_subject: 'sub-paul' });
    const created = await open.t.database.query<{ user_id: number }>("SELECT user_id FROM audit_log WHERE action = 'user.create' AND entity_id = ?", [
      String(row.id),
    ]);
    expect(created.map((r) => Number(r.user_id))).toEqual([row.id]);
    await context.close();
  });

  it('refuses an unknown e-mail with OIDC_NEW_USER_ROLE=none, saying whom to ask', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await proConnect(page, closed, 'inconnu');
    expect(await page.title()).toContain('Connexion avec ProConnect impossible');
    expect(await text(page)).toContain('Aucun compte n’est ouvert pour inconnu@sante.gouv.fr : demandez-le à un administrateur de Feuille de route.');
    await page.screenshot({ path: `${SHOTS}/refused-unknown-account.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(await userRow(closed, 'inconnu@sante.gouv.fr')).toEqual([]);
    expect(await signedIn(page, closed)).toBe(false);
    await context.close();

    // In English for a reader of the English pages.
    const english = await newContext();
    const en = await english.newPage();
    await en.goto(`${closed.url}/login?lang=en`);
    await proConnect(en, closed, 'inconnu');
    expect(await en.title()).toContain('Sign-in with ProConnect failed');
    expect(await text(en)).toContain('No account is open for inconnu@sante.gouv.fr: ask a Feuille de route administrator for one.');
    await english.close();
  });

  it('refuses a disabled account, and an identity without an e-mail', async () => {
    const id = await createUser(open, { email: 'ancien.agent@sante.gouv.fr', name: 'Ancien Agent', role: 'viewer' });
    await request(open.t.http).patch(`/api/v1/users/${id}`).set('Authorization', `Bearer ${open.admin}`).send({ disabled: true }).expect(200);
    const context = await newContext();
    const page = await context.newPage();
    await proConnect(page, open, 'ancien');
    expect(await text(page)).toContain('Le compte ancien.agent@sante.gouv.fr est désactivé : adressez-vous à un administrateur');
    expect(await signedIn(page, open)).toBe(false);
    expect(await sessionCount(open, id)).toBe(0);
    await context.close();

    const another = await newContext();
    const second = await another.newPage();
    await proConnect(second, open, 'sans-courriel');
    expect(await text(second)).toContain('ProConnect n’a pas transmis d’adresse électronique vérifiée');
    expect(await signedIn(second, open)).toBe(false);
    await another.close();
  });
});

describe('ProConnect answers that must not sign anyone in', () => {
  it('refuses a tampered state, which leaves the genuine answer usable', async () => {
    const { context, page } = await providerSessionOnly('etats');
    const genuine = await heldAnswer(context, open);

    const tampered = new URL(genuine);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const res = await page.goto(tampered.href);
    expect(res!.status()).toBe(400);
    expect(await text(page)).toContain('Cette connexion ProConnect est inconnue, expirée ou déjà utilisée : recommencez depuis la page de connexion.');
    expect(await signedIn(page, open)).toBe(false);

    await page.goto(genuine);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await signedIn(page, open)).toBe(true);
    await context.close();
  });

  it('refuses a replayed answer: the same callback URL a second time', async () => {
    const context = await newContext();
    const page = await context.newPage();
    let callback = '';
    page.on('request', (r) => {
      if (r.url().startsWith(`${open.url}${CALLBACK}`)) callback = r.url();
    });
    await proConnect(page, open, 'etats', '/account');
    expect(new URL(page.url()).pathname).toBe('/account');
    const [row] = await userRow(open, 'etats@sante.gouv.fr');
    const sessions = await sessionCount(open, row.id);

    const res = await page.goto(callback);
    expect(res!.status()).toBe(400);
    expect(await text(page)).toContain('Cette connexion ProConnect est inconnue, expirée ou déjà utilisée');
    expect(await sessionCount(open, row.id)).toBe(sessions);
    await context.close();
  });

  it('refuses a code replayed under another sign-in’s state: the provider refuses it (PKCE), nobody is signed in', async () => {
    const { context, page } = await providerSessionOnly('etats');
    const first = new URL(await heldAnswer(context, open));
    const second = new URL(await heldAnswer(context, open));
    expect(second.searchParams.get('code')).not.toBe(first.searchParams.get('code'));

    const refusedBefore = provider.refusedGrants();
    const forged = new URL(second);
    forged.searchParams.set('code', first.searchParams.get('code')!);
    const res = await page.goto(forged.href);
    expect(res!.status()).toBe(403);
    expect(await text(page)).toContain('La réponse de ProConnect n’a pas pu être vérifiée : recommencez la connexion');
    expect(provider.refusedGrants()).toBe(refusedBefore + 1);
    expect(await signedIn(page, open)).toBe(false);
    await context.close();
  });

  it('refuses an answer brought to another browser than the one that started the sign-in', async () => {
    const { context } = await providerSessionOnly('etats');
    const callback = await heldAnswer(context, open);
    await context.close();

    const other = await newContext();
    const victim = await other.newPage();
    const res = await victim.goto(callback);
    expect(res!.status()).toBe(400);
    expect(await text(victim)).toContain('Cette connexion ProConnect a été commencée dans un autre navigateur');
    expect(await signedIn(victim, open)).toBe(false);
    await other.close();
  });
});

describe('ProConnect sign-out', () => {
  it('ends the provider session too: the next sign-in asks for the login again', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await proConnect(page, open, 'signout', '/account');
    expect(new URL(page.url()).pathname).toBe('/account');
    const [row] = await userRow(open, 'sortie@sante.gouv.fr');
    const kept = () => open.t.database.value<number>("SELECT COUNT(*) FROM web_states WHERE purpose = 'oidc-login' AND user_id = ?", [row.id]);
    expect(await kept()).toBe(1); // the ID token, for the sign-out

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL((u) => u.origin === provider.issuer && u.pathname.startsWith('/session/end'));
    const endSession = new URL(page.url());
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${open.url}/login`);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('state')).toBeTruthy();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((u) => u.origin === open.url && u.pathname === '/login');
    expect(await kept()).toBe(0);
    expect(await signedIn(page, open)).toBe(false);

    await startSignIn(page, open);
    await page.locator('input[name=login]').waitFor({ state: 'visible' });
    await context.close();
  });
});

describe('ProConnect set-up', () => {
  it('keeps the server running when the provider is unreachable, and says so', async () => {
    const dead = await freePort();
    const t = await startTestApp({
      env: {
        OIDC_ISSUER: `http://localhost:${dead}`,
        OIDC_CLIENT_ID: 'x',
        OIDC_CLIENT_SECRET: 'y',
        OIDC_REDIRECT_URI: 'http://127.0.0.1:1/auth/proconnect/callback',
      },
    });
    try {
      const res = await request(t.http).get('/auth/proconnect').expect(503);
      expect(res.text.replace(/\s+/g, ' ')).toContain('ProConnect ne répond pas pour le moment : réessayez dans quelques minutes');
      await request(t.http).get('/health').expect(200);
    } finally {
      await t.close();
    }
  });

  it('without OIDC_* settings, shows no button and answers 404 on its routes', async () => {
    const t = await startTestApp();
    try {
      const login = await request(t.http).get('/login').expect(200);
      expect(login.text).not.toContain('proconnect-button');
      await request(t.http).get('/auth/proconnect').expect(404);
      await request(t.http).get(`${CALLBACK}?code=a&state=b`).expect(404);
    } finally {
      await t.close();
    }
  });
});

describe('the account rules (libs/accounts/src/oidc-accounts.ts)', () => {
  const account = { id: 7, email: 'a.b@sante.gouv.fr', disabledAt: null, oidcSubject: null };
  const identity = { subject: 's-1', email: ' A.B@Sante.Gouv.FR ', givenName: 'Anne', usualName: 'Bel' };

  it('binds the subject at the first sign-in, then accepts only that subject', () => {
    expect(providerSignIn(identity, account, undefined, 'none')).toEqual({ kind: 'existing', userId: 7, email: 'a.b@sante.gouv.fr', bindSubject: true });
    const bound = { ...account, oidcSubject: 's-1' };
    expect(providerSignIn(identity, bound, bound, 'none')).toMatchObject({ kind: 'existing', bindSubject: false });
    expect(() => providerSignIn({ ...identity, subject: 's-2' }, bound, undefined, 'none')).toThrow('auth.proconnect.subject_mismatch');
  });

  it('refuses a subject already bound to another account (the address changed at the provider)', () => {
    const other = { ...account, id: 8, email: 'ancienne@sante.gouv.fr', oidcSubject: 's-1' };
    expect(() => providerSignIn(identity, undefined, other, 'viewer')).toThrow('auth.proconnect.subject_taken');
  });

  it('refuses an e-mail said unverified, missing or malformed; a new account is named from the identity', () => {
    expect(() => providerSignIn({ ...identity, emailVerified: false }, account, undefined, 'viewer')).toThrow('auth.proconnect.email_missing');
    expect(() => providerSignIn({ subject: 's-1', email: 'pas-une-adresse' }, undefined, undefined, 'viewer')).toThrow('auth.proconnect.email_missing');
    expect(providerSignIn(identity, undefined, undefined, 'viewer')).toEqual({ kind: 'new', email: 'a.b@sante.gouv.fr', name: 'Anne Bel', role: 'viewer' });
    expect(providerSignIn({ subject: 's-3', email: 'x@y.fr' }, undefined, undefined, 'viewer')).toMatchObject({ name: 'x@y.fr' });
  });
});
