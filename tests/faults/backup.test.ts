import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { integrityCheck } from '@app/persistence';
import { BackupScheduler } from '../../apps/server/src/operations/backup.scheduler';
import { startTestApp } from '../support/app';
import { cli } from '../support/cli';
import { sqliteDatabase } from '../support/db';
import { login, ServerProcess, startServer } from '../support/server-process';
import { tempDir } from '../support/temp';

const tmp = tempDir('fdr-backup-');
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill().catch(() => undefined);
  tmp.cleanup();
});
const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const ids = (file: string) => {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare("SELECT id FROM measurements WHERE source = 'backup-test' ORDER BY id").pluck().all() as number[];
  db.close();
  return rows;
};

/** The SQLite file's online backup and its restore (the PostgreSQL run leaves this file out). */
describe('backup and restore', () => {
  it('backs up a consistent copy while the server writes, and restores it', async () => {
    const db = tmp.path('live.sqlite');
    const server = await startServer(sqliteDatabase(db));
    servers.push(server);
    const token = await login(server.url);
    const acknowledged: number[] = [];
    let stop = false;
    let k = 0;
    const writer = async () => {
      while (!stop) {
        const res = await fetch(`${server.url}/api/v1/indicators/1/measurements`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ value: 1, observedAt: day(k++), source: 'backup-test' }),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: number }).id);
      }
    };
    const writers = [writer(), writer(), writer()];
    await new Promise((r) => setTimeout(r, 500));
    const before = acknowledged.length;
    const file = tmp.path('backups/manual.sqlite');
    const r = cli(['backup', '--out', file], { DATABASE_PATH: db });
    const after = acknowledged.length;
    await new Promise((res) => setTimeout(res, 300));
    stop = true;
    await Promise.all(writers);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/written to .*manual\.sqlite \(\d+ bytes, integrity ok\)/);

    // Consistent: a sound file holding an acknowledged prefix of the writes, nothing invented.
    expect(integrityCheck(file)).toBe('ok');
    const inBackup = ids(file);
    expect(inBackup.length).toBeGreaterThanOrEqual(before);
    expect(inBackup.length).toBeLessThanOrEqual(after + 3);
    expect(inBackup.every((id) => acknowledged.includes(id))).toBe(true);
    const total = acknowledged.length;
    expect(total).toBeGreaterThan(inBackup.length);

    // Restore needs the server stopped; the replaced database is kept aside.
    await server.stop();
    const restored = cli(['restore', file], { DATABASE_PATH: db });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/Restored .*manual\.sqlite .*The replaced database is kept as .*before-restore-/);
    expect(ids(db)).toEqual(inBackup);
    const aside = readdirSync(tmp.dir).find((f) => f.startsWith('live.sqlite.before-restore-'))!;
    expect(ids(tmp.path(aside))).toHaveLength(total);

    const again = await startServer(sqliteDatabase(db));
    servers.push(again);
    const t2 = await login(again.url);
    const status = await fetch(`${again.url}/api/v1/indicators/1/history`, { headers: { authorization: `Bearer ${t2}` } });
    expect(((await status.json()) as { measurements: unknown[] }).measurements).toHaveLength(inBackup.length);
    await again.stop();
  }, 120_000);

  it('refuses to restore a file that is not a sound Feuille de route database', () => {
    const junk = tmp.path('junk.sqlite');
    writeFileSync(junk, 'not a database at all');
    const r = cli(['restore', junk], { DATABASE_PATH: tmp.path('target.sqlite') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/junk\.sqlite is not a sound database/);
    const other = tmp.path('other.sqlite');
    new Database(other).exec('CREATE TABLE x (a)');
    expect(cli(['restore', other], { DATABASE_PATH: tmp.path('target.sqlite') }).stderr).toMatch(/not a Feuille de route database/);
  });

  it('runs the scheduled backup once per tick, keeping the newest BACKUP_KEEP', async () => {
    const dir = tmp.path('daily');
    const t = await startTestApp({ env: { BACKUP_DIR: dir, BACKUP_KEEP: '3' }, now: '2025-06-15T00:00:00.000Z' });
    try {
      expect(t.config.backups.cron).toBe('0 2 * * *');
      mkdirSync(dir, { recursive: true });
      for (const old of ['20250101T020000Z', '20250102T020000Z', '20250103T020000Z']) writeFileSync(`${dir}/feuille-de-route-${old}.sqlite`, 'old');
      const scheduler = t.app.get(BackupScheduler);
      const first = await scheduler.runBackup(new Date('2025-06-15T00:00:00.000Z'));
      expect(first).toMatchObject({ job: 'backup', runKey: '2025-06-15T00:00Z', status: 'succeeded', result: { copy: null } });
      expect(existsSync(first.result!.path)).toBe(true);
      expect(integrityCheck(first.result!.path)).toBe('ok');
      expect(await scheduler.runBackup(new Date('2025-06-15T00:00:00.000Z'))).toMatchObject({ status: 'skipped' });
      expect(readdirSync(dir).sort()).toEqual([
        'feuille-de-route-20250102T020000Z.sqlite',
        'feuille-de-route-20250103T020000Z.sqlite',
        'feuille-de-route-20250615T000000Z.sqlite',
      ]);
    } finally {
      await t.close();
    }
  });

  it('BACKUP_SCHEDULE=hourly backs up every hour, and copies each backup to BACKUP_COPY_DIR with the same retention', async () => {
    const dir = tmp.path('hourly');
    const share = tmp.path('share');
    mkdirSync(share);
    // What else the share holds is not ours to delete: another application's files, a PostgreSQL dump.
    const foreign = ['notes.txt', 'feuille-de-route-20240101T020000Z.dump', 'feuille-de-route-export.sqlite'];
    for (const f of foreign) writeFileSync(`${share}/${f}`, 'not ours');
    writeFileSync(`${share}/feuille-de-route-20250101T020000Z.sqlite`, 'an old copy');
    writeFileSync(`${share}/feuille-de-route-20250102T020000Z.sqlite.partial`, 'left by a copy that was interrupted');
    const t = await startTestApp({ env: { BACKUP_DIR: dir, BACKUP_COPY_DIR: share, BACKUP_SCHEDULE: 'hourly', BACKUP_KEEP: '2' } });
    try {
      expect(t.config.backups.cron).toBe('0 * * * *');
      const scheduler = t.app.get(BackupScheduler);
      const hours = ['2025-06-15T13:00:00.000Z', '2025-06-15T14:00:00.000Z', '2025-06-15T15:00:00.000Z'];
      const outcomes = [];
      for (const hour of hours) outcomes.push(await scheduler.runBackup(new Date(hour)));
      expect(outcomes.map((o) => [o.status, o.runKey])).toEqual([
        ['succeeded', '2025-06-15T13:00Z'],
        ['succeeded', '2025-06-15T14:00Z'],
        ['succeeded', '2025-06-15T15:00Z'],
      ]);
      const kept = ['feuille-de-route-20250615T140000Z.sqlite', 'feuille-de-route-20250615T150000Z.sqlite'];
      expect(readdirSync(dir).sort()).toEqual(kept);
      expect(readdirSync(share).sort()).toEqual([...foreign, ...kept].sort());
      expect(outcomes[2].result!.copy).toBe(`${share}/${kept[1]}`);
      expect(readFileSync(`${share}/${kept[1]}`).equals(readFileSync(`${dir}/${kept[1]}`))).toBe(true);
      expect(integrityCheck(`${share}/${kept[1]}`)).toBe('ok');
    } finally {
      await t.close();
    }
  });

  it('a failed copy fails the run, keeps the local backup, and the retry copies that same backup', async () => {
    const dir = tmp.path('retry');
    const share = tmp.path('retry-share');
    writeFileSync(share, 'a file where the share should be mounted'); // the copy cannot go there
    const t = await startTestApp({ env: { BACKUP_DIR: dir, BACKUP_COPY_DIR: share, JOB_RETRY_DELAYS_MS: '1500' } });
    try {
      const at = new Date('2025-06-15T02:00:00.000Z');
      const run = t.app.get(BackupScheduler).runBackup(at);
      const failed = async () => t.database.query<{ error: string }>("SELECT error FROM job_runs WHERE job = 'backup' AND status = 'failed'");
      while (!(await failed()).length) await new Promise((r) => setTimeout(r, 50));
      const local = `${dir}/feuille-de-route-20250615T020000Z.sqlite`;
      expect((await failed())[0].error).toBe(
        `The backup ${local} is kept; its copy to ${share} (BACKUP_COPY_DIR) failed: ENOTDIR: not a directory, copyfile '${local}' -> '${share}/feuille-de-route-20250615T020000Z.sqlite.partial'`,
      );
      const made = statSync(local);
      // The share comes back before the retry.
      rmSync(share);
      mkdirSync(share);
      const outcome = await run;
      expect(outcome).toMatchObject({ status: 'succeeded', attempts: 2, result: { path: local, copy: `${share}/feuille-de-route-20250615T020000Z.sqlite` } });
      expect(statSync(local)).toMatchObject({ ino: made.ino, mtimeMs: made.mtimeMs }); // not made again
      expect(readdirSync(share)).toEqual(['feuille-de-route-20250615T020000Z.sqlite']);
    } finally {
      await t.close();
    }
  });

  it('never creates a missing BACKUP_COPY_DIR: an unmounted share fails every attempt, the local backups stay', async () => {
    const dir = tmp.path('unmounted');
    const share = tmp.path('not-mounted/feuille-de-route');
    const t = await startTestApp({ env: { BACKUP_DIR: dir, BACKUP_COPY_DIR: share, JOB_RETRY_DELAYS_MS: '10' } });
    try {
      const outcome = await t.app.get(BackupScheduler).runBackup(new Date('2025-06-15T02:00:00.000Z'));
      expect(outcome).toMatchObject({ status: 'failed', attempts: 2, result: null });
      expect(existsSync(share)).toBe(false);
      expect(readdirSync(dir)).toEqual(['feuille-de-route-20250615T020000Z.sqlite']);
      const errors = await t.database.query<{ error: string }>("SELECT error FROM job_runs WHERE job = 'backup' ORDER BY id");
      expect(errors.map((e) => e.error)).toEqual(
        Array(2).fill(
          `The backup ${dir}/feuille-de-route-20250615T020000Z.sqlite is kept; its copy to ${share} (BACKUP_COPY_DIR) failed: The copy folder ${share} (BACKUP_COPY_DIR) does not exist: is the share mounted?`,
        ),
      );
    } finally {
      await t.close();
    }
  });

  it('restore takes the newest backup of a folder, and the CLI backup goes to the share too', async () => {
    const db = tmp.path('folder/live.sqlite');
    const share = tmp.path('folder-share');
    mkdirSync(share);
    const env = { DATABASE_PATH: db, BACKUP_DIR: tmp.path('folder/backups'), BACKUP_COPY_DIR: share };
    expect(cli(['migrate'], env).status).toBe(0);
    const made = cli(['backup'], env);
    expect(made.stderr).toBe('');
    const name = /written to .*\/(feuille-de-route-\d{8}T\d{6}Z\.sqlite) /.exec(made.stdout)![1];
    expect(made.stdout).toContain(`Copied to ${share}/${name}.`);
    writeFileSync(`${share}/feuille-de-route-20000101T000000Z.sqlite`, 'older, and not a database');
    writeFileSync(`${share}/feuille-de-route-29990101T000000Z.dump`, 'another engine');
    const restored = cli(['restore', share], env);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain(`Restored ${share}/${name} to ${db}.`);
    expect(cli(['restore', tmp.path('folder')], env).stderr).toBe(`No SQLite backup (feuille-de-route-<time>.sqlite) in ${tmp.path('folder')}\n`);
  });
});
