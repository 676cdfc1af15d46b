import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import request from 'supertest';
import { BackupScheduler } from '../../apps/server/src/operations/backup.scheduler';
import { startTestApp } from '../support/app';
import { cli } from '../support/cli';
import { createPostgresDatabase, TestDatabase } from '../support/db';
import { tempDir } from '../support/temp';

/**
 * Backups of a PostgreSQL database: `cli backup` (pg_dump), `cli restore` (pg_restore) and the daily
 * backup (PostgreSQL run only: POSTGRES_ONLY in tests/vitest.config.mts).
 */
const tmp = tempDir('fdr-pg-backup-');
let database: TestDatabase;
let env: Record<string, string>;
afterAll(async () => {
  await database?.drop();
  tmp.cleanup();
});

/** The trust-authenticated test cluster ignores a password: one in the URL shows whether the CLI ever prints it. */
const SECRET = 'never-printed-s3cret';
const insertMeasurement = (observedAt: string) =>
  database.query(
    "INSERT INTO measurements (indicator_id, value, observed_at, source, recorded_by, recorded_at) VALUES (1, 7, ?, 'backup-test', 1, '2025-06-15T10:00:00.000Z')",
    [observedAt],
  );
const backupTestDays = async () =>
  (await database.query<{ observed_at: string }>("SELECT observed_at FROM measurements WHERE source = 'backup-test' ORDER BY observed_at")).map(
    (r) => r.observed_at,
  );

beforeAll(async () => {
  database = await createPostgresDatabase();
  const t = await startTestApp({ database }); // the roadmap and the administrator
  try {
    const token = await t.login();
    await request(t.http)
      .post('/api/v1/indicators/1/measurements')
      .set({ Authorization: `Bearer ${token}` })
      .send({ value: 5, observedAt: '2024-12-31', source: 'before the backup' })
      .expect(201);
  } finally {
    await t.close();
  }
  const url = new URL(database.url!);
  url.password = SECRET;
  env = { DATABASE_URL: url.toString(), BACKUP_DIR: tmp.path('backups') };
}, 60_000);

describe('PostgreSQL backups through the CLI', () => {
  let file: string;

  it('backup writes a pg_dump archive into BACKUP_DIR, named as the SQLite backups are', async () => {
    await insertMeasurement('2025-01-01');
    const r = cli(['backup'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const match =
      /^Backup of postgres:\/\/127\.0\.0\.1:\d+\/fdr_\w+ written to (.*feuille-de-route-\d{8}T\d{6}Z\.dump) \(\d+ bytes, pg_dump custom format, (\d+) tables\)\.\n$/.exec(
        r.stdout,
      );
    expect(match).not.toBeNull();
    file = match![1];
    expect(Number(match![2])).toBeGreaterThanOrEqual(27);
    expect(readdirSync(tmp.path('backups'))).toEqual([basename(file)]);
    expect(r.stdout).not.toContain(SECRET);
  });

  it('restore brings the database back to the backup, whatever was written since', async () => {
    await insertMeasurement('2025-02-01');
    await database.query("UPDATE users SET name = 'Changed after the backup' WHERE id = 1");
    expect(await backupTestDays()).toEqual(['2025-01-01', '2025-02-01']);
    const r = cli(['restore', file], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Restored feuille-de-route-\d{8}T\d{6}Z\.dump \(database fdr_\w+, dumped [^)]+\) into postgres:\/\/127\.0\.0\.1:\d+\/fdr_\w+: \d+ tables replaced with their rows\. Start the server: pending migrations run on start\.\n$/,
    );
    expect(r.stdout).not.toContain(SECRET);
    expect(await backupTestDays()).toEqual(['2025-01-01']);
    expect(await database.value('SELECT name FROM users WHERE id = 1')).not.toBe('Changed after the backup');
    // The server starts on the restored database and keeps numbering after the restored ids.
    const highest = await database.value<number>('SELECT max(id) FROM measurements');
    const t = await startTestApp({ database });
    try {
      const token = await t.login();
      const created = await request(t.http)
        .post('/api/v1/indicators/1/measurements')
        .set({ Authorization: `Bearer ${token}` })
        .send({ value: 6, observedAt: '2025-03-31', source: 'after the restore' })
        .expect(201);
      expect(created.body.id).toBe(highest + 1);
    } finally {
      await t.close();
    }
  });

  it('--out writes the archive where it is told', () => {
    const out = tmp.path('elsewhere/manual.dump');
    const r = cli(['backup', '--out', out], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`written to ${out} (`);
    expect(existsSync(out)).toBe(true);
  });

  it('restore refuses a missing file, a SQLite file and a file that is no archive, touching nothing', async () => {
    const before = await database.value<number>('SELECT count(*) FROM measurements');
    const missing = cli(['restore', tmp.path('nowhere.dump')], env);
    expect([missing.status, missing.stderr]).toEqual([1, `No backup file at ${tmp.path('nowhere.dump')}\n`]);

    const sqlite = tmp.path('old.sqlite');
    writeFileSync(sqlite, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]));
    const wrongEngine = cli(['restore', sqlite], env);
    expect(wrongEngine.status).toBe(1);
    expect(wrongEngine.stderr).toMatch(/^old\.sqlite is a SQLite database, and the configured database is PostgreSQL: .*migrate-data --to/);

    const junk = tmp.path('junk.dump');
    writeFileSync(junk, 'not an archive at all');
    const notArchive = cli(['restore', junk], env);
    expect(notArchive.status).toBe(1);
    expect(notArchive.stderr).toMatch(/^junk\.dump is not a sound PostgreSQL dump: pg_restore failed/);
    expect(await database.value<number>('SELECT count(*) FROM measurements')).toBe(before);
  });

  it('the daily backup dumps the database and keeps the BACKUP_KEEP newest archives, leaving SQLite backups alone', async () => {
    const dir = tmp.path('daily');
    mkdirSync(dir, { recursive: true });
    for (const old of ['20250101T020000Z', '20250102T020000Z', '20250103T020000Z']) writeFileSync(`${dir}/feuille-de-route-${old}.dump`, 'old');
    writeFileSync(`${dir}/feuille-de-route-20240101T020000Z.sqlite`, 'from before the move to PostgreSQL');
    const t = await startTestApp({ database, env: { BACKUP_DIR: dir, BACKUP_KEEP: '3' }, now: '2025-06-15T00:00:00.000Z' });
    try {
      const first = await t.app.get(BackupScheduler).runBackup(new Date('2025-06-15T00:00:00.000Z'));
      expect(first).toMatchObject({ job: 'backup', runKey: '2025-06-15T00:00Z', status: 'succeeded', result: { engine: 'postgres' } });
      expect(readdirSync(dir).sort()).toEqual([
        'feuille-de-route-20240101T020000Z.sqlite',
        'feuille-de-route-20250102T020000Z.dump',
        'feuille-de-route-20250103T020000Z.dump',
        'feuille-de-route-20250615T000000Z.dump',
      ]);
    } finally {
      await t.close();
    }
  });
});
