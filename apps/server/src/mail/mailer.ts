import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, AppConfig } from '@app/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  lang: 'fr' | 'en';
  /** `<outbox-ID@host>`: the same for every attempt of a message, so a receiver can drop a duplicate. */
  messageId: string;
}

/**
 * SMTP delivery over nodemailer, from SMTP_URL (`smtp://` or `smtps://`, user and password in the URL
 * when the server needs them), with pooled connections. Without SMTP_URL there is no transport:
 * `configured` is false and nothing is ever sent (messages stay in the outbox).
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl
      ? createTransport({
          url: config.mail.smtpUrl,
          pool: true,
          maxConnections: 2,
          // A server that does not answer fails the attempt (retried later) instead of holding the worker.
          connectionTimeout: 20_000,
          greetingTimeout: 20_000,
          socketTimeout: 60_000,
        } as SMTPPool.Options)
      : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /** Resolves once the SMTP server accepted the message; rejects with its answer otherwise. */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('SMTP_URL is not set');
    await this.transport.sendMail({
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers: {
        'Content-Language': mail.lang,
        // RFC 3834: an automatic message, so out-of-office replies are not sent back to it.
        'Auto-Submitted': 'auto-generated',
      },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
