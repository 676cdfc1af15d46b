import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { ReviewsRepository } from '@app/persistence';
import { editorsOf, ReviewNotice, ReviewNoticeSink, validatorsOf } from '@app/review';
import { MailQueue, Person } from './mail-queue';

type UpdateNotice = Extract<ReviewNotice, { objectiveCode: string }>;

/**
 * The review's notices as mails (the ReviewNoticeSink): awaited inside the transaction of the event,
 * it queues one message per recipient in their language, so the event and its mails commit together
 * (it reads and inserts, nothing else: the worker sends later). Workflow notices go to every active
 * recipient, whatever their reminder setting; disabled accounts never get mail.
 *
 * - period opened → each editor of a body that leads objectives (listing them, the deadline, "My review");
 * - update submitted → the validators (the administrators when no validator is active), not the submitter;
 * - update returned → the lead body's editors, with the reason;
 * - update validated → the lead body's editors.
 */
@Injectable()
export class ReviewMailNotices implements ReviewNoticeSink {
  constructor(
    private readonly mail: MailQueue,
    private readonly reviews: ReviewsRepository,
    private readonly clock: Clock,
  ) {}

  async notify(notice: ReviewNotice): Promise<void> {
    switch (notice.kind) {
      case 'period_opened':
        return this.periodOpened(notice.period, notice.deadline);
      case 'update_submitted':
        return this.updateNotice(
          notice,
          'update-submitted',
          validatorsOf(await this.mail.people()).filter((p) => p.id !== notice.byUserId),
        );
      case 'update_returned':
        return this.updateNotice(notice, 'update-returned', await this.leadEditors(notice.objectiveCode));
      case 'update_validated':
        return this.updateNotice(notice, 'update-validated', await this.leadEditors(notice.objectiveCode));
      case 'period_closed':
        return; // the published report is announced on the site, not by mail
    }
  }

  private async periodOpened(period: string, deadline: string): Promise<void> {
    for (const editor of (await this.mail.people()).filter((p) => !p.disabled && p.role === 'editor')) {
      const objectivesByBody = this.mail.objectivesByBody(editor.bodies, editor.lang);
      if (objectivesByBody?.length) await this.mail.queue('review-opened', period, editor, { period, deadline, objectivesByBody });
    }
  }

  private async leadEditors(code: string): Promise<Person[]> {
    const leadBody = this.mail.objective(code, 'en')?.leadBody;
    return leadBody ? editorsOf(await this.mail.people(), leadBody, { reminder: false }) : [];
  }

  private async updateNotice(notice: UpdateNotice, template: 'update-submitted' | 'update-returned' | 'update-validated', recipients: Person[]): Promise<void> {
    const by = (await this.mail.person(notice.byUserId))?.name ?? '';
    const period = await this.reviews.findPeriod(notice.period);
    const occasion = `${notice.period}:${notice.objectiveCode}:${await this.transitionStamp(notice, period?.id)}`;
    for (const to of recipients) {
      const objective = this.mail.objective(notice.objectiveCode, to.lang);
      if (!objective) continue;
      await this.mail.queue(template, occasion, to, {
        period: notice.period,
        deadline: period?.deadline,
        code: objective.code,
        title: objective.title,
        body: objective.leadBody,
        by,
        reason: notice.kind === 'update_returned' ? notice.reason : undefined,
      });
    }
  }

  /**
   * What makes each transition's mail its own: the update's version (every step changes it), so a
   * second submission after a return is announced again; the time when the update cannot be read.
   */
  private async transitionStamp(notice: UpdateNotice, periodId: number | undefined): Promise<string> {
    const objectiveId = this.mail.objective(notice.objectiveCode, 'en')?.id;
    const update = periodId !== undefined && objectiveId !== undefined ? await this.reviews.findUpdate(periodId, objectiveId) : undefined;
    return update ? `v${update.version}` : this.clock.now().toISOString();
  }
}
