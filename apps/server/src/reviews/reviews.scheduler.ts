import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { periodDueToOpen } from '@app/review';
import { JobOutcome, JobRunner } from '../operations/job-runner';
import { ReviewsService } from './reviews.service';

/**
 * Opens each review period on its own: a daily check (REVIEW_SCHEDULE, in TIMEZONE) opens the period
 * due if it does not exist yet, and the same check runs once when the server starts, so a server that
 * was down on the opening day opens it when it comes back. Run key = the period: one opening, ever.
 */
@Injectable()
export class ReviewsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReviewsScheduler');

  constructor(
    private readonly reviews: ReviewsService,
    private readonly jobs: JobRunner,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduler.enabled) return;
    this.jobs.schedule('review-open', this.config.review.cron, () => this.runOpening());
    // Catch-up after downtime, in the background: a failure is logged and retried by the JobRunner
    // without holding the start-up.
    void this.runOpening().catch((e) => this.logger.error({ msg: 'Review opening failed', error: (e as Error).message }));
  }

  /** Opens the period due on the day of `now` (Paris), unless it exists already or its collection is over. */
  runOpening(now: Date = this.calendar.now()): Promise<JobOutcome<Awaited<ReturnType<ReviewsService['openDuePeriod']>>>> {
    const today = this.calendar.dateOf(now);
    const due = periodDueToOpen(this.config.review, today);
    return this.jobs.run('review-open', due.period.id, () => this.reviews.openDuePeriod(today));
  }
}
