import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { InitialAdmin } from '../../apps/server/src/auth/initial-admin';
import { ADMIN, startTestApp, TestApp } from '../support/app';

let t: TestApp;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('sign-in', () => {
  it('creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD and lets them sign in', async () => {
    const res = await request(t.http).post('/api/v1/auth/login').send(ADMIN).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { email: ADMIN.email, role: 'admin' } });
    expect(res.body.token).toMatch(/^fdr_s_/);
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await request(t.http).get('/api/v1/auth/me').set(auth(res.body.token)).expect(200);
    expect(me.body.email).toBe(ADMIN.email);
  });

  it('refuses a wrong password or an unknown e-mail with the same message', async () => {
    const a = await request(t.http).post('/api/v1/auth/login').send({ email: ADMIN.email, password: 'wrong-password!' }).expect(401);
    const b = await request(t.http).post('/api/v1/auth/login').send({ email: 'nobody@test.local', password: 'wrong-password!' }).expect(401);
    expect(a.body).toMatchObject({ code: 'auth.wrong_credentials', message: 'Adresse électronique ou mot de passe incorrect.' });
    expect(b.body).toEqual(a.body);
    const en = await request(t.http)
      .post('/api/v1/auth/login')
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .send({ email: 'nobody@test.local', password: 'wrong-password!' })
      .expect(401);
    expect(en.body.message).toBe('Wrong email address or password.');
  });

  it('refuses a malformed login with field errors', async () => {
    const res = await request(t.http).post('/api/v1/auth/login').send({ email: 'not-an-email', password: 'x', extra: 1 }).expect(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        {
          code: 'validation.not_an_email',
          field: 'email',
          message: 'Adresse électronique\u00a0: saisissez une adresse électronique valide, par exemple prenom.nom@sante.gouv.fr.',
        },
        { code: 'validation.unknown_field', field: 'extra', message: '«\u00a0extra\u00a0»\u00a0: ce champ n’est pas accepté ici, retirez-le.' },
      ]),
    );
  });

  it('stores only a hash of passwords and tokens', async () => {
    const passwordHash = await t.database.value<string>('SELECT password_hash FROM users WHERE email = ?', [ADMIN.email]);
    expect(passwordHash).toMatch(/^\$argon2id\$/);
    const token = await t.login();
    const hashes = (await t.database.query<{ token_hash: string }>('SELECT token_hash FROM auth_tokens')).map((r) => r.token_hash);
    expect(hashes).not.toContain(token);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it('expires bearer tokens after TOKEN_TTL_HOURS', async () => {
    const token = await t.login();
    await request(t.http).get('/api/v1/auth/me').set(auth(token)).expect(200);
    t.clock.advance(12 * 3600_000 + 1000);
    const res = await request(t.http).get('/api/v1/auth/me').set(auth(token)).expect(401);
    expect(res.body.code).toBe('auth.token_invalid');
    expect(res.body.message).toMatch(/invalide, expiré ou révoqué/);
  });

  it('revokes a token on logout', async () => {
    const token = await t.login();
    await request(t.http).post('/api/v1/auth/logout').set(auth(token)).expect(204);
    await request(t.http).get('/api/v1/auth/me').set(auth(token)).expect(401);
  });

  it('rate-limits login attempts', async () => {
    const limited = await startTestApp({ env: { LOGIN_ATTEMPTS_PER_MINUTE: '3' } });
    try {
      for (let i = 0; i < 3; i++) {
        await request(limited.http).post('/api/v1/auth/login').send({ email: ADMIN.email, password: 'wrong-password!' }).expect(401);
      }
      const res = await request(limited.http).post('/api/v1/auth/login').send(ADMIN).expect(429);
      expect(res.body).toMatchObject({ statusCode: 429, code: 'request.too_many', message: 'Trop de tentatives\u00a0: réessayez dans une minute.' });
    } finally {
      await limited.close();
    }
  });

  it('gives a generated password once, in the console banner, when ADMIN_PASSWORD is unset', async () => {
    const fresh = await startTestApp({ env: { ADMIN_PASSWORD: '' } });
    try {
      // main.ts prints this banner once the server listens (tests/api/startup-log.test.ts checks the console).
      const banner = fresh.app.get(InitialAdmin).takeBanner('http://localhost:3000/login');
      const password = /Generated password:\s+(\S+)/.exec(banner ?? '')?.[1];
      expect(password).toBeDefined();
      expect(banner).toContain('Sign in at:          http://localhost:3000/login');
      expect(fresh.app.get(InitialAdmin).takeBanner('http://localhost:3000/login')).toBeNull();
      await request(fresh.http).post('/api/v1/auth/login').send({ email: ADMIN.email, password }).expect(200);
    } finally {
      await fresh.close();
    }
  });
});

describe('personal API tokens', () => {
  it('are issued once, work as bearer tokens, and can be revoked', async () => {
    const session = await t.userToken('editor', ['CNAM']);
    const created = await request(t.http).post('/api/v1/auth/tokens').set(auth(session)).send({ name: 'nightly feed', expiresInDays: 30 }).expect(201);
    expect(created.body.token).toMatch(/^fdr_p_/);
    await request(t.http).get('/api/v1/roadmap').set(auth(created.body.token)).expect(200);
    const list = await request(t.http).get('/api/v1/auth/tokens').set(auth(session)).expect(200);
    expect(list.body.find((x: any) => x.id === created.body.id)).toMatchObject({ kind: 'api', name: 'nightly feed' });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    await request(t.http).delete(`/api/v1/auth/tokens/${created.body.id}`).set(auth(session)).expect(200);
    await request(t.http).get('/api/v1/roadmap').set(auth(created.body.token)).expect(401);
  });

  it('cannot be revoked by another non-admin user', async () => {
    const owner = await t.userToken('viewer');
    const other = await t.userToken('viewer');
    const created = await request(t.http).post('/api/v1/auth/tokens').set(auth(owner)).send({ name: 'mine' }).expect(201);
    const res = await request(t.http).delete(`/api/v1/auth/tokens/${created.body.id}`).set(auth(other)).expect(403);
    expect(res.body).toMatchObject({ code: 'permission.own_tokens_only', message: 'Vous ne pouvez révoquer que vos propres jetons.' });
  });
});

describe('account management', () => {
  it('is for administrators only', async () => {
    const editor = await t.userToken('editor', ['DNS']);
    const res = await request(t.http).get('/api/v1/users?lang=en').set(auth(editor)).expect(403);
    expect(res.body).toMatchObject({ code: 'permission.role_required', message: 'This requires the "administrator" role; your role is "editor".' });
    const fr = await request(t.http).get('/api/v1/users').set(auth(editor)).expect(403);
    expect(fr.body.message).toMatch(/^Cette action est réservée au rôle «\u00a0administrateur\u00a0»\u202f; votre rôle est «\u00a0rédacteur\u00a0»\.$/);
    await request(t.http).get('/api/v1/users').expect(401);
  });

  it('checks roles, bodies, passwords and duplicate e-mails', async () => {
    const admin = await t.login();
    const bad = await request(t.http)
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email: 'x@test.local', name: 'X', password: 'short', role: 'editor', bodies: ['NOPE'] })
      .expect(400);
    // The form's problems and the account rules (known bodies) in the same answer.
    expect(bad.body.errors.map((e: any) => [e.field, e.code])).toEqual([
      ['password', 'validation.too_short'],
      ['bodies', 'user.unknown_bodies'],
    ]);
    const noBody = await request(t.http)
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email: 'x@test.local', name: 'X', password: 'long-enough-password', role: 'editor', bodies: ['NOPE'] })
      .expect(400);
    expect(noBody.body.errors).toEqual([
      { code: 'user.unknown_bodies', field: 'bodies', message: 'Organismes\u00a0: cet organisme est inconnu, NOPE (GET /api/v1/bodies les liste).' },
    ]);
    // Bodies given to a role that has none are refused, not dropped.
    for (const role of ['admin', 'viewer']) {
      const refused = await request(t.http)
        .post('/api/v1/users')
        .set(auth(admin))
        .send({ email: `${role}-with-body@test.local`, name: 'B', password: 'long-enough-password', role, bodies: ['CNAM'] })
        .expect(400);
      expect(refused.body.errors).toEqual([
        {
          code: 'user.bodies_not_for_role',
          field: 'bodies',
          message: expect.stringMatching(/^Organismes\u00a0: un compte «\u00a0\S+\u00a0» n’est rattaché à aucun organisme/),
        },
      ]);
    }
    const users = await request(t.http).get('/api/v1/users').set(auth(admin)).expect(200);
    expect(users.body.map((u: any) => u.email)).not.toContain('admin-with-body@test.local');
    await request(t.http)
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email: 'dup@test.local', name: 'D', password: 'long-enough-password', role: 'viewer' })
      .expect(201);
    const dup = await request(t.http)
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email: 'DUP@test.local', name: 'D', password: 'long-enough-password', role: 'viewer' })
      .expect(409);
    expect(dup.body).toMatchObject({ statusCode: 409, code: 'user.email_taken', errors: [expect.objectContaining({ field: 'email' })] });
    expect(dup.body.message).toBe('Un compte existe déjà avec l’adresse dup@test.local\u00a0: modifiez ce compte plutôt que d’en créer un autre.');
  });

  it('disabling a user ends their sessions', async () => {
    const admin = await t.login();
    const created = await request(t.http)
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email: 'leaving@test.local', name: 'L', password: 'long-enough-password', role: 'editor', bodies: ['ANS'] })
      .expect(201);
    const token = await t.login('leaving@test.local', 'long-enough-password');
    await request(t.http).patch(`/api/v1/users/${created.body.id}`).set(auth(admin)).send({ disabled: true }).expect(200);
    await request(t.http).get('/api/v1/auth/me').set(auth(token)).expect(401);
    await request(t.http).post('/api/v1/auth/login').send({ email: 'leaving@test.local', password: 'long-enough-password' }).expect(401);
  });
});
