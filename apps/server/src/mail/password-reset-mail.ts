import { Injectable } from '@nestjs/common';
import type { PasswordResetLink, PasswordResetMail } from '@app/accounts';
import type { UserRecord } from '@app/persistence';
import { MailQueue } from './mail-queue';

/** The password reset link as a mail of the outbox (PASSWORD_RESET_MAIL), in the person's language. */
@Injectable()
export class PasswordResetMails implements PasswordResetMail {
  constructor(private readonly mails: MailQueue) {}

  async queue(user: UserRecord, link: PasswordResetLink): Promise<void> {
    const to = {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      bodies: user.bodies,
      disabled: !!user.disabledAt,
      remindersEnabled: user.remindersEnabled,
      lang: user.lang,
    };
    // One mail per link: the link's id is the occasion.
    await this.mails.queue('password-reset', `link-${link.id}`, to, { resetUrl: link.url, expiresAt: link.expiresAt });
  }
}
