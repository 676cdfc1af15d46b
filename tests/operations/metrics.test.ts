import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { OutboxRepository, Transactor } from '@app/persistence';
import { ReportsScheduler } from '../../apps/server/src/reports/reports.scheduler';
import { startTestApp, TestApp } from '../support/app';

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789abcdef';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus's text exposition format, read line by line: `name{label="value",…} number`. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

/** The value of the one sample with this name and these labels (others ignored); undefined when absent. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
}

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

describe('/metrics (Prometheus)', () => {
  let t: TestApp;
  let admin: string;
  const scrape = async (): Promise<Sample[]> => {
    const res = await request(t.http).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(res.text);
  };

  beforeAll(async () => {
    // PUBLIC_READ opens the API's reads to anyone: never the metrics. No Chromium: PDF reports fail.
    t = await startTestApp({
      env: { METRICS_TOKEN, PUBLIC_READ: 'true', CHROMIUM_PATH: '/nonexistent/chromium', REPORT_SCHEDULE_FORMAT: 'pdf', JOB_RETRY_DELAYS_MS: '10,20' },
    });
    apps.push(t);
    admin = await t.login();
  });

  it('is refused without a token, with a wrong one, and to a signed-in person who is not an administrator, whatever PUBLIC_READ says', async () => {
    await request(t.http).get('/api/v1/roadmap').expect(200); // the public read is on
    const none = await request(t.http).get('/metrics').expect(401);
    expect(none.body).toMatchObject({ code: 'metrics.token_required', message: expect.stringContaining('METRICS_TOKEN') });
    expect(none.body.message).toMatch(/^Les métriques demandent un jeton/);
    const english = await request(t.http).get('/metrics').set('Accept-Language', 'en').expect(401);
    expect(english.body.message).toMatch(/^Metrics need a token: send "Authorization: Bearer <token>"/);
    const wrong = await request(t.http)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN.slice(0, -1)}x`)
      .expect(401);
    expect(wrong.body.code).toBe('metrics.token_invalid');
    const viewer = await t.userToken('viewer');
    const refused = await request(t.http).get('/metrics').set('Authorization', `Bearer ${viewer}`).expect(403);
    expect(refused.body).toMatchObject({ code: 'metrics.admin_required' });
    expect(refused.body.message).toMatch(/votre rôle est «\s?lecteur\s?»/); // the role's name in French
    const editor = await t.userToken('editor', ['CNAM']);
    await request(t.http).get('/metrics').set('Authorization', `Bearer ${editor}`).expect(403);
    expect(refused.text).not.toContain('http_request_duration_seconds');
  });

  it("is read with METRICS_TOKEN or an administrator's token", async () => {
    const byToken = await request(t.http).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    const byAdmin = await request(t.http).get('/metrics').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(byAdmin.headers['cache-control']).toBe('no-store');
    for (const res of [byToken, byAdmin]) expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it("times requests by route pattern and status, never by the raw URL; unmatched addresses share one label; with the process's own metrics", async () => {
    for (const code of ['8-3', '15-4', '8-3']) await request(t.http).get(`/api/v1/objectives/${code}`).set('Authorization', `Bearer ${admin}`).expect(200);
    await request(t.http).get('/api/v1/objectives/99-99').set('Authorization', `Bearer ${admin}`).expect(404);
    await request(t.http).get('/no/such/page-1').expect(404);
    await request(t.http).get('/no/such/page-2').expect(404);
    const s = await scrape();
    const route = '/api/v1/objectives/:code';
    expect(valueOf(s, 'http_request_duration_seconds_count', { method: 'GET', route, status_code: '200' })).toBe(3);
    expect(valueOf(s, 'http_request_duration_seconds_count', { method: 'GET', route, status_code: '404' })).toBe(1);
    expect(valueOf(s, 'http_request_duration_seconds_bucket', { method: 'GET', route, status_code: '200', le: '+Inf' })).toBe(3);
    expect(valueOf(s, 'http_request_duration_seconds_sum', { method: 'GET', route, status_code: '200' })).toBeGreaterThan(0);
    expect(valueOf(s, 'http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_code: '404' })).toBe(2);
    const routes = new Set(s.filter((x) => x.name === 'http_request_duration_seconds_count').map((x) => x.labels.route));
    expect([...routes].filter((r) => /8-3|15-4|page-/.test(r))).toEqual([]);
    // The refusals of the test before are there too, under /metrics.
    expect(valueOf(s, 'http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status_code: '401' })).toBeGreaterThanOrEqual(3);
    expect(valueOf(s, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(s, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(s.some((x) => x.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it('counts write transactions committed and rolled back', async () => {
    const indicator = (await request(t.http).get('/api/v1/objectives/8-3').set('Authorization', `Bearer ${admin}`).expect(200)).body.indicators[0].id;
    const before = await scrape();
    const committed = valueOf(before, 'db_write_transactions_total', { outcome: 'committed' })!;
    const rolledBack = valueOf(before, 'db_write_transactions_total', { outcome: 'rolled_back' })!;
    const value = { value: 1234, observedAt: '2025-05-31', source: 'CNAM' };
    await request(t.http).post(`/api/v1/indicators/${indicator}/measurements`).set('Authorization', `Bearer ${admin}`).send(value).expect(201);
    // The same value again: refused inside its transaction (a duplicate), which rolls back.
    await request(t.http).post(`/api/v1/indicators/${indicator}/measurements`).set('Authorization', `Bearer ${admin}`).send(value).expect(409);
    const after = await scrape();
    expect(valueOf(after, 'db_write_transactions_total', { outcome: 'committed' })).toBe(committed + 1);
    expect(valueOf(after, 'db_write_transactions_total', { outcome: 'rolled_back' })).toBe(rolledBack + 1);
  });

  it("times reports by kind and format, and counts the failed ones (Chromium missing) and a scheduled job's failed attempts", async () => {
    const order = { kind: 'objective', scope: '8-3', period: '2025-Q1' };
    await request(t.http)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...order, format: 'html' })
      .expect(201);
    await request(t.http)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...order, format: 'pdf' })
      .expect(503);
    // A refused order (unknown scope) is the reader's mistake, not a failed report: not counted.
    await request(t.http)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...order, scope: '99-99', format: 'pdf' })
      .expect(400);
    let s = await scrape();
    expect(valueOf(s, 'report_generation_duration_seconds_count', { kind: 'objective', format: 'html' })).toBe(1);
    expect(valueOf(s, 'report_generation_duration_seconds_sum', { kind: 'objective', format: 'html' })).toBeGreaterThan(0);
    expect(valueOf(s, 'report_generation_failures_total', { kind: 'objective', format: 'html' })).toBeUndefined();
    expect(valueOf(s, 'report_generation_failures_total', { kind: 'objective', format: 'pdf' })).toBe(1);
    expect(valueOf(s, 'report_generation_duration_seconds_count', { kind: 'objective', format: 'pdf' })).toBe(1);

    // The scheduled body reports, in PDF without Chromium: three attempts (JOB_RETRY_DELAYS_MS has two retries), each failing.
    const outcome = await t.app.get(ReportsScheduler).runBodyReports(t.clock.now());
    expect(outcome).toMatchObject({ job: 'body-reports', status: 'failed', attempts: 3 });
    s = await scrape();
    expect(valueOf(s, 'scheduled_job_failures_total', { job: 'body-reports' })).toBe(3);
    expect(valueOf(s, 'report_generation_failures_total', { kind: 'body', format: 'pdf' })).toBe(3);
  });

  it('shows the mail outbox backlog as the database holds it, read when scraped', async () => {
    const outbox = t.app.get(OutboxRepository);
    const tx = t.app.get(Transactor);
    const now = t.clock.now().toISOString();
    const mail = (key: string) => ({
      key,
      template: 'test',
      userId: null,
      toAddress: `${key}@test.local`,
      lang: 'fr' as const,
      subject: 's',
      html: '<p>h</p>',
      text: 't',
    });
    await tx.run(async () => {
      for (const key of ['m1', 'm2', 'm3']) await outbox.enqueue(mail(key), now);
    });
    let s = await scrape();
    expect(valueOf(s, 'mail_outbox_messages', { state: 'pending' })).toBe(3);
    expect(valueOf(s, 'mail_outbox_messages', { state: 'failed' })).toBe(0);
    // One claimed and given up on (retries exhausted).
    await tx.run(async () => {
      const [claimed] = await outbox.claimDue(now, new Date(t.clock.now().getTime() + 60_000).toISOString(), 1);
      await outbox.markFailed(claimed.id, 'SMTP refused');
    });
    s = await scrape();
    expect(valueOf(s, 'mail_outbox_messages', { state: 'pending' })).toBe(2);
    expect(valueOf(s, 'mail_outbox_messages', { state: 'sending' })).toBe(0);
    expect(valueOf(s, 'mail_outbox_messages', { state: 'failed' })).toBe(1);
  });

  it('keeps each application its own metrics: a second app in the same process counts only its own requests', async () => {
    const other = await startTestApp({ env: { METRICS_TOKEN } });
    apps.push(other);
    await request(other.http)
      .get('/api/v1/bodies')
      .set('Authorization', `Bearer ${await other.login()}`)
      .expect(200);
    const mine = parseExposition((await request(other.http).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text);
    expect(valueOf(mine, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/bodies', status_code: '200' })).toBe(1);
    expect(valueOf(mine, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/objectives/:code', status_code: '200' })).toBeUndefined();
    const first = await scrape();
    expect(valueOf(first, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/bodies', status_code: '200' })).toBeUndefined();
  });
});
