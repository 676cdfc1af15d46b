import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { previousPeriod } from '@app/common';
import { ReportsService } from '@app/reports';
import { JobOutcome, JobRunner } from '../operations/job-runner';

/**
 * Scheduled reports (cron from the configuration, in TIMEZONE): the roadmap report for the quarter
 * just ended, at the start of each quarter; every body's report for the month just ended, monthly.
 * Runs are recorded, retried and never duplicated by the JobRunner.
 */
@Injectable()
export class ReportsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportsScheduler');

  constructor(
    private readonly reports: ReportsService,
    private readonly jobs: JobRunner,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.reports.prewarm) {
      // Chromium starts in the background, so the first report does not pay for it; a failure here
      // is only logged (the first report will say what is wrong).
      void this.reports.warmUp().catch((e) => this.logger.warn({ msg: 'Could not warm up Chromium', error: (e as Error).message }));
    }
    this.jobs.schedule('roadmap-report', this.config.scheduler.roadmapCron, () => this.runRoadmapReport());
    this.jobs.schedule('body-reports', this.config.scheduler.bodiesCron, () => this.runBodyReports());
  }

  /** The roadmap report for the quarter before `now`. */
  runRoadmapReport(now: Date = this.calendar.now()): Promise<JobOutcome<string[]>> {
    const period = previousPeriod('quarter', this.calendar.dateOf(now));
    return this.jobs.run(
      'roadmap-report',
      period.id,
      async () => {
        const r = await this.reports.generate(
          { kind: 'roadmap', period: period.id, asOf: period.end, format: this.config.scheduler.format, lang: this.config.scheduler.lang },
          { userId: null, trigger: 'schedule' },
        );
        return [r.id];
      },
      (reportIds) => ({ reportIds }),
    );
  }

  /** Every body's report for the month before `now`. */
  runBodyReports(now: Date = this.calendar.now()): Promise<JobOutcome<string[]>> {
    const period = previousPeriod('month', this.calendar.dateOf(now));
    return this.jobs.run(
      'body-reports',
      period.id,
      async () => {
        const done = await this.reports.generateForEveryBody(
          { period: period.id, asOf: period.end, format: this.config.scheduler.format, lang: this.config.scheduler.lang },
          { userId: null, trigger: 'schedule' },
        );
        return done.map((r) => r.id);
      },
      (reportIds) => ({ reportIds }),
    );
  }
}
