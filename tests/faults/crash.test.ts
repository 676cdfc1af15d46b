import { afterAll, describe, expect, it } from 'vitest';
import { integrityCheck } from '@app/persistence';
import { ADMIN } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/db';
import { login, ServerProcess, startServer } from '../support/server-process';

const servers: ServerProcess[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill().catch(() => undefined);
  for (const d of databases) await d.drop();
});
async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

async function indicatorIds(url: string, token: string): Promise<{ id: number; unit: string }[]> {
  const res = await fetch(`${url}/api/v1/status`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { objectives: { indicators: { id: number; unit: string }[] }[] };
  return body.objectives.flatMap((o) => o.indicators.map((i) => ({ id: i.id, unit: i.unit })));
}

const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function bulkCsv(bulk: { id: number }[]): Blob {
  // A large import: 40 000 values spread over the indicators, with its own source tag.
  const lines = ['indicatorId,value,observedAt,source'];
  for (let i = 0; i < 40_000; i++) lines.push(`${bulk[i % bulk.length].id},1,${day(Math.floor(i / bulk.length))},crash-import`);
  return new Blob([lines.join('\n')], { type: 'text/csv' });
}

async function importTime(): Promise<number> {
  const server = await startServer(await freshDatabase());
  servers.push(server);
  const token = await login(server.url);
  const [, ...bulk] = await indicatorIds(server.url, token);
  const form = new FormData();
  form.append('file', bulkCsv(bulk), 'bulk.csv');
  const started = Date.now();
  const res = await fetch(`${server.url}/api/v1/imports?dryRun=false`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(200);
  const ms = Date.now() - started;
  await server.stop();
  return ms;
}

describe('a server killed with SIGKILL in the middle of writes', () => {
  let importMs = 0;
  it('takes a measurable time to import 40 000 rows (the kills below are placed by it)', async () => {
    importMs = await importTime();
    expect(importMs).toBeGreaterThan(0);
  }, 60_000);

  it.each([
    ['while the import is read and checked', 0.3],
    ['late in the import, around its transaction', 0.9],
    ['after the import was acknowledged', 1.5],
  ])(
    'keeps every acknowledged write, and the import whole or absent (%s)',
    async (_when, fraction) => {
      const killAfterMs = Math.round(importMs * fraction);
      const db = await freshDatabase();
      let server = await startServer(db);
      servers.push(server);
      const token = await login(server.url);
      const indicators = await indicatorIds(server.url, token);
      const [single, ...bulk] = indicators;

      const csv = bulkCsv(bulk);

      const acknowledged: { id: number; value: number; observedAt: string }[] = [];
      let stop = false;
      let n = 0;
      const writer = async () => {
        while (!stop) {
          const k = n++;
          const observedAt = day(5000 + k);
          try {
            const res = await fetch(`${server.url}/api/v1/indicators/${single.id}/measurements`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ value: k, observedAt, source: 'crash-single' }),
            });
            if (res.status === 201) acknowledged.push({ id: ((await res.json()) as { id: number }).id, value: k, observedAt });
          } catch {
            return; // connection refused: the server is gone
          }
        }
      };
      const writers = Array.from({ length: 6 }, writer);
      await new Promise((r) => setTimeout(r, 300));
      const form = new FormData();
      form.append('file', csv, 'bulk.csv');
      const importing = fetch(`${server.url}/api/v1/imports?dryRun=false`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form }).then(
        (r) => r.status,
        () => 'killed' as const,
      );
      await new Promise((r) => setTimeout(r, killAfterMs));
      if (fraction > 1) await importing; // the acknowledged case: kill right after the answer
      await server.kill();
      stop = true;
      await Promise.all(writers);
      const importOutcome = await importing;
      expect(acknowledged.length).toBeGreaterThan(20);

      // The database survived a crash: sound (the SQLite file; PostgreSQL's server itself did not
      // crash, it saw a client vanish), and holding everything that was acknowledged.
      if (db.path) expect(integrityCheck(db.path)).toBe('ok');
      server = await startServer(db);
      servers.push(server);
      const stored = new Map(
        (
          await db.query<{ id: number; value: number; observedAt: string }>(
            `SELECT id, value, observed_at AS "observedAt" FROM measurements WHERE source = 'crash-single'`,
          )
        ).map((m) => [m.id, m]),
      );
      for (const a of acknowledged) expect(stored.get(a.id)).toEqual(a);
      const imported = await db.value<number>("SELECT count(*) FROM measurements WHERE source = 'crash-import'");
      const importRows = await db.value<number>('SELECT count(*) FROM imports');
      expect([0, 40_000]).toContain(imported);
      expect(importRows).toBe(imported ? 1 : 0);
      if (importOutcome === 200) expect(imported).toBe(40_000); // acknowledged → there
      if (fraction > 1) expect(importOutcome).toBe(200);
      console.log(
        `[crash ${killAfterMs} ms of ${importMs}] writes acknowledged ${acknowledged.length}, found ${acknowledged.filter((a) => stored.has(a.id)).length}; import ${importOutcome} → ${imported} rows`,
      );

      // And the restarted server works on it.
      const again = await login(server.url);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const res = await fetch(`${server.url}/api/v1/indicators/${single.id}/measurements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${again}`, 'content-type': 'application/json' },
        body: JSON.stringify({ value: 1, observedAt: '2024-12-31', source: 'after-restart' }),
      });
      expect(res.status).toBe(201);
      await server.stop();
    },
    120_000,
  );
});

describe('the logs', () => {
  it('never hold a password or a token', async () => {
    const server = await startServer(await freshDatabase());
    servers.push(server);
    const token = await login(server.url);
    await fetch(`${server.url}/api/v1/roadmap`, { headers: { authorization: `Bearer ${token}`, cookie: `fdr_session=${token}` } });
    await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: 'wrong-but-secret-123' }),
    });
    await server.stop();
    const logs = server.output();
    expect(logs).toContain('"url":"/api/v1/roadmap"'); // requests are logged, once each…
    const lines = logs.split('\n').filter((l) => l.includes('"url":"/api/v1/roadmap"'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'request completed', req: { method: 'GET' }, res: { statusCode: 200 }, reqId: expect.any(String) });
    expect(logs).not.toContain(token); // …but not their credentials
    expect(logs).not.toContain(ADMIN.password);
    expect(logs).not.toContain('wrong-but-secret-123');
  }, 60_000);
});
