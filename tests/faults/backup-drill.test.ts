import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { cli } from '../support/cli';
import { createTestDatabase, ENGINE, TestDatabase } from '../support/db';
import { login, ServerProcess, startServer } from '../support/server-process';
import { tempDir } from '../support/temp';

/**
 * The restore drill an IT department runs, on the run's engine: the real server writes, its scheduled
 * backup runs and is copied to the share (BACKUP_COPY_DIR), writes go on, the process is killed and the
 * database lost with its disk (the SQLite file and the local backups deleted; the PostgreSQL database
 * dropped), the newest backup is restored from the share through the CLI, and the server starts again.
 * What the backup held is all there; what is lost is exactly what was acknowledged after it: that is
 * the RPO. The restore and the start are timed: that is the RTO (the README gives the figures of a
 * large database).
 */
const tmp = tempDir('fdr-drill-');
const servers: ServerProcess[] = [];
let database: TestDatabase;
afterAll(async () => {
  for (const s of servers) await s.kill().catch(() => undefined);
  await database?.drop();
  tmp.cleanup();
});

interface Write {
  id: number;
  acknowledgedAt: number;
}

const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const BACKUP_NAME = /^feuille-de-route-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.(sqlite|dump)$/;

/** When the backup was taken, from its name (to the second, rounded down: the backup started at or after it). */
function backupTime(name: string): number {
  const [, y, mo, d, h, mi, s] = BACKUP_NAME.exec(name)!;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
}

/** Writers that record measurements until stopped, noting when each was acknowledged (201). */
function startWriters(url: string, token: string, count: number) {
  const writes: Write[] = [];
  let stopped = false;
  let k = 0;
  const writer = async () => {
    while (!stopped) {
      try {
        const res = await fetch(`${url}/api/v1/indicators/1/measurements`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ value: 1, observedAt: day(k++), source: 'drill' }),
        });
        if (res.status === 201) writes.push({ id: ((await res.json()) as { id: number }).id, acknowledgedAt: Date.now() });
      } catch {
        return; // the server was killed
      }
    }
  };
  const running = Array.from({ length: count }, writer);
  return { writes, stop: async () => ((stopped = true), await Promise.all(running)) };
}

/** Waits for a copy on the share taken after `after` (its name's second), so that it holds acknowledged writes. */
async function waitForCopy(share: string, after: number, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (readdirSync(share).some((f) => BACKUP_NAME.test(f) && backupTime(f) > after)) return;
    if (Date.now() > deadline) throw new Error('No backup reached the share in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The disk is lost: the SQLite file and the local backups beside it, or the whole PostgreSQL database. */
async function loseTheDatabase(db: TestDatabase, localBackups: string): Promise<void> {
  rmSync(localBackups, { recursive: true, force: true });
  if (db.engine === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db.path! + suffix, { force: true });
    return;
  }
  // Dropped, then created again empty, as a new managed database would be.
  const name = new URL(db.url!).pathname.slice(1);
  const client = new pg.Client({ connectionString: `${inject('postgres')!.url}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await client.end();
  }
}

describe(`restore drill (${ENGINE})`, () => {
  it('restores the copy on the share after losing the database: every write before the backup is there, the loss is exactly the writes after it', async () => {
    database = await createTestDatabase();
    const share = tmp.path('share');
    const localBackups = tmp.path('backups');
    mkdirSync(share);
    // The server's own scheduler makes the backups, every 20 seconds here.
    const env = { BACKUP_DIR: localBackups, BACKUP_COPY_DIR: share, BACKUP_SCHEDULE: '*/20 * * * * *', SCHEDULER_ENABLED: 'true' };
    const server = await startServer(database, env);
    servers.push(server);
    const writers = startWriters(server.url, await login(server.url), 3);

    // A backup taken before the first write was acknowledged holds none (a slow start can put the
    // first one there): the drill waits for one taken after it.
    const deadline = Date.now() + 30_000;
    while (writers.writes.length === 0) {
      if (Date.now() > deadline) throw new Error('No write was acknowledged in time');
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitForCopy(share, writers.writes[0].acknowledgedAt, 65_000);
    await new Promise((r) => setTimeout(r, 1_000)); // writes go on after the backup
    await server.kill();
    await writers.stop();
    const killedAt = Date.now();
    await loseTheDatabase(database, localBackups);
    // The newest complete copy on the share is what a restore takes.
    const backup = readdirSync(share)
      .filter((f) => BACKUP_NAME.test(f))
      .sort()
      .pop()!;
    const takenAt = backupTime(backup);

    const restoreStart = Date.now();
    const restored = cli(['restore', share], database.env);
    const restoreMs = Date.now() - restoreStart;
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain(backup);
    const again = await startServer(database);
    servers.push(again);
    const rtoMs = Date.now() - restoreStart;

    const inDatabase = (await database.query<{ id: number }>("SELECT id FROM measurements WHERE source = 'drill' ORDER BY id")).map((r) => r.id);
    const acknowledged = writers.writes.map((w) => w.id).sort((a, b) => a - b);
    const lost = writers.writes.filter((w) => !inDatabase.includes(w.id));
    // Nothing invented, and a prefix of the acknowledged writes: the backup is one committed state.
    expect(inDatabase.every((id) => acknowledged.includes(id))).toBe(true);
    expect(inDatabase).toEqual(acknowledged.slice(0, inDatabase.length));
    // Every write acknowledged before the backup started is there; what is lost was acknowledged after it.
    expect(writers.writes.filter((w) => w.acknowledgedAt < takenAt).every((w) => inDatabase.includes(w.id))).toBe(true);
    expect(lost.every((w) => w.acknowledgedAt >= takenAt)).toBe(true);
    expect(inDatabase.length).toBeGreaterThan(0);
    expect(lost.length).toBeGreaterThan(0);

    // The restored service works: sign-in, reads, and new writes numbered after the restored ones.
    const token = await login(again.url);
    const created = await fetch(`${again.url}/api/v1/indicators/1/measurements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: 2, observedAt: '2025-06-30', source: 'after the restore' }),
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { id: number }).id).toBeGreaterThan(Math.max(...inDatabase));
    await again.stop();

    console.log(
      `[${ENGINE}] restore drill: ${inDatabase.length} writes restored, ${lost.length} lost (acknowledged in the ${killedAt - takenAt} ms between the backup and the crash); ` +
        `restore ${restoreMs} ms, restore + start ${rtoMs} ms`,
    );
  }, 180_000);
});
