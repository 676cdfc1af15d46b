import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp } from '../support/app';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { cli, ROOT } from '../support/cli';
import { createTestDatabase, ENGINE, TestDatabase } from '../support/db';

// One database for the whole file, empty at first (the commands build on each other).
let database: TestDatabase;
// Messages follow the operator's locale: English here unless a test asks for French.
let env: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  env = { ...database.env, LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
});
afterAll(async () => database?.drop());

/** How the CLI names the database: the SQLite file, or the PostgreSQL server and database (never a password). */
function location(): string {
  if (database.path) return basename(database.path);
  const url = new URL(database.url!);
  return `postgres://${url.host}${url.pathname}`;
}

describe('operator commands', () => {
  it('migrate creates the schema in an empty database', () => {
    const r = cli(['migrate'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const migrations = JSON.parse(readFileSync(resolve(ROOT, `db/migrations/${ENGINE}/meta/_journal.json`), 'utf8')).entries.length;
    expect(r.stdout).toContain(`${location()}: ${migrations} migration(s) applied, schema up to date.`);
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
    expect(cli(['user', 'list'], env).stdout).toMatch(/agent@cnam\.fr\s+Agent CNAM\s+editor\s+CNAM, DSS\s+active/);

    const app = await startTestApp({ database });
    try {
      const login = await request(app.http).post('/api/v1/auth/login').send({ email: 'agent@cnam.fr', password }).expect(200);
      expect(login.body.user).toMatchObject({ role: 'editor', bodies: ['CNAM', 'DSS'] });
    } finally {
      await app.close();
    }
  });

  it('user create makes a validator, who has no bodies', () => {
    const r = cli(
      ['user', 'create', '--email', 'valideuse@dns.fr', '--name', 'Valideuse DNS', '--role', 'validator', '--password', 'validator-password-1'],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Created validator valideuse@dns\.fr \(id \d+\)\.\n$/);
    expect(cli(['user', 'list'], env).stdout).toMatch(/valideuse@dns\.fr\s+Valideuse DNS\s+validator\s/);
    const withBody = cli(['user', 'create', '--email', 'v2@dns.fr', '--role', 'validator', '--body', 'DNS'], env);
    expect(withBody.status).toBe(1);
    expect(withBody.stderr).toContain('an account with the "validator" role has no bodies');
  });

  it('user create sets the language of the mails the person receives (--lang)', async () => {
    const r = cli(
      ['user', 'create', '--email', 'pilote@dgos.fr', '--role', 'editor', '--body', 'DGOS', '--lang', 'en', '--password', 'pilote-password-1'],
      env,
    );
    expect(r.stderr).toBe('');
    const id = Number(/\(id (\d+)\)/.exec(r.stdout)![1]);
    const bad = cli(['user', 'create', '--email', 'x2@y.fr', '--role', 'viewer', '--lang', 'de'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('Language: choose "fr" or "en".\n');
    expect(await database.value('SELECT lang FROM users WHERE id = ?', [id])).toBe('en');
  });

  it('refuses bad input with a clear message and exit code 1', () => {
    const r = cli(['user', 'create', '--email', 'x@y.fr', '--role', 'editor', '--body', 'NOPE'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Bodies: this body is unknown, NOPE (GET /api/v1/bodies lists them).\n');
    expect(cli(['user', 'disable', 'ghost@nowhere.fr'], env).stderr).toBe('No user has email address ghost@nowhere.fr.\n');
  });

  it("refuses bodies for a role that has none, every problem at once, in the operator's language", () => {
    const admin = cli(['user', 'create', '--email', 'boss@sante.fr', '--role', 'admin', '--body', 'CNAM'], env);
    expect(admin.status).toBe(1);
    expect(admin.stderr).toBe(
      'Bodies: an account with the "administrator" role has no bodies (only one with the "editor" role has); remove the bodies or change the role.\n',
    );
    const viewer = cli(['user', 'create', '--email', 'reader@sante.fr', '--role', 'viewer', '--body', 'CNAM', '--body', 'NOPE', '--password', 'short'], {
      ...env,
      LANG: 'fr_FR.UTF-8',
    });
    expect(viewer.status).toBe(1);
    expect(viewer.stderr.split('\n')).toEqual([
      'Requête refusée\u00a0: 3 problèmes à corriger.',
      '- Mot de passe\u00a0: saisissez au moins 12 caractères.',
      expect.stringMatching(/^- Organismes\u00a0: un compte «\u00a0lecteur\u00a0» n’est rattaché à aucun organisme/),
      expect.stringMatching(/^- Organismes\u00a0: cet organisme est inconnu, NOPE/),
      '',
    ]);
    expect(cli(['user', 'list'], env).stdout).not.toMatch(/boss@|reader@/);
  });

  it('user list prints a table: a header, then one aligned row per account', () => {
    cli(['user', 'create', '--email', 'lectrice@dns.fr', '--name', 'Hélène Lectrice', '--role', 'viewer'], env);
    cli(['user', 'disable', 'lectrice@dns.fr'], env);
    const r = cli(['user', 'list'], env);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+EMAIL\s+NAME\s+ROLE\s+BODIES\s+STATE$/);
    const starts = (line: string, text: string) => line.indexOf(text);
    const agent = lines.find((l) => l.includes('agent@cnam.fr'))!;
    const reader = lines.find((l) => l.includes('lectrice@dns.fr'))!;
    // Every column starts at the same place on every line.
    for (const [header, a, b] of [
      ['EMAIL', 'agent@', 'lectrice@'],
      ['NAME', 'Agent CNAM', 'Hélène'],
      ['ROLE', 'editor', 'viewer'],
      ['BODIES', 'CNAM, DSS', '–'],
      ['STATE', 'active', 'disabled'],
    ]) {
      expect([header, starts(agent, a), starts(reader, b)]).toEqual([header, starts(lines[0], header), starts(lines[0], header)]);
    }
    expect(reader).toMatch(/disabled since \d{4}-\d{2}-\d{2}$/);
  });
});

describe('the CLI itself', () => {
  it('--version prints the package version', () => {
    const r = cli(['--version'], env);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).version);
  });

  it('usage shows how it is run (npm run cli --), not the bundle file name', () => {
    const root = cli(['--help'], env);
    expect(root.status).toBe(0);
    expect(root.stdout).toMatch(/^Usage: npm run cli -- \[options\] \[command\]/);
    expect(root.stdout).not.toContain('main');
    expect(cli(['user', 'create', '--help'], env).stdout).toMatch(/^Usage: npm run cli -- user create \[options\]/);
  });

  it('prints each error once, on stderr, with exit code 1', () => {
    for (const [args, message] of [
      [['no-such-command'], "error: unknown command 'no-such-command'"],
      [['user', 'set-password'], "error: missing required argument 'email'"],
      [['user', 'create', '--role', 'viewer'], "error: required option '-e, --email <email>' not specified"],
      [['user', 'disable', 'ghost@nowhere.fr'], 'No user has email address ghost@nowhere.fr.'],
      [['user', 'create', '--email', 'x@y.fr', '--role', 'editor', '--body', 'NOPE'], 'Bodies: this body is unknown, NOPE (GET /api/v1/bodies lists them).'],
    ] as [string[], string][]) {
      const r = cli(args, env);
      expect([args.join(' '), r.status, r.stderr.trimEnd().split('\n')]).toEqual([args.join(' '), 1, [message]]);
      expect(r.stdout).toBe('');
    }
  });
});
