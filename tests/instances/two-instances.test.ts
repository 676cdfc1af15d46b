/**
 * Two server processes (the built server, as production runs it) on one PostgreSQL database, as behind
 * a load balancer: what one writes the other shows at once, a sign-in made on one works on the other,
 * scheduled work runs once, concurrent writers spread over both lose and duplicate nothing, and an
 * instance killed in the middle of an import leaves no half import and loses no acknowledged write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, TestDatabase } from '../support/db';
import { login, ServerProcess, startServer } from '../support/server-process';
import { startSmtpServer, TestSmtpServer } from '../support/smtp';

const started: ServerProcess[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const s of started) await s.kill().catch(() => undefined);
  for (const d of databases) await d.drop().catch(() => undefined);
});

async function instance(db: TestDatabase, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServer(db, env);
  started.push(server);
  return server;
}

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createPostgresDatabase();
  databases.push(db);
  return db;
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

interface StatusBody {
  objectives: { code: string; indicators: { id: number; latest: { value: number; date: string } | null }[] }[];
}

async function indicatorIds(url: string, token: string): Promise<number[]> {
  const status = await getJson<StatusBody>(`${url}/api/v1/status`, token);
  return status.objectives.flatMap((o) => o.indicators.map((i) => i.id));
}

function latestOf(status: StatusBody, indicatorId: number) {
  return status.objectives.flatMap((o) => o.indicators).find((i) => i.id === indicatorId)!.latest;
}

const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

async function record(url: string, token: string, indicatorId: number, value: number, observedAt: string, source: string) {
  return fetch(`${url}/api/v1/indicators/${indicatorId}/measurements`, {
    method: 'POST',
    headers: json(token),
    body: JSON.stringify({ value, observedAt, source }),
  });
}

describe('two instances on one PostgreSQL database', () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  let indicators: number[];

  beforeAll(async () => {
    db = await freshDatabase();
    // Started together, as a deployment does: one migrates and loads the roadmap, the other waits for it.
    [a, b] = await Promise.all([instance(db), instance(db)]);
    token = await login(a.url);
    indicators = await indicatorIds(a.url, token);
  }, 90_000);

  it('loaded the roadmap once, though both started at the same time', async () => {
    expect(await db.value('SELECT count(*) FROM objectives')).toBe(65);
    expect(await db.value('SELECT count(*) FROM users')).toBe(1);
    expect(await db.value('SELECT count(*) FROM drizzle.__drizzle_migrations')).toBeGreaterThan(0);
  });

  it("shows a write made through one instance in the other's status at once", async () => {
    const id = indicators[0];
    // Today in Paris (the servers run on the real clock, in TIMEZONE): a status as of a past day counts
    // only what was recorded by its end, so a UTC date (yesterday in Paris after 23:00 UTC) would not see the write.
    const asOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const observedAt = new Date(Date.parse(`${asOf}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    // B computes and caches its status first; A then writes.
    const before = await getJson<StatusBody>(`${b.url}/api/v1/status?asOf=${asOf}`, token);
    expect(latestOf(before, id)?.date).not.toBe(observedAt);
    const res = await record(a.url, token, id, 42, observedAt, 'two-instances');
    expect(res.status).toBe(201);
    const after = await getJson<StatusBody>(`${b.url}/api/v1/status?asOf=${asOf}`, token);
    expect(latestOf(after, id)).toMatchObject({ value: 42, date: observedAt });
    // And one objective's page, read from B's cache, too.
    const objective = after.objectives.find((o) => o.indicators.some((i) => i.id === id))!;
    const page = await getJson<{ indicators: { id: number; latest: { value: number } | null }[] }>(
      `${b.url}/api/v1/objectives/${objective.code}?asOf=${asOf}`,
      token,
    );
    expect(page.indicators.find((i) => i.id === id)!.latest!.value).toBe(42);
  });

  it('keeps a web session and its forms working on either instance', async () => {
    // The sign-in form comes from A, is posted to B; the session cookie B sets opens a page on A.
    const form = await fetch(`${a.url}/login`);
    const cookies = (form.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const signIn = await fetch(`${b.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
      body: new URLSearchParams({ _csrf: csrf, email: 'admin@test.local', password: 'admin-password-123' }).toString(),
    });
    expect(signIn.status).toBe(303);
    const session = signIn.headers.getSetCookie().map((c) => c.split(';')[0]);
    const jar = [...cookies.filter((c) => !session.some((s) => s.split('=')[0] === c.split('=')[0])), ...session].join('; ');
    const account = await fetch(`${a.url}/account`, { headers: { cookie: jar }, redirect: 'manual' });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('admin@test.local');
    // Signed out through A: B refuses the cookie once its short principal cache (2 s) has passed.
    const accountPage = await (await fetch(`${b.url}/account`, { headers: { cookie: jar } })).text();
    const logoutCsrf = /name="_csrf" value="([^"]+)"/.exec(accountPage)![1];
    const out = await fetch(`${a.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
      body: new URLSearchParams({ _csrf: logoutCsrf }).toString(),
    });
    expect(out.status).toBe(303);
    await new Promise((r) => setTimeout(r, 2_100));
    const after = await fetch(`${b.url}/account`, { headers: { cookie: jar }, redirect: 'manual' });
    expect(after.status).toBe(303);
  });

  it('serves a report made by one instance from the other (report files are in the database)', async () => {
    const res = await fetch(`${a.url}/api/v1/reports`, {
      method: 'POST',
      headers: json(token),
      body: JSON.stringify({ kind: 'objective', scope: '1-1', period: '2025-Q3', format: 'html' }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; url: string };
    const listed = await getJson<{ id: string }[]>(`${b.url}/api/v1/reports`, token);
    expect(listed.map((r) => r.id)).toContain(created.id);
    const file = await fetch(`${b.url}${created.url}`, { headers: { authorization: `Bearer ${token}` } });
    expect(file.status).toBe(200);
    const html = await file.text();
    expect(html).toContain('<html');
    expect(html).toContain('1-1');
  });

  it('counts sign-in attempts across both instances (the rate limit is shared)', async () => {
    const c = await freshDatabase();
    const [x, y] = await Promise.all([instance(c, { LOGIN_ATTEMPTS_PER_MINUTE: '4' }), instance(c, { LOGIN_ATTEMPTS_PER_MINUTE: '4' })]);
    const attempt = (server: ServerProcess) =>
      fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@test.local', password: 'wrong-password-123' }),
      }).then((r) => r.status);
    const statuses = [];
    for (const server of [x, y, x, y, x, y]) statuses.push(await attempt(server));
    // Four attempts per minute in all: the fifth is refused whichever instance it reaches.
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    await Promise.all([x.stop(), y.stop()]);
  }, 90_000);

  it('lets 20 writers spread over both instances for 60 s lose nothing and duplicate nothing', async () => {
    const acknowledged = new Map<number, { value: number; observedAt: string; indicatorId: number }>();
    const refused: number[] = [];
    const until = Date.now() + 60_000;
    let next = 0;
    const writer = async (w: number) => {
      const server = w % 2 === 0 ? a : b;
      // Each writer its own indicator, a new day per write (a second value for a day would be refused).
      const indicatorId = indicators[1 + w];
      for (let j = 0; Date.now() < until; j++) {
        const k = next++;
        const observedAt = day(j);
        const res = await record(server.url, token, indicatorId, k % 100, observedAt, 'twenty-writers');
        if (res.status === 201) acknowledged.set(((await res.json()) as { id: number }).id, { value: k % 100, observedAt, indicatorId });
        else refused.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, w) => writer(w)));
    expect(refused).toEqual([]);
    expect(acknowledged.size).toBe(next);
    const stored = await db.query<{ id: number; value: number; observedAt: string; indicatorId: number }>(
      `SELECT id, value, observed_at AS "observedAt", indicator_id AS "indicatorId" FROM measurements WHERE source = 'twenty-writers'`,
    );
    // Every acknowledged write is there, once, as acknowledged; nothing else is.
    expect(stored.length).toBe(acknowledged.size);
    for (const row of stored) expect(acknowledged.get(row.id)).toEqual({ value: row.value, observedAt: row.observedAt, indicatorId: row.indicatorId });
    console.log(`[20 writers, 60 s, two instances] ${acknowledged.size} writes acknowledged, ${stored.length} stored`);
  }, 120_000);

  it('loses no acknowledged write and leaves no half import when one instance is killed mid-import', async () => {
    const [single, ...bulk] = indicators;
    const lines = ['indicatorId,value,observedAt,source'];
    for (let i = 0; i < 40_000; i++) lines.push(`${bulk[i % bulk.length]},1,${day(3_000 + Math.floor(i / bulk.length))},killed-import`);
    const form = new FormData();
    form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'bulk.csv');

    const acknowledged = new Map<number, number>();
    let stop = false;
    let n = 0;
    const writer = async (server: ServerProcess) => {
      while (!stop) {
        const k = n++;
        try {
          const res = await record(server.url, token, single, k % 100, day(6_000 + k), 'beside-the-import');
          if (res.status === 201) acknowledged.set(((await res.json()) as { id: number }).id, k % 100);
        } catch {
          if (server === a) return; // A is gone
        }
      }
    };
    const writers = [writer(a), writer(a), writer(b), writer(b)];
    const importing = fetch(`${a.url}/api/v1/imports?dryRun=false`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form }).then(
      (r) => r.status,
      () => 'killed' as const,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    await a.kill();
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(writers);
    const outcome = await importing;

    const imported = Number(await db.value("SELECT count(*) FROM measurements WHERE source = 'killed-import'"));
    expect([0, 40_000]).toContain(imported);
    if (outcome === 200) expect(imported).toBe(40_000);
    const stored = new Map(
      (await db.query<{ id: number; value: number }>(`SELECT id, value FROM measurements WHERE source = 'beside-the-import'`)).map((r) => [r.id, r.value]),
    );
    for (const [id, value] of acknowledged) expect(stored.get(id)).toBe(value);
    console.log(`[kill mid-import] import ${outcome} → ${imported} rows; ${acknowledged.size} writes acknowledged beside it, all stored`);

    // B kept serving throughout, and A comes back on the same database.
    expect((await fetch(`${b.url}/health`)).status).toBe(200);
    a = await instance(db);
    expect((await fetch(`${a.url}/health`)).status).toBe(200);
  }, 120_000);
});

describe('scheduled work on two instances', () => {
  let smtp: TestSmtpServer;
  afterAll(async () => smtp?.close());

  it('opens the review period once and delivers each of its mails once', async () => {
    const t0 = Date.now();
    const db = await freshDatabase();
    // An editor for every lead body, made through a first instance without a scheduler.
    const setup = await instance(db);
    const admin = await login(setup.url);
    const bodies = (await getJson<{ acronym: string }[]>(`${setup.url}/api/v1/bodies`, admin)).map((x) => x.acronym);
    let k = 0;
    for (const acronym of bodies.slice(0, 6)) {
      const res = await fetch(`${setup.url}/api/v1/users`, {
        method: 'POST',
        headers: json(admin),
        body: JSON.stringify({ email: `editor${++k}@test.local`, name: `Editor ${k}`, password: `editor-password-${k}`, role: 'editor', bodies: [acronym] }),
      });
      expect(res.status).toBe(201);
    }
    await setup.stop();

    // Two instances with the scheduler on, checking every second, with monthly periods: today's period
    // (last month) is due to open, and both try, at start-up and every second after.
    smtp = await startSmtpServer();
    const env = {
      SCHEDULER_ENABLED: 'true',
      REVIEW_GRANULARITY: 'month',
      REVIEW_DEADLINE_DAY: '28',
      REVIEW_SCHEDULE: '* * * * * *',
      REPORT_SCHEDULE_BODIES: '0 0 1 1 *',
      BACKUP_SCHEDULE: '0 0 1 1 *',
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: '200',
    };
    const [x, y] = await Promise.all([instance(db, env), instance(db, env)]);
    await new Promise((r) => setTimeout(r, 4_000));

    expect(await db.value('SELECT count(*) FROM review_periods')).toBe(1);
    const runs = await db.query<{ status: string }>(`SELECT status FROM job_runs WHERE job = 'review-open'`);
    expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    expect(runs.filter((r) => r.status === 'failed')).toHaveLength(0);
    // Every job the two schedulers started (review opening, reminders, digest, the body reports caught up
    // on at start) was run by one instance only: one run per job and key.
    const perKey = await db.query<{ job: string; runs: number }>(`SELECT job, count(*) AS runs FROM job_runs GROUP BY job, run_key`);
    expect(perKey.length).toBeGreaterThanOrEqual(3);
    for (const row of perKey) expect(row).toEqual({ job: row.job, runs: 1 });

    expect(Number(await db.value(`SELECT count(*) FROM outbox WHERE template = 'review-opened'`))).toBeGreaterThan(0);
    const queued = Number(await db.value(`SELECT count(*) FROM outbox`));
    await smtp.waitFor(queued, 15_000);
    await new Promise((r) => setTimeout(r, 1_000)); // a second delivery, if there were one, would come now
    const ids = smtp.received.map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(queued);
    expect(new Set(ids).size).toBe(queued);
    expect(await db.value(`SELECT count(*) FROM outbox WHERE state = 'sent'`)).toBe(queued);
    console.log(`[scheduler on two instances] ${queued} mail(s) queued, ${ids.length} delivered, at ${Date.now() - t0} ms`);
    // Killed, not stopped: a graceful stop would wait for the body reports the start-up caught up on.
    await Promise.all([x.kill(), y.kill()]);
  }, 120_000);
});
