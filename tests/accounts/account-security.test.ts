import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { generate } from 'otplib';
import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/app';
import { countRows, TestDatabase } from '../support/db';
import { pause, startSmtpServer, TestSmtpServer } from '../support/smtp';

/**
 * Local accounts' security through the API and the forms, on the real app and database: temporary
 * lockout after repeated failures (by time and by an administrator), password reset by a link that
 * reaches a real SMTP server, and the TOTP second factor (codes computed here with otplib from the
 * secret the enrolment page shows), REQUIRE_MFA for administrators.
 */
const PASSWORD = 'a-long-enough-password';
const PUBLIC_URL = 'https://feuille-de-route.example.fr';
/** 12:30 UTC is 14:30 in Paris (summer time). */
const NOW = '2025-06-15T12:30:00.000Z';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

let smtp: TestSmtpServer;
const apps: TestApp[] = [];
let counter = 0;

async function app(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const t = await startTestApp({
    env: { LOGIN_LOCKOUT_ATTEMPTS: '3', LOGIN_LOCKOUT_MINUTES: '15', SMTP_URL: smtp.url, MAIL_POLL_MS: '50', PUBLIC_URL, ...env },
    now: NOW,
    database,
  });
  apps.push(t);
  return t;
}

/** A new account through the admin API: its e-mail and id. */
async function person(t: TestApp, role: 'admin' | 'editor' | 'viewer' = 'viewer', lang: 'fr' | 'en' = 'fr'): Promise<{ email: string; id: number }> {
  const email = `personne${++counter}@sante.gouv.fr`;
  const res = await request(t.http)
    .post('/api/v1/users')
    .set(auth(await t.login()))
    .send({ email, name: `Personne ${counter}`, password: PASSWORD, role, bodies: role === 'editor' ? ['CNAM'] : [], lang });
  expect(res.status).toBe(201);
  return { email, id: res.body.id };
}

const login = (t: TestApp, email: string, password = PASSWORD, otp?: string, lang = 'fr') =>
  request(t.http)
    .post('/api/v1/auth/login')
    .set('Accept-Language', lang)
    .send({ email, password, ...(otp !== undefined && { otp }) });

/** The code an authenticator app shows at the app's (fixed) time. */
const codeAt = (t: TestApp, secret: string) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

/** A browser-like session through the sign-in form (CSRF token included); `otp` answers the code page. */
async function webSession(t: TestApp, email: string, password = PASSWORD) {
  const agent = request.agent(t.http);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password });
  return { agent, res };
}
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/** Enrols a second factor on /account/second-facteur as the page asks, and returns the secret it showed. */
async function enrol(t: TestApp, agent: ReturnType<typeof request.agent>): Promise<string> {
  const page = await agent.get('/account/second-facteur').expect(200);
  const secret = /id="totp-key">([A-Z2-7 ]+)</.exec(page.text)![1].replace(/ /g, '');
  const key = /name="enrolment" value="([^"]+)"/.exec(page.text)![1];
  const done = await agent
    .post('/account/second-facteur')
    .type('form')
    .send({ _csrf: csrfOf(page.text), enrolment: key, code: await codeAt(t, secret) });
  expect(done.status).toBe(303);
  expect(done.headers.location).toBe('/account?totpOn=1');
  return secret;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterEach(async () => {
  smtp.received.length = 0;
  while (apps.length) await apps.pop()!.close();
});
afterAll(async () => smtp?.close());

describe('temporary lockout', () => {
  it('locks an account after LOGIN_LOCKOUT_ATTEMPTS failures in a row, says until when, even to the right password, and lets it in once the time is over', async () => {
    const t = await app();
    const { email, id } = await person(t);
    for (let i = 0; i < 2; i++) expect((await login(t, email, 'wrong-password!').expect(401)).body.code).toBe('auth.wrong_credentials');
    const third = await login(t, email, 'wrong-password!').expect(401);
    expect(third.body).toMatchObject({
      code: 'auth.locked',
      message: 'Compte verrouillé après 3 essais infructueux\u00a0: réessayez après 14\u00a0h\u00a045.',
    });
    const right = await login(t, email, PASSWORD, undefined, 'en').expect(401);
    expect(right.body).toMatchObject({ code: 'auth.locked', message: 'Account locked after 3 failed attempts: try again after 14:45.' });
    // In the database, so every instance sees it; audited once.
    expect(await t.database.value('SELECT locked_until FROM users WHERE id = ?', [id])).toBe('2025-06-15T12:45:00.000Z');
    expect(await countRows(t.database, 'audit_log', `action = 'user.lock' AND entity_id = '${id}'`)).toBe(1);
    t.clock.advance(14 * 60_000);
    await login(t, email).expect(401);
    t.clock.advance(60_000);
    await login(t, email).expect(200);
    expect(await t.database.value('SELECT failed_logins FROM users WHERE id = ?', [id])).toBe(0);
  });

  it('counts failures in a row only: a success starts the count again', async () => {
    const t = await app();
    const { email } = await person(t);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) await login(t, email, 'wrong-password!').expect(401);
      await login(t, email).expect(200);
    }
  });

  it('lets an administrator unlock an account at once (audited)', async () => {
    const t = await app();
    const { email, id } = await person(t);
    for (let i = 0; i < 3; i++) await login(t, email, 'wrong-password!').expect(401);
    await login(t, email).expect(401);
    const viewer = await login(t, (await person(t)).email).expect(200);
    await request(t.http).post(`/api/v1/users/${id}/unlock`).set(auth(viewer.body.token)).expect(403);
    const res = await request(t.http)
      .post(`/api/v1/users/${id}/unlock`)
      .set(auth(await t.login()))
      .expect(200);
    expect(res.body).toMatchObject({ id, lockedUntil: null, failedLogins: 0 });
    expect(res.body.totpSecret).toBeUndefined();
    expect(res.body.passwordHash).toBeUndefined();
    await login(t, email).expect(200);
    expect(await countRows(t.database, 'audit_log', `action = 'user.unlock' AND entity_id = '${id}'`)).toBe(1);
  });

  it('answers an unknown e-mail as a wrong password, and never locks it', async () => {
    const t = await app();
    const { email } = await person(t);
    const known = await login(t, email, 'wrong-password!').expect(401);
    for (let i = 0; i < 5; i++) expect((await login(t, 'nobody@sante.gouv.fr', 'wrong-password!').expect(401)).body).toEqual(known.body);
    // Both verify an argon2id hash (a dummy one for an unknown address, see UsersService), so the
    // answer's time does not tell either; timing is not asserted here: tests measure no speed.
  });

  it('keeps the per-address rate limit of sign-ins', async () => {
    const t = await app({ LOGIN_ATTEMPTS_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) await login(t, 'nobody@sante.gouv.fr', 'wrong-password!').expect(401);
    expect((await login(t, 'nobody@sante.gouv.fr', 'wrong-password!').expect(429)).body.code).toBe('request.too_many');
    expect((await request(t.http).post('/api/v1/auth/password-reset').send({ email: 'x@y.fr' })).status).toBe(202); // its own limit
  });
});

describe('password reset by mail', () => {
  /** Asks for a link and gives the secret from the mail the SMTP server received. */
  async function linkFor(t: TestApp, email: string): Promise<string> {
    const before = smtp.received.length;
    await request(t.http).post('/api/v1/auth/password-reset').send({ email }).expect(202);
    const mails = await smtp.waitFor(before + 1);
    const mail = mails[before];
    expect(mail.to).toEqual([email]);
    const link = new RegExp(`${PUBLIC_URL}/mot-de-passe/nouveau\\?jeton=([A-Za-z0-9_-]{43})`).exec(mail.parsed.text!)!;
    expect(mail.parsed.html).toContain(link[1]); // the HTML part links it too (with "=" escaped)
    return link[1];
  }

  it('mails a one-time link (only its hash stored) that sets the password, ends every session and lifts a lockout', async () => {
    const t = await app();
    const { email, id } = await person(t);
    const session = (await login(t, email).expect(200)).body.token;
    for (let i = 0; i < 3; i++) await login(t, email, 'wrong-password!');
    const secret = await linkFor(t, email);
    const mail = smtp.received[0];
    expect(mail.parsed.subject).toBe('Réinitialisation de votre mot de passe Feuille de route');
    expect(mail.parsed.text).toContain('avant le 15 juin 2025 à 15\u00a0h\u00a030'); // 60 minutes, Paris time
    const hashes = (await t.database.query<{ token_hash: string }>('SELECT token_hash FROM password_resets WHERE user_id = ?', [id])).map((r) => r.token_hash);
    expect(hashes).toEqual([createHash('sha256').update(secret).digest('hex')]);

    const short = await request(t.http).post('/api/v1/auth/password-reset/confirm').send({ token: secret, password: 'short' }).expect(400);
    expect(short.body.errors[0]).toMatchObject({ field: 'password' });
    await request(t.http).post('/api/v1/auth/password-reset/confirm').send({ token: secret, password: 'a-brand-new-password' }).expect(204);
    await request(t.http).get('/api/v1/auth/me').set(auth(session)).expect(401);
    await login(t, email).expect(401);
    await login(t, email, 'a-brand-new-password').expect(200);
    const again = await request(t.http).post('/api/v1/auth/password-reset/confirm').send({ token: secret, password: 'yet-another-password' }).expect(410);
    expect(again.body).toMatchObject({ code: 'auth.reset_link_invalid' });
    expect(again.body.message).toMatch(/^Ce lien de réinitialisation n’est plus valable/);
    expect(await countRows(t.database, 'audit_log', `action = 'user.password_reset' AND entity_id = '${id}'`)).toBe(1);
  });

  it('answers the same for an unknown or disabled address, and mails nobody', async () => {
    const t = await app();
    const { email: disabled, id } = await person(t);
    await request(t.http)
      .patch(`/api/v1/users/${id}`)
      .set(auth(await t.login()))
      .send({ disabled: true })
      .expect(200);
    const answers = [];
    for (const email of ['nobody@sante.gouv.fr', disabled])
      answers.push((await request(t.http).post('/api/v1/auth/password-reset').send({ email }).expect(202)).body);
    const { email: known } = await person(t);
    answers.push((await request(t.http).post('/api/v1/auth/password-reset').send({ email: known }).expect(202)).body);
    expect(answers[0]).toEqual({ message: 'Si un compte existe pour cette adresse, un courriel vient d’être envoyé.' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    await smtp.waitFor(1);
    await pause(300); // a few more polls of the outbox: nothing else goes
    expect(smtp.received.map((m) => m.to)).toEqual([[known]]);
    expect(await countRows(t.database, 'outbox', "template = 'password-reset'")).toBe(1);
  });

  it('expires a link after PASSWORD_RESET_TTL_MINUTES, and a newer link replaces an older one', async () => {
    const t = await app();
    const { email } = await person(t, 'viewer', 'en');
    const first = await linkFor(t, email);
    expect(smtp.received[0].parsed.subject).toBe('Resetting your Feuille de route password');
    const second = await linkFor(t, email);
    await request(t.http).post('/api/v1/auth/password-reset/confirm').send({ token: first, password: 'a-brand-new-password' }).expect(410);
    t.clock.advance(60 * 60_000 + 1000);
    await request(t.http).post('/api/v1/auth/password-reset/confirm').send({ token: second, password: 'a-brand-new-password' }).expect(410);
    await login(t, email).expect(200);
  });

  it('works through the pages too: the form, the same answer, the link once', async () => {
    const t = await app();
    const { email } = await person(t);
    const agent = request.agent(t.http);
    const form = await agent.get('/mot-de-passe/oublie').expect(200);
    const sent = await agent
      .post('/mot-de-passe/oublie')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email })
      .expect(303);
    expect(sent.headers.location).toBe('/mot-de-passe/oublie?envoye=1');
    expect((await agent.get(sent.headers.location).expect(200)).text).toContain('Si un compte existe pour cette adresse, un courriel vient d’être envoyé.');
    const [mail] = await smtp.waitFor(1);
    const path = /\/mot-de-passe\/nouveau\?jeton=[A-Za-z0-9_-]{43}/.exec(mail.parsed.text!)![0];
    const page = await agent.get(path).expect(200);
    await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: 'short' })
      .expect(400);
    const done = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: 'a-brand-new-password' })
      .expect(303);
    expect(done.headers.location).toBe('/login?reinitialise=1');
    const gone = await agent.get(path).expect(410);
    expect(gone.text).toContain('Ce lien n’est plus valable');
    await login(t, email, 'a-brand-new-password').expect(200);
  });
});

describe('TOTP second factor', () => {
  it('is enrolled with a code of the secret shown, kept encrypted, then asked for at every sign-in; a code works once', async () => {
    const t = await app();
    const { email, id } = await person(t);
    const { agent } = await webSession(t, email);
    const secret = await enrol(t, agent);
    const stored = await t.database.value<string>('SELECT totp_secret FROM users WHERE id = ?', [id]);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(secret);
    expect(
      (
        await request(t.http)
          .get(`/api/v1/users/${id}`)
          .set(auth(await t.login()))
          .expect(200)
      ).body,
    ).not.toHaveProperty('totpSecret');
    expect(await countRows(t.database, 'audit_log', `action = 'user.totp_enable' AND entity_id = '${id}'`)).toBe(1);

    const missing = await login(t, email).expect(401);
    expect(missing.body).toMatchObject({ code: 'auth.otp_required' });
    expect(missing.body.message).toContain('«\u00a0otp\u00a0»');
    expect((await login(t, email, PASSWORD, '000000').expect(401)).body.code).toBe('auth.otp_invalid');
    t.clock.advance(30_000); // the enrolment's code is spent
    const code = await codeAt(t, secret);
    await login(t, email, PASSWORD, code).expect(200);
    expect((await login(t, email, PASSWORD, code).expect(401)).body.code).toBe('auth.otp_invalid'); // replayed
    t.clock.advance(30_000);
    await login(t, email, PASSWORD, await codeAt(t, secret)).expect(200);
    // A code with a wrong password tells nothing.
    t.clock.advance(30_000);
    expect((await login(t, email, 'wrong-password!', await codeAt(t, secret)).expect(401)).body.code).toBe('auth.wrong_credentials');
  });

  it('counts wrong codes toward the lockout', async () => {
    const t = await app();
    const { email } = await person(t);
    const { agent } = await webSession(t, email);
    await enrol(t, agent);
    await login(t, email, PASSWORD, '111111').expect(401);
    await login(t, email, PASSWORD, '222222').expect(401);
    expect((await login(t, email, PASSWORD, '333333').expect(401)).body.code).toBe('auth.locked');
  });

  it('asks for the code on its own page after the password, and refuses a wrong one there', async () => {
    const t = await app();
    const { email } = await person(t);
    const secret = await enrol(t, (await webSession(t, email)).agent);
    t.clock.advance(30_000);
    const { agent, res } = await webSession(t, email);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login/code');
    await agent.get('/').expect(303); // no session yet
    const page = await agent.get('/login/code').expect(200);
    expect(page.text).toContain('Code de vérification');
    const wrong = await agent
      .post('/login/code')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: '000000' })
      .expect(401);
    expect(wrong.text).toContain('code incorrect, expiré ou déjà utilisé');
    const ok = await agent
      .post('/login/code')
      .type('form')
      .send({ _csrf: csrfOf(wrong.text), code: await codeAt(t, secret) })
      .expect(303);
    expect(ok.headers.location).toBe('/');
    await agent.get('/account').expect(200);
  });

  it('is turned off on a current code, and removed by an administrator for a lost phone (audited)', async () => {
    const t = await app();
    const { email, id } = await person(t);
    const { agent } = await webSession(t, email);
    const secret = await enrol(t, agent);
    t.clock.advance(30_000);
    const page = await agent.get('/account').expect(200);
    expect(page.text).toContain('Activée depuis le 15 juin 2025');
    await agent
      .post('/account/second-facteur/desactiver')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: '123456' })
      .expect(400);
    const off = await agent
      .post('/account/second-facteur/desactiver')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: await codeAt(t, secret) })
      .expect(303);
    expect(off.headers.location).toBe('/account?totpOff=1');
    await login(t, email).expect(200);

    t.clock.advance(30_000);
    await enrol(t, agent);
    await login(t, email).expect(401);
    const removed = await request(t.http)
      .delete(`/api/v1/users/${id}/totp`)
      .set(auth(await t.login()))
      .expect(200);
    expect(removed.body.totpEnabledAt).toBeNull();
    await login(t, email).expect(200);
    expect(await countRows(t.database, 'audit_log', `action = 'user.totp_remove' AND entity_id = '${id}'`)).toBe(1);
  });
});

describe('REQUIRE_MFA', () => {
  it('refuses administrators without a second factor on the API (personal tokens keep working), enrols them at web sign-in, and leaves other roles alone', async () => {
    const first = await app();
    const apiToken = (
      await request(first.http)
        .post('/api/v1/auth/tokens')
        .set(auth(await first.login()))
        .send({ name: 'flux' })
        .expect(201)
    ).body.token;
    const { email: viewer } = await person(first);
    await first.app.close();
    apps.splice(apps.indexOf(first), 1);
    const t = await app({ REQUIRE_MFA: 'true' }, first.database);
    try {
      const refused = await login(t, ADMIN.email, ADMIN.password).expect(403);
      expect(refused.body.code).toBe('auth.mfa_enrolment_required');
      expect(refused.body.message).toContain(`${PUBLIC_URL}/login`);
      await request(t.http).get('/api/v1/auth/me').set(auth(apiToken)).expect(200);
      await login(t, viewer).expect(200);

      const { agent, res } = await webSession(t, ADMIN.email, ADMIN.password);
      expect(res.headers.location).toBe('/login/code');
      const page = await agent.get('/login/code').expect(200);
      expect(page.text).toContain('Activer la double authentification');
      const secret = /id="totp-key">([A-Z2-7 ]+)</.exec(page.text)![1].replace(/ /g, '');
      await agent.get('/admin/users').expect(303); // nothing else before the enrolment
      const done = await agent
        .post('/login/code')
        .type('form')
        .send({ _csrf: csrfOf(page.text), code: await codeAt(t, secret) })
        .expect(303);
      expect(done.headers.location).toBe('/');
      await agent.get('/admin/users').expect(200);
      // An administrator cannot turn it off while it is mandatory.
      const account = await agent.get('/account').expect(200);
      expect(account.text).toContain('Obligatoire pour les administrateurs');
      expect(account.text).not.toContain('/account/second-facteur/desactiver');
      t.clock.advance(30_000);
      await login(t, ADMIN.email, ADMIN.password, await codeAt(t, secret)).expect(200);
    } finally {
      await t.close();
      apps.splice(apps.indexOf(t), 1);
      await first.database.drop();
    }
  });
});
