import { Global, Module } from '@nestjs/common';
import { SnapshotsModule } from '@app/snapshots';
import { REVIEW_NOTICE_SINK } from '@app/review';
import { PASSWORD_RESET_MAIL } from '@app/accounts';
import { OperationsModule } from '../operations/operations.module';
import { MailComposer } from './mail-composer';
import { MailQueue } from './mail-queue';
import { Mailer } from './mailer';
import { OutboxController } from './outbox.controller';
import { OutboxWorker } from './outbox-worker';
import { PasswordResetMails } from './password-reset-mail';
import { ReviewMailNotices } from './review-mail-notices';
import { ReviewReminders } from './review-reminders';

/**
 * Mail: the outbox and its worker (SMTP over nodemailer), the mail templates, the review's notices
 * as mails (REVIEW_NOTICE_SINK, injected into the reviews capability), its reminders and weekly digest.
 * Global, so the reviews capability gets the sink (an optional injection) without importing mail.
 */
@Global()
@Module({
  imports: [SnapshotsModule, OperationsModule],
  controllers: [OutboxController],
  providers: [
    MailComposer,
    MailQueue,
    Mailer,
    OutboxWorker,
    ReviewMailNotices,
    ReviewReminders,
    { provide: REVIEW_NOTICE_SINK, useExisting: ReviewMailNotices },
    PasswordResetMails,
    { provide: PASSWORD_RESET_MAIL, useExisting: PasswordResetMails },
  ],
  exports: [REVIEW_NOTICE_SINK, PASSWORD_RESET_MAIL, MailQueue, ReviewReminders, Mailer],
})
export class MailModule {}
