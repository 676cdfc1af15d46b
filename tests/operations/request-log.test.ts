import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TestDatabase } from '../support/db';
import { login, ServerProcess, startServer } from '../support/server-process';

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789abcdef';
const servers: ServerProcess[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of databases) await d.drop();
});

/** The built server on a fresh database, LOG_LEVEL=info. */
async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const database = await createTestDatabase();
  databases.push(database);
  const server = await startServer(database, { METRICS_TOKEN, ...env });
  servers.push(server);
  return server;
}

type Line = Record<string, unknown> & { msg?: string; reqId?: string; req?: { method: string; url: string } };

/** The JSON log lines written so far (the first administrator's banner and other plain text left out). */
function logLines(s: ServerProcess): Line[] {
  return s
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
}

/** Logs are written asynchronously: waits until a line matching `match` is there. */
async function lineWhere(s: ServerProcess, match: (l: Line) => boolean): Promise<Line> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = logLines(s).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such log line in:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const accessLine = (s: ServerProcess, reqId: string) => lineWhere(s, (l) => l.msg === 'request completed' && l.reqId === reqId);

async function htmlReport(s: ServerProcess, token: string, objective: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${s.url}/api/v1/reports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ kind: 'objective', scope: objective, period: '2025-Q1', format: 'html' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('the request id on every log line of a request (the built server, LOG_LEVEL=info)', () => {
  let s: ServerProcess;
  let token: string;
  beforeAll(async () => {
    s = await start();
    token = await login(s.url);
  });

  it("tags the application's own line with the reqId of the request's access line; lines outside any request have none", async () => {
    const report = await htmlReport(s, token, '8-3', { 'x-request-id': 'forged-by-a-client' });
    const appLine = await lineWhere(s, (l) => l.msg === 'Report generated' && l.id === report);
    expect(appLine).toMatchObject({ context: 'Reports', reqId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-z]+$/) });
    const access = await accessLine(s, appLine.reqId!);
    expect(access).toMatchObject({ req: { method: 'POST', url: '/api/v1/reports' }, res: { statusCode: 201 } });
    // Without TRUST_PROXY a client's X-Request-Id is not taken.
    expect(logLines(s).some((l) => l.reqId === 'forged-by-a-client')).toBe(false);
    // Each request its own id.
    expect(
      new Set(
        logLines(s)
          .filter((l) => l.msg === 'request completed')
          .map((l) => l.reqId),
      ).size,
    ).toBe(logLines(s).filter((l) => l.msg === 'request completed').length);
    // Start-up lines belong to no request.
    expect(await lineWhere(s, (l) => l.msg === 'Database ready')).not.toHaveProperty('reqId');
  });

  it('does not log health probes; logs scrapes of /metrics at debug level only, but a refused one at info', async () => {
    for (const path of ['/health', '/health/ready', '/health', '/health/ready']) expect((await fetch(`${s.url}${path}`)).status).toBe(200);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    // A request after them, whose line comes after theirs would.
    await fetch(`${s.url}/api/v1/roadmap`, { headers: { authorization: `Bearer ${token}` } });
    await lineWhere(s, (l) => l.msg === 'request completed' && l.req?.url === '/api/v1/roadmap');
    const urls = logLines(s)
      .filter((l) => l.msg === 'request completed')
      .map((l) => `${l.req!.url} ${(l.res as { statusCode: number }).statusCode}`);
    expect(urls.filter((u) => u.startsWith('/health'))).toEqual([]);
    expect(urls.filter((u) => u.startsWith('/metrics'))).toEqual(['/metrics 401']);
  });
});

describe('behind a trusted proxy (TRUST_PROXY=1)', () => {
  let s: ServerProcess;
  let token: string;
  beforeAll(async () => {
    s = await start({ TRUST_PROXY: '1', CHROMIUM_PATH: '/nonexistent/chromium' });
    token = await login(s.url);
  });

  it("takes the proxy's X-Request-Id, and keeps the lines of concurrent requests each with its own request", async () => {
    const objectives = ['8-3', '15-4', '1-1', '2-1'];
    const ids = objectives.map((_, i) => `proxy-${i}-${Date.now().toString(36)}`);
    const reports = await Promise.all(objectives.map((o, i) => htmlReport(s, token, o, { 'x-request-id': ids[i] })));
    for (const [i, report] of reports.entries()) {
      const appLine = await lineWhere(s, (l) => l.msg === 'Report generated' && l.id === report);
      expect(appLine.reqId).toBe(ids[i]);
      expect(await accessLine(s, ids[i])).toMatchObject({ req: { method: 'POST', url: '/api/v1/reports' } });
    }
    // An id that is not one (text, spaces, too long) is replaced by the server's own.
    const report = await htmlReport(s, token, '8-3', { 'x-request-id': 'not an id {"level":60}' });
    const appLine = await lineWhere(s, (l) => l.msg === 'Report generated' && l.id === report);
    expect(appLine.reqId).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(await accessLine(s, appLine.reqId!)).toMatchObject({ req: { method: 'POST', url: '/api/v1/reports' } });
  });

  it('logs a readiness check that starts failing once, with what the public answer leaves out, not at every probe', async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${s.url}/health/ready`)).status).toBe(503);
    const warning = await lineWhere(s, (l) => l.msg === 'Readiness check failed');
    expect(warning).toMatchObject({ level: 40, context: 'Readiness', check: 'chromium', code: 'health.chromium_missing', path: '/nonexistent/chromium' });
    expect(logLines(s).filter((l) => l.msg === 'Readiness check failed')).toHaveLength(1);
  });
});
