import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TestDatabase } from '../support/db';
import { startServer, ServerProcess } from '../support/server-process';

const servers: ServerProcess[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of databases) await d.drop();
});
/** A fresh, empty database (on PostgreSQL not even migrated: the server's start does it). */
async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrated: false });
  databases.push(database);
  return database;
}

/** The output once the server has printed its last start-up line (the banner follows "is listening"). */
async function startupOutput(s: ServerProcess, last: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (!last.test(s.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return s.output();
}

describe('start-up log (the built server, LOG_LEVEL=info)', () => {
  it('on an empty database: a few lines, no route listing, and the first-admin banner last', async () => {
    const s = await startServer(await emptyDatabase(), { ADMIN_PASSWORD: '', ADMIN_EMAIL: 'chef@sante.gouv.fr' });
    servers.push(s);
    const out = await startupOutput(s, /Sign in at: .*\n\n$/);
    expect(out).not.toContain('Mapped {');
    expect(out).not.toMatch(/"context":"(RoutesResolver|RouterExplorer|InstanceLoader)"/);
    const lines = out.trim().split('\n');
    expect(lines.length).toBeLessThan(20);
    expect(out).toMatch(/First administrator: chef@sante\.gouv\.fr\n {2}Generated password: {2}\S{20,}\n/);
    expect(out).toContain(`Sign in at:          ${s.url}/login`);
    // Nothing after the banner: it stays on screen.
    expect(lines[lines.length - 1]).toBe(`  Sign in at:          ${s.url}/login`);
    expect(out).toMatch(/"msg":"Feuille de route is listening"/);
  });

  it('LOG_LEVEL=debug still lists the routes', async () => {
    const s = await startServer(await emptyDatabase(), { LOG_LEVEL: 'debug' });
    servers.push(s);
    const out = await startupOutput(s, /Feuille de route is listening/);
    expect(out).toMatch(/"level":20,.*"context":"RouterExplorer".*Mapped \{\/api\/v1\/status, GET\} route/);
  });

  it('on a database that has users: no banner', async () => {
    const database = await emptyDatabase();
    const first = await startServer(database);
    await first.stop();
    const s = await startServer(database);
    servers.push(s);
    const out = await startupOutput(s, /Feuille de route is listening/);
    expect(out).not.toContain('First administrator');
  });
});
