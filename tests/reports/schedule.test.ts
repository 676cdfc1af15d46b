import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JobRunsRepository } from '@app/persistence';
import { ReportsScheduler } from '../../apps/server/src/reports/reports.scheduler';
import { startTestApp, TestApp } from '../support/app';
import { cli } from '../support/cli';
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
  it('registers the configured cron jobs in the configured time zone', async () => {
    const t = await start({ SCHEDULER_ENABLED: 'true' }, '2025-06-15T10:00:00.000Z');
    const registry = t.app.get(SchedulerRegistry);
    const roadmap = registry.getCronJob('roadmap-report');
    const bodies = registry.getCronJob('body-reports');
    expect(roadmap.cronTime.source).toBe('0 6 1 1,4,7,10 *');
    expect(bodies.cronTime.source).toBe('30 6 1 * *');
    const next = roadmap.nextDate().setZone('Europe/Paris');
    expect([next.day, next.hour, next.minute, [1, 4, 7, 10].includes(next.month)]).toEqual([1, 6, 0, true]);
    roadmap.stop();
    bodies.stop();
  });

  it('at the start of a quarter, publishes the roadmap report for the quarter just ended, once', async () => {
    const t = await start({}, '2026-01-01T05:00:00.000Z');
    const scheduler = t.app.get(ReportsScheduler);
    const first = await scheduler.runRoadmapReport(t.clock.now());
    expect(first).toMatchObject({ job: 'roadmap-report', runKey: '2025-Q4', status: 'succeeded', attempts: 1 });
    const admin = await t.login();
    const archive = await request(t.http).get('/api/v1/reports?kind=roadmap').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(archive.body).toEqual([
      expect.objectContaining({ id: first.result![0], period: '2025-Q4', asOf: '2025-12-31', trigger: 'schedule', createdBy: null }),
    ]);
    // A restart or a second tick for the same quarter does not publish it twice.
    expect(await scheduler.runRoadmapReport(t.clock.now())).toMatchObject({ status: 'skipped' });
  });

  it("monthly, publishes every body's report for the month just ended", async () => {
    const t = await start({}, '2025-11-01T06:30:00.000Z');
    const outcome = await t.app.get(ReportsScheduler).runBodyReports(t.clock.now());
    expect(outcome).toMatchObject({ runKey: '2025-10', status: 'succeeded' });
    expect(outcome.result).toHaveLength(27);
  });

  it('logs and retries a failed run, records every attempt, and keeps the server up', async () => {
    const t = await start({ CHROMIUM_PATH: '/nonexistent/chromium', REPORT_SCHEDULE_FORMAT: 'pdf' }, '2026-04-01T04:00:00.000Z');
    const outcome = await t.app.get(ReportsScheduler).runRoadmapReport(t.clock.now());
    expect(outcome).toMatchObject({ runKey: '2026-Q1', status: 'failed', attempts: 3 });
    const runs = t.app.get(JobRunsRepository).list('roadmap-report');
    expect(runs.map((r) => [r.attempt, r.status])).toEqual([
      [3, 'failed'],
      [2, 'failed'],
      [1, 'failed'],
    ]);
    expect(runs[0].error).toMatch(/Chromium could not start \(\/nonexistent\/chromium\)/);
    await request(t.http).get('/health').expect(200);
  });
});

describe('report generate (CLI)', () => {
  it('writes one report and prints where', () => {
    const env = { DATABASE_PATH: tmp.path('cli.sqlite') };
    cli(['seed'], env);
    const out = tmp.path('q4.html');
    const r = cli(['report', 'generate', '--kind', 'roadmap', '--period', '2025-Q4', '--format', 'html', '--out', out], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Report [0-9a-f-]{36} \\(roadmap, 2025-Q4, as of 2025-12-31\\) written to ${out.replace(/[.]/g, '\\.')}`));
  });

  it("generates every body's report with progress", () => {
    const env = { DATABASE_PATH: tmp.path('cli.sqlite') };
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
      DATABASE_PATH: tmp.path('cli.sqlite'),
      LANG: 'en_GB.UTF-8',
      LC_ALL: '',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Period: "2025-Q7" is not a period; write 2025-11 \(month\)/);
  });
});
