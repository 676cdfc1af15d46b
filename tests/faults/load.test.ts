import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { integrityCheck } from '@app/persistence';
import { createTestDatabase, ENGINE, TestDatabase } from '../support/db';
import { login, ROOT, ServerProcess, startServer } from '../support/server-process';

const DURATION_MS = Number(process.env.LOAD_TEST_SECONDS ?? 60) * 1000;
const CLIENTS = 20;
let server: ServerProcess | undefined;
let db: TestDatabase | undefined;
afterAll(async () => {
  await server?.kill().catch(() => undefined);
  await db?.drop();
});

const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe('concurrent load', () => {
  it(
    `holds ${CLIENTS} clients recording values while reports are generated, losing and duplicating nothing`,
    async () => {
      db = await createTestDatabase();
      server = await startServer(db, { REPORT_CONCURRENCY: '2' });
      const token = await login(server.url);
      const status = (await (await fetch(`${server.url}/api/v1/status`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        objectives: { indicators: { id: number }[] }[];
      };
      const indicators = status.objectives.flatMap((o) => o.indicators.map((i) => i.id));
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const end = Date.now() + DURATION_MS;

      const acknowledged: number[] = [];
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      const errors: string[] = [];
      const client = async (c: number) => {
        // Each client has its own indicator and walks forward a day at a time: every write is new.
        const indicator = indicators[c % indicators.length];
        for (let k = 0; Date.now() < end; k++) {
          const started = performance.now();
          try {
            const res = await fetch(`${server!.url}/api/v1/indicators/${indicator}/measurements`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ value: 1, observedAt: day(k), source: `load-${c}` }),
            });
            latencies.push(performance.now() - started);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const body = (await res.json()) as { id?: number; message?: string };
            if (res.status === 201) acknowledged.push(body.id!);
            else errors.push(`${res.status} ${body.message}`);
          } catch (e) {
            errors.push(String(e));
          }
        }
      };
      const reportStatuses: number[] = [];
      const reportTimes: number[] = [];
      const reporter = async () => {
        while (Date.now() < end) {
          const started = performance.now();
          const res = await fetch(`${server!.url}/api/v1/reports`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ kind: 'roadmap', period: '2025-Q2', format: 'pdf' }),
          });
          reportTimes.push(performance.now() - started);
          reportStatuses.push(res.status);
          await res.arrayBuffer();
        }
      };
      await Promise.all([...Array.from({ length: CLIENTS }, (_, c) => client(c)), reporter()]);
      await server.stop();

      // Count them: every acknowledged write is stored once, nothing else was stored.
      if (db.path) expect(integrityCheck(db.path)).toBe('ok');
      const stored = (await db.query<{ id: number }>("SELECT id FROM measurements WHERE source LIKE 'load-%'")).map((r) => r.id);
      const duplicates = await db.value(
        "SELECT count(*) FROM (SELECT indicator_id, observed_at FROM measurements WHERE source LIKE 'load-%' GROUP BY 1, 2 HAVING count(*) > 1) AS twice",
      );
      const sortedLatencies = [...latencies].sort((a, b) => a - b);
      const figures = {
        engine: ENGINE,
        seconds: DURATION_MS / 1000,
        clients: CLIENTS,
        writesSent: latencies.length,
        writesAcknowledged: acknowledged.length,
        writesFound: stored.length,
        duplicates,
        statuses: Object.fromEntries(statuses),
        writesPerSecond: Math.round(acknowledged.length / (DURATION_MS / 1000)),
        latencyMs: {
          p50: +percentile(sortedLatencies, 50).toFixed(1),
          p95: +percentile(sortedLatencies, 95).toFixed(1),
          p99: +percentile(sortedLatencies, 99).toFixed(1),
          max: +sortedLatencies.at(-1)!.toFixed(1),
        },
        reportsGenerated: reportStatuses.filter((s) => s === 201).length,
        reportStatuses: [...new Set(reportStatuses)],
        reportSecondsAvg: +(reportTimes.reduce((a, b) => a + b, 0) / reportTimes.length / 1000).toFixed(2),
      };
      mkdirSync(resolve(ROOT, 'test-results'), { recursive: true });
      writeFileSync(resolve(ROOT, `test-results/load${ENGINE === 'sqlite' ? '' : `.${ENGINE}`}.json`), JSON.stringify(figures, null, 2));
      console.log('[load]', JSON.stringify(figures));

      expect(errors.slice(0, 5)).toEqual([]);
      expect([...statuses.keys()]).toEqual([201]);
      expect(new Set(acknowledged).size).toBe(acknowledged.length);
      expect(stored.sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b));
      expect(duplicates).toBe(0);
      expect(figures.reportsGenerated).toBeGreaterThan(0);
      expect(figures.reportStatuses).toEqual([201]);
      expect(server.output()).not.toMatch(/SQLITE_BUSY/);
    },
    DURATION_MS + 120_000,
  );
});
