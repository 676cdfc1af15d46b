import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp } from '../support/app';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cli, ROOT } from '../support/cli';
import { tempDir } from '../support/temp';

const tmp = tempDir('fdr-cli-');
const env = { DATABASE_PATH: tmp.path('cli.sqlite') };
afterAll(() => tmp.cleanup());

describe('operator commands', () => {
  it('migrate creates the schema in an empty file', () => {
    const r = cli(['migrate'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const migrations = JSON.parse(readFileSync(resolve(ROOT, 'db/migrations/meta/_journal.json'), 'utf8')).entries.length;
    expect(r.stdout).toContain(`cli.sqlite: ${migrations} migration(s) applied, schema up to date.`);
  });

  it('user create refuses to run before the roadmap is loaded', () => {
    const r = cli(['user', 'create', '--email', 'a@b.fr', '--role', 'viewer'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no roadmap yet: run "npm run cli -- seed"/);
  });

  it('seed loads the roadmap, and again changes nothing', () => {
    expect(cli(['seed'], env).stdout).toMatch(/row\(s\) inserted/);
    expect(cli(['seed'], env).stdout).toMatch(/: 0 row\(s\) inserted, 0 updated, 0 retired\./);
  });

  it('user create makes an editor who can sign in to the server on the same database', async () => {
    const r = cli(['user', 'create', '--email', 'Agent@CNAM.fr', '--name', 'Agent CNAM', '--role', 'editor', '--body', 'CNAM', '--body', 'DSS'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Created editor agent@cnam\.fr for CNAM, DSS \(id \d+\)\.\nPassword: \S{20,}\n$/);
    const password = /Password: (\S+)/.exec(r.stdout)![1];
    expect(cli(['user', 'list'], env).stdout).toMatch(/editor\s+agent@cnam\.fr\s+\[CNAM, DSS\]/);

    const app = await startTestApp({ env: { DATABASE_PATH: env.DATABASE_PATH } });
    try {
      const login = await request(app.http).post('/api/v1/auth/login').send({ email: 'agent@cnam.fr', password }).expect(200);
      expect(login.body.user).toMatchObject({ role: 'editor', bodies: ['CNAM', 'DSS'] });
    } finally {
      await app.app.close();
    }
  });

  it('refuses bad input with a clear message and exit code 1', () => {
    const r = cli(['user', 'create', '--email', 'x@y.fr', '--role', 'editor', '--body', 'NOPE'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bodies unknown body "NOPE"/);
    expect(cli(['user', 'disable', 'ghost@nowhere.fr'], env).stderr).toMatch(/No user with e-mail ghost@nowhere.fr/);
  });
});
