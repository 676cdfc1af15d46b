import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Calendar, Period, previousPeriod } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ReportsService } from '@app/reports';
import { defaultDeadline } from '@app/review';
import { JobOutcome, JobRunner } from '../operations/job-runner';

/**
 * Scheduled reports (cron from the configuration, in TIMEZONE). Every body's report for a month is
 * made on the first day after that month's collection deadline (the review's deadline day of the
 * next month), counting the values recorded during the collection: a daily check runs it, the
 * JobRunner makes it once (recorded, retried), and a run missed while the server was down is caught
 * up at start. The quarter's roadmap report is not scheduled: its official one is made when its
 * review is closed (PublishingService).
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
    if (!this.config.scheduler.enabled) return;
    this.jobs.schedule('body-reports', this.config.scheduler.bodiesCron, () => this.runBodyReports());
    // Catch-up: the month whose deadline passed while the server was down (skipped if already made).
    void this.runBodyReports().catch((e) => this.logger.error({ msg: 'Body reports catch-up failed', error: (e as Error).message }));
  }

  /** The latest month whose collection deadline is over on `today`: its body reports are due. */
  monthDue(today: string): Period {
    let month = previousPeriod('month', today);
    // Before (or on) its deadline, the month before it is the one due.
    if (today <= defaultDeadline(month, this.config.review.deadlineDay)) month = previousPeriod('month', month.start);
    return month;
  }

  /** Every body's report for the month due on `now`'s day, values recorded up to now counted. */
  runBodyReports(now: Date = this.calendar.now()): Promise<JobOutcome<string[]>> {
    const period = this.monthDue(this.calendar.dateOf(now));
    return this.jobs.run(
      'body-reports',
      period.id,
      async (signal) => {
        const done = await this.reports.generateForEveryBody(
          { period: period.id, asOf: period.end, format: this.config.scheduler.format, lang: this.config.scheduler.lang },
          { userId: null, trigger: 'schedule' },
          undefined,
          { recordedUpTo: now.toISOString(), signal },
        );
        return done.map((r) => r.id);
      },
      (reportIds) => ({ reportIds }),
    );
  }
}
