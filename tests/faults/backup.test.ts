import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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

  it('runs the daily backup on schedule, once a day, keeping the newest BACKUP_KEEP', async () => {
    const dir = tmp.path('daily');
    const t = await startTestApp({ env: { BACKUP_DIR: dir, BACKUP_KEEP: '3' }, now: '2025-06-15T00:00:00.000Z' });
    try {
      mkdirSync(dir, { recursive: true });
      for (const old of ['20250101T020000Z', '20250102T020000Z', '20250103T020000Z']) writeFileSync(`${dir}/feuille-de-route-${old}.sqlite`, 'old');
      const scheduler = t.app.get(BackupScheduler);
      const first = await scheduler.runDailyBackup(new Date('2025-06-15T00:00:00.000Z'));
      expect(first).toMatchObject({ job: 'daily-backup', runKey: '2025-06-15', status: 'succeeded' });
      expect(existsSync(first.result!.path)).toBe(true);
      expect(integrityCheck(first.result!.path)).toBe('ok');
      expect(await scheduler.runDailyBackup(new Date('2025-06-15T00:00:00.000Z'))).toMatchObject({ status: 'skipped' });
      expect(readdirSync(dir).sort()).toEqual([
        'feuille-de-route-20250102T020000Z.sqlite',
        'feuille-de-route-20250103T020000Z.sqlite',
        'feuille-de-route-20250615T000000Z.sqlite',
      ]);
    } finally {
      await t.close();
    }
  });
});
