import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTables } from '../../db/schema/sqlite';
import request from 'supertest';
import { ADMIN, startTestApp } from '../support/app';
import { cli } from '../support/cli';
import { createPostgresDatabase, sqliteDatabase, TestDatabase } from '../support/db';
import { tempDir } from '../support/temp';

/**
 * `cli migrate-data --to`: a SQLite database, filled through the application, copied into an empty
 * PostgreSQL database (PostgreSQL run only: POSTGRES_ONLY in tests/vitest.config.mts).
 */
const tmp = tempDir('fdr-migrate-data-');
const source = sqliteDatabase(tmp.path('source.sqlite'));
const targets: TestDatabase[] = [];
afterAll(async () => {
  for (const t of targets) await t.drop();
  tmp.cleanup();
});

/** The trust-authenticated test cluster ignores a password: one in the URL shows whether the CLI ever prints it. */
const SECRET = 'never-printed-s3cret';
const withPassword = (url: string) => {
  const u = new URL(url);
  u.password = SECRET;
  return u.toString();
};

/** Rows of each side, read the same way (the helpers give PostgreSQL's values as SQLite gives them). */
const COMPARED: [string, string][] = [
  [
    'measurements',
    'SELECT id, indicator_id, value, observed_at, source, comment, recorded_by, recorded_at, supersedes_id, correction_reason, superseded_at FROM measurements ORDER BY id',
  ],
  ['users', 'SELECT id, email, name, password_hash, role, created_at, disabled_at, lang, reminders_enabled FROM users ORDER BY id'],
  ['user_bodies', 'SELECT user_id, body_id FROM user_bodies ORDER BY user_id, body_id'],
  ['bodies', 'SELECT id, acronym, in_glossary FROM bodies ORDER BY id'],
  ['targets', 'SELECT id, indicator_id, value, exclusive FROM targets ORDER BY id'],
  ['milestone_updates', 'SELECT id, milestone_id, state, completed_on, evidence, comment FROM milestone_updates ORDER BY id'],
  ['audit_log', 'SELECT id, action, entity_type, entity_id, before, after FROM audit_log ORDER BY id'],
  ['reports', 'SELECT id, kind, scope, byte_size, file_hash, content, statuses, script_hashes FROM reports ORDER BY id'],
];

let corrected: { first: number; correction: number };

beforeAll(async () => {
  // The source: recorded values, a correction, a milestone update, an editor and their bodies, a report (bytes, json).
  const t = await startTestApp({ database: source });
  try {
    const admin = await t.login();
    const auth = { Authorization: `Bearer ${admin}` };
    for (const [day, value] of [
      ['2024-12-31', 12.5],
      ['2025-03-31', 20],
    ] as const) {
      await request(t.http).post('/api/v1/indicators/1/measurements').set(auth).send({ value, observedAt: day, source: 'Tableau « été » ✓' }).expect(201);
    }
    const first = await request(t.http)
      .post('/api/v1/indicators/2/measurements')
      .set(auth)
      .send({ value: 1000, observedAt: '2025-01-31', source: 'estimate' })
      .expect(201);
    t.clock.advance(3600_000);
    const correction = await request(t.http)
      .post(`/api/v1/measurements/${first.body.id}/corrections`)
      .set(auth)
      .send({ value: 1001, reason: 'Chiffre définitif\nsur deux lignes' })
      .expect(201);
    corrected = { first: first.body.id, correction: correction.body.id };
    await request(t.http)
      .patch('/api/v1/milestones/1')
      .set(auth)
      .send({ state: 'done', completedOn: '2025-05-02', evidence: 'https://example.org/preuve' })
      .expect(200);
    await t.userToken('editor', ['CNAM', 'DSS']);
    await request(t.http).post('/api/v1/reports').set(auth).send({ kind: 'objective', scope: '1-1', period: '2025-Q2', format: 'html' }).expect(201);
  } finally {
    await t.close();
  }
}, 120_000);

describe('cli migrate-data', () => {
  it('copies every table into an empty PostgreSQL database, ids kept, and checks each one', async () => {
    const target = await createPostgresDatabase({ migrated: false });
    targets.push(target);
    const r = cli(['migrate-data', '--to', withPassword(target.url!)], source.env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const location = `postgres://${new URL(target.url!).host}${new URL(target.url!).pathname}`;
    expect(r.stdout).toContain(`Copying ${source.path} into ${location}.`);
    expect(r.stdout).not.toContain(SECRET);
    // The table of checks: one line per table, the same count and checksum on both sides.
    expect(r.stdout).toMatch(/^TABLE\s+SQLITE ROWS\s+POSTGRESQL ROWS\s+SQLITE SHA-256\s+POSTGRESQL SHA-256\s+CHECK$/m);
    for (const table of ['bodies', 'measurements', 'users', 'user_bodies', 'milestone_updates', 'audit_log', 'reports', 'data_stamps', 'web_states']) {
      const line = new RegExp(`^${table}\\s+(\\d+)\\s+\\1\\s+([0-9a-f]{16})\\s+\\2\\s+ok$`, 'm').exec(r.stdout);
      expect(line, table).not.toBeNull();
    }
    expect(r.stdout).not.toContain('MISMATCH');
    expect(r.stdout).toMatch(
      new RegExp(`Copied \\d+ rows in ${Object.keys(sqliteTables).length} tables into .*; every table's row count and checksum match\\.`),
    );

    for (const [table, statement] of COMPARED) {
      const [from, to] = [await source.query(statement), await target.query(statement)];
      expect(from.length, table).toBeGreaterThan(0);
      expect(to, table).toEqual(from);
    }
    expect(await target.value('SELECT supersedes_id FROM measurements WHERE id = ?', [corrected.correction])).toBe(corrected.first);
  });

  it('leaves a database the server runs on: sign-in works and new ids follow the copied ones', async () => {
    const target = targets[0];
    const highest = await target.value<number>('SELECT max(id) FROM measurements');
    const t = await startTestApp({ database: target });
    try {
      const token = await t.login(ADMIN.email, ADMIN.password);
      const created = await request(t.http)
        .post('/api/v1/indicators/1/measurements')
        .set({ Authorization: `Bearer ${token}` })
        .send({ value: 30, observedAt: '2025-05-31', source: 'after the move' })
        .expect(201);
      expect(created.body.id).toBe(highest + 1);
    } finally {
      await t.close();
    }
  });

  it('refuses a target that holds rows, naming the table, and writes nothing', async () => {
    const target = targets[0];
    const before = await target.value<number>('SELECT count(*) FROM measurements');
    const r = cli(['migrate-data', '--to', withPassword(target.url!)], source.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('The target database is not empty: table bodies holds rows. migrate-data copies into an empty database only; nothing was written.\n');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(await target.value<number>('SELECT count(*) FROM measurements')).toBe(before);
  });

  it('fails when a table reads back differently, and rolls the whole copy back', async () => {
    const target = await createPostgresDatabase();
    targets.push(target);
    // A trigger that changes one value on its way in: the check must see it.
    await target.query(
      `CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = ${corrected.correction} THEN NEW.value := NEW.value + 0.5; END IF; RETURN NEW; END $$`,
    );
    await target.query('CREATE TRIGGER tamper BEFORE INSERT ON measurements FOR EACH ROW EXECUTE FUNCTION tamper()');
    const r = cli(['migrate-data', '--to', target.url!], source.env);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^measurements\s+(\d+)\s+\1\s+([0-9a-f]{16})\s+(?!\2)[0-9a-f]{16}\s+MISMATCH$/m);
    expect(r.stdout).toMatch(/^bodies\s+.*\s+ok$/m);
    expect(r.stderr).toBe('The copy differs from the source in measurements: it was rolled back, the target database holds nothing of it.\n');
    expect(await target.value<number>('SELECT count(*) FROM bodies')).toBe(0);
  });

  it('refuses a --to that is not a PostgreSQL URL', () => {
    const r = cli(['migrate-data', '--to', 'mysql://somewhere/db'], source.env);
    expect([r.status, r.stderr]).toEqual([1, '--to must be a PostgreSQL URL: postgres://user:password@host:5432/name.\n']);
  });
});
