import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobRunsRepository } from '@app/persistence';
import { previousPeriod, ReportsService } from '@app/reports';

export interface JobOutcome {
  job: string;
  runKey: string;
  status: 'succeeded' | 'failed' | 'skipped';
  attempts: number;
  reportIds: string[];
}

/**
 * Scheduled reports (cron from the configuration, in TIMEZONE): the roadmap report for the quarter
 * just ended, at the start of each quarter; every body's report for the month just ended, monthly.
 * Each run is recorded in job_runs; a failed run is logged and retried after each of
 * JOB_RETRY_DELAYS_MS; a period already done is skipped, so restarts never duplicate a report.
 * Nothing here can throw into the scheduler: the server keeps serving whatever happens.
 */
@Injectable()
export class ReportsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportsScheduler');

  constructor(
    private readonly reports: ReportsService,
    private readonly runs: JobRunsRepository,
    private readonly calendar: Calendar,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.reports.prewarm) {
      // Chromium starts in the background, so the first report does not pay for it; a failure here
      // is only logged (the first report will say what is wrong).
      void this.reports.warmUp().catch((e) => this.logger.warn({ msg: 'Could not warm up Chromium', error: (e as Error).message }));
    }
    if (!this.config.scheduler.enabled) return;
    const add = (name: string, cron: string, run: () => Promise<JobOutcome>) => {
      const job = CronJob.from({
        cronTime: cron,
        timeZone: this.config.timezone,
        onTick: () => void run().catch((e) => this.logger.error({ msg: 'Scheduled job crashed', job: name, error: (e as Error).message })),
      });
      this.registry.addCronJob(name, job);
      job.start();
      this.logger.log({ msg: 'Scheduled', job: name, cron, next: job.nextDate().toISO() });
    };
    add('roadmap-report', this.config.scheduler.roadmapCron, () => this.runRoadmapReport());
    add('body-reports', this.config.scheduler.bodiesCron, () => this.runBodyReports());
  }

  /** The roadmap report for the quarter before `now`. */
  runRoadmapReport(now: Date = this.calendar.now()): Promise<JobOutcome> {
    const period = previousPeriod('quarter', this.calendar.dateOf(now));
    return this.run('roadmap-report', period.id, async () => {
      const r = await this.reports.generate(
        { kind: 'roadmap', period: period.id, asOf: period.end, format: this.config.scheduler.format, lang: this.config.scheduler.lang },
        { userId: null, trigger: 'schedule' },
      );
      return [r.id];
    });
  }

  /** Every body's report for the month before `now`. */
  runBodyReports(now: Date = this.calendar.now()): Promise<JobOutcome> {
    const period = previousPeriod('month', this.calendar.dateOf(now));
    return this.run('body-reports', period.id, async () => {
      const done = await this.reports.generateForEveryBody(
        { period: period.id, asOf: period.end, format: this.config.scheduler.format, lang: this.config.scheduler.lang },
        { userId: null, trigger: 'schedule' },
      );
      return done.map((r) => r.id);
    });
  }

  private async run(job: string, runKey: string, work: () => Promise<string[]>): Promise<JobOutcome> {
    if (this.runs.succeeded(job, runKey)) {
      this.logger.log({ msg: 'Already done for this period; skipped', job, runKey });
      return { job, runKey, status: 'skipped', attempts: 0, reportIds: [] };
    }
    const delays = this.config.scheduler.retryDelaysMs;
    for (let attempt = 1; ; attempt++) {
      const runId = this.runs.start(job, runKey, attempt, this.calendar.now().toISOString());
      try {
        const reportIds = await work();
        this.runs.finish(runId, 'succeeded', this.calendar.now().toISOString(), null, { reportIds });
        this.logger.log({ msg: 'Scheduled job succeeded', job, runKey, attempt, reports: reportIds.length });
        return { job, runKey, status: 'succeeded', attempts: attempt, reportIds };
      } catch (e) {
        const error = (e as Error).message;
        this.runs.finish(runId, 'failed', this.calendar.now().toISOString(), error);
        const retryIn = delays[attempt - 1];
        this.logger.error({ msg: 'Scheduled job failed', job, runKey, attempt, error, retryInMs: retryIn ?? null });
        if (retryIn === undefined) return { job, runKey, status: 'failed', attempts: attempt, reportIds: [] };
        await new Promise((resolve) => setTimeout(resolve, retryIn).unref());
      }
    }
  }
}
