import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JobRunsRepository } from '@app/persistence';
import { ReportsService } from '@app/reports';
import { ReportsScheduler } from '../../apps/server/src/reports/reports.scheduler';
import { startTestApp, TestApp } from '../support/app';
import { cli } from '../support/cli';
import { countRows, createTestDatabase, TestDatabase } from '../support/db';
import { tempDir } from '../support/temp';

const apps: TestApp[] = [];
const tmp = tempDir('fdr-schedule-');
afterAll(async () => {
  for (const a of apps) await a.close();
  tmp.cleanup();
});
const start = async (env: Record<string, string>, now: string) => {
  const t = await startTestApp({ env: { REPORT_SCHEDULE_FORMAT: 'html', JOB_RETRY_DELAYS_MS: '10,20', ...env }, now });
  apps.push(t);
  return t;
};

describe('scheduled reports', () => {
  it('registers only the daily check for body reports, in the configured time zone; no roadmap report on day 1', async () => {
    const t = await start({ SCHEDULER_ENABLED: 'true' }, '2025-06-20T10:00:00.000Z');
    const registry = t.app.get(SchedulerRegistry);
    const bodies = registry.getCronJob('body-reports');
    expect(bodies.cronTime.source).toBe('30 6 * * *');
    const next = bodies.nextDate().setZone('Europe/Paris');
    expect([next.hour, next.minute]).toEqual([6, 30]);
    // The quarter's roadmap report is the official one, made when its review is closed.
    expect(registry.doesExist('cron', 'roadmap-report')).toBe(false);
    await bodies.stop();
    // The start caught up the month due (May 2025: its deadline, 15 June, has passed).
    const runs = t.app.get(JobRunsRepository);
    await until(async () => (await runs.list('body-reports')).some((r) => r.status === 'succeeded'));
    expect((await runs.list('body-reports')).map((r) => [r.runKey, r.status])).toEqual([['2025-05', 'succeeded']]);
  }, 120_000);

  it("publishes every body's report for a month on the first day after its collection deadline, once, with the values collected", async () => {
    const t = await start({}, '2025-11-05T09:00:00.000Z');
    let admin = await t.login();
    // CNAM's indicator of 8-3 gets its October value during the collection window (on 5 November).
    const users = (await request(t.http).get('/api/v1/objectives/8-3').set('Authorization', `Bearer ${admin}`).expect(200)).body.indicators[0].id;
    await request(t.http)
      .post(`/api/v1/indicators/${users}/measurements`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ value: 123_456, observedAt: '2025-10-31', source: 'CNAM' })
      .expect(201);
    const scheduler = t.app.get(ReportsScheduler);
    // On the deadline (15 November) October's reports are not due yet: September's are.
    expect(scheduler.monthDue('2025-11-15').id).toBe('2025-09');
    expect(scheduler.monthDue('2025-11-16').id).toBe('2025-10');
    t.clock.set('2025-11-16T05:30:00.000Z');
    const outcome = await scheduler.runBodyReports(t.clock.now());
    expect(outcome).toMatchObject({ job: 'body-reports', runKey: '2025-10', status: 'succeeded' });
    expect(outcome.result).toHaveLength(27);
    admin = await t.login();
    const archive = await request(t.http).get('/api/v1/reports?kind=body&scope=CNAM').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(archive.body).toEqual([expect.objectContaining({ period: '2025-10', asOf: '2025-10-31', trigger: 'schedule', createdBy: null })]);
    const html = await request(t.http).get(archive.body[0].url).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(html.text).toContain('123\u202f456');
    // The next daily check (or a restart) does not publish them twice.
    t.clock.set('2025-11-17T05:30:00.000Z');
    expect(await scheduler.runBodyReports(t.clock.now())).toMatchObject({ runKey: '2025-10', status: 'skipped' });
  }, 120_000);

  it('logs and retries a failed run, records every attempt, and keeps the server up', async () => {
    const t = await start({ CHROMIUM_PATH: '/nonexistent/chromium', REPORT_SCHEDULE_FORMAT: 'pdf' }, '2026-04-20T04:00:00.000Z');
    const outcome = await t.app.get(ReportsScheduler).runBodyReports(t.clock.now());
    expect(outcome).toMatchObject({ runKey: '2026-03', status: 'failed', attempts: 3 });
    const runs = await t.app.get(JobRunsRepository).list('body-reports');
    expect(runs.map((r) => [r.attempt, r.status])).toEqual([
      [3, 'failed'],
      [2, 'failed'],
      [1, 'failed'],
    ]);
    expect(runs[0].error).toMatch(/Chromium could not start \(\/nonexistent\/chromium\)/);
    await request(t.http).get('/health').expect(200);
  });

  it('stops with the server: a run waiting to retry ends at once and is recorded as failed (not done, so caught up at the next start)', async () => {
    const t = await startTestApp({
      env: { CHROMIUM_PATH: '/nonexistent/chromium', REPORT_SCHEDULE_FORMAT: 'pdf', JOB_RETRY_DELAYS_MS: '600000' },
      now: '2026-04-20T04:00:00.000Z',
    });
    const outcome = t.app.get(ReportsScheduler).runBodyReports(t.clock.now());
    await until(async () => (await countRows(t.database, 'job_runs', "status = 'failed'")) === 1);
    // Before, the run held its lock's connection through its ten-minute wait, and the shutdown waited with it.
    await t.app.close();
    expect(await outcome).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await t.database.query("SELECT attempt, status FROM job_runs WHERE job = 'body-reports'")).toEqual([{ attempt: 1, status: 'failed' }]);
    await t.database.drop();
  }, 60_000);

  it('ends a series of body reports between two reports when its signal aborts', async () => {
    const t = await start({}, '2026-04-20T04:00:00.000Z');
    const stop = new AbortController();
    stop.abort(new Error('the server is stopping'));
    const reports = t.app.get(ReportsService);
    await expect(
      reports.generateForEveryBody({ period: '2026-03', asOf: '2026-03-31', format: 'html', lang: 'fr' }, { userId: null, trigger: 'schedule' }, undefined, {
        signal: stop.signal,
      }),
    ).rejects.toThrow('the server is stopping');
    expect(await countRows(t.database, 'reports')).toBe(0);
  });
});

async function until(done: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('report generate (CLI)', () => {
  // One database for the three commands, empty at first: `seed` migrates it and loads the roadmap.
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => database?.drop());

  it('writes one report and prints where', () => {
    const env = database.env;
    cli(['seed'], env);
    const out = tmp.path('q4.html');
    const r = cli(['report', 'generate', '--kind', 'roadmap', '--period', '2025-Q4', '--format', 'html', '--out', out], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Report [0-9a-f-]{36} \\(roadmap, 2025-Q4, as of 2025-12-31\\) written to ${out.replace(/[.]/g, '\\.')}`));
  });

  it("generates every body's report with progress", () => {
    const env = database.env;
    const dir = tmp.path('bodies');
    const r = cli(['report', 'generate', '--all-bodies', '--period', '2025-10', '--format', 'html', '--out', dir], env);
    expect(r.status).toBe(0);
    const progress = r.stdout.split('\n').filter((l) => /^\[\s*\d+\/27\]/.test(l));
    expect(progress).toHaveLength(27);
    expect(progress[0]).toBe('[ 1/27] AIS');
    expect(progress[26]).toBe('[27/27] SPF');
    expect(readdirSync(dir)).toHaveLength(27);
  });

  it('refuses a bad period with the reason', () => {
    const r = cli(['report', 'generate', '--kind', 'roadmap', '--period', '2025-Q7'], {
      ...database.env,
      LANG: 'en_GB.UTF-8',
      LC_ALL: '',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Period: "2025-Q7" is not a period; write 2025-11 \(month\)/);
  });
});
