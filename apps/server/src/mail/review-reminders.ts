import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ReviewsRepository, RoadmapRepository, Transactor } from '@app/persistence';
import { bodyDigest, editorsOf, isoWeek, objectivesToChase, reminderDue } from '@app/review';
import { StatusService } from '@app/snapshots';
import { JobOutcome, JobRunner } from '../operations/job-runner';
import { MailQueue } from './mail-queue';

/**
 * The review's reminders and the weekly digest, queued by scheduled jobs (JobRunner: recorded,
 * retried, run once per key). Reminders go to the editors of lead bodies whose updates are not
 * submitted, N days before the deadline and on it; the digest to each lead body's editors. Only to
 * people who kept reminders on. Each mail has its key, so a run caught up after downtime, or run
 * twice, queues nothing twice.
 */
@Injectable()
export class ReviewReminders implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReviewMail');

  constructor(
    private readonly mail: MailQueue,
    private readonly reviews: ReviewsRepository,
    private readonly roadmap: RoadmapRepository,
    private readonly status: StatusService,
    private readonly tx: Transactor,
    private readonly jobs: JobRunner,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule('review-reminders', this.config.review.cron, () => this.runReminders());
    this.jobs.schedule('review-digest', this.config.review.digestCron, () => this.runDigest());
    if (!this.config.scheduler.enabled) return;
    // Caught up at start: a reminder day (or this week's digest) missed while the server was down is queued now, once.
    void this.runReminders().catch((e) => this.logger.error({ msg: 'Reminders catch-up failed', error: (e as Error).message }));
    void this.runDigest().catch((e) => this.logger.error({ msg: 'Digest catch-up failed', error: (e as Error).message }));
  }

  runReminders(now: Date = this.calendar.now()): Promise<JobOutcome<{ queued: number }>> {
    const today = this.calendar.dateOf(now);
    return this.jobs.run('review-reminders', today, async () => ({ queued: await this.queueReminders(today) }));
  }

  runDigest(now: Date = this.calendar.now()): Promise<JobOutcome<{ queued: number }>> {
    const today = this.calendar.dateOf(now);
    return this.jobs.run('review-digest', isoWeek(today), async () => ({ queued: await this.queueDigest(today) }));
  }

  /** Queues the reminders due on `today` for every open period; returns how many were queued now. */
  async queueReminders(today: string): Promise<number> {
    return this.tx.run(async () => {
      let queued = 0;
      const objectives = this.roadmap.structure().objectives;
      const people = await this.mail.people();
      for (const period of await this.reviews.openPeriods()) {
        const kind = reminderDue(period.deadline, today, this.config.review.reminderDaysBefore);
        if (!kind) continue;
        const states = new Map((await this.reviews.updatesOf(period.id)).map((u) => [u.objectiveId, u.state]));
        const chase = objectivesToChase(objectives.map((o) => ({ objectiveCode: o.code, leadBody: o.leadBody, state: states.get(o.id) ?? null })));
        const template = kind === 'deadline_near' ? 'deadline-near' : 'deadline-day';
        const recipients = new Map([...chase.keys()].flatMap((body) => editorsOf(people, body, { reminder: true })).map((p) => [p.id, p]));
        for (const editor of recipients.values()) {
          const objectivesByBody = this.mail.objectivesByBody(
            editor.bodies.filter((b) => chase.has(b)),
            editor.lang,
            chase,
          );
          if (!objectivesByBody?.length) continue;
          if (await this.mail.queue(template, period.period, editor, { period: period.period, deadline: period.deadline, today, objectivesByBody })) queued++;
        }
      }
      return queued;
    });
  }

  /** Queues this week's digest for each lead body with something to say, to its editors; returns how many were queued now. */
  async queueDigest(today: string): Promise<number> {
    const week = isoWeek(today);
    const snapshots = { fr: await this.status.snapshot(today, 'fr'), en: await this.status.snapshot(today, 'en') };
    const people = await this.mail.people();
    return this.tx.run(async () => {
      let queued = 0;
      for (const body of this.roadmap.structure().bodies.map((b) => b.acronym)) {
        for (const editor of editorsOf(people, body, { reminder: true })) {
          const s = snapshots[editor.lang];
          const milestones = s.objectives.flatMap((o) =>
            o.milestones.map((m) => ({ objectiveCode: o.code, leadBody: o.leadBody, title: m.title, dueDate: m.dueDate, state: m.state })),
          );
          const digest = bodyDigest(body, s.stale, milestones, today);
          if (!digest) continue;
          const bodyPath = `/bodies/${body.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
          if (
            await this.mail.queue('weekly-digest', `${week}:${body}`, editor, {
              body,
              today,
              stale: digest.stale,
              milestonesDue: digest.milestonesDue,
              bodyPath,
            })
          )
            queued++;
        }
      }
      return queued;
    });
  }
}
