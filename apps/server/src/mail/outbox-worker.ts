import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxRecord, OutboxRepository, Transactor, UsersRepository } from '@app/persistence';
import { Mailer } from './mailer';

/** How long a claim holds: past it, a message left `sending` (its worker died) is picked again. */
const CLAIM_MS = 5 * 60_000;
/** Messages claimed per poll. */
const BATCH = 20;
const MAX_ERROR_LENGTH = 1000;

/**
 * Delivers the outbox: every MAIL_POLL_MS it claims the messages due, sends each over SMTP and marks
 * it sent, or pending again after the next delay of MAIL_RETRY_DELAYS_MS, or failed (with the last
 * error) once the retries are spent.
 *
 * Never twice: a message is claimed (`sending`, in one unit of work, which on PostgreSQL holds the
 * write advisory lock, so two server instances never claim the same message) before it is sent,
 * outside the unit, and a `sent` one is never picked again, so a restart resumes the pending ones and
 * sends nothing already sent.
 * One window cannot be closed: if the process dies after the SMTP server accepted a message and
 * before `sent` is written, the claim lapses and the message is sent again. Its Message-ID
 * (`<outbox-ID@host of PUBLIC_URL>`) is the same on every attempt, so the receiving side can drop
 * the duplicate.
 *
 * Without SMTP_URL the worker does not run: messages stay `pending`, readable by administrators.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private readonly host: string;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly users: UsersRepository,
    private readonly tx: Transactor,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.host = new URL(config.publicUrl).hostname;
  }

  onApplicationBootstrap(): void {
    if (!this.mailer.configured) {
      this.logger.log({ msg: 'SMTP_URL is not set: mails stay in the outbox (readable at /admin/courriels)' });
      return;
    }
    this.timer = setInterval(() => void this.tick(), this.config.mail.pollMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops polling and waits for the delivery under way, so shutting down never leaves a message half-marked. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One poll; a poll still running is not doubled. */
  tick(): Promise<void> {
    this.running ??= this.deliverDue()
      .catch((e) => this.logger.error({ msg: 'Outbox poll failed', error: (e as Error).message }))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      // An idle poll only reads; the claim is a unit of work (the write lock), which changes no status
      // data: the empty scope keeps every cached status.
      if (!(await this.outbox.anyDue(now.toISOString()))) return;
      const claimedUntil = new Date(now.getTime() + CLAIM_MS).toISOString();
      const claimed = await this.tx.run(() => this.outbox.claimDue(now.toISOString(), claimedUntil, BATCH), { objectives: [] });
      for (const message of claimed) {
        if (!this.timer) return; // shutting down: what is claimed and unsent is picked again after its claim lapses
        await this.deliver(message);
      }
      if (claimed.length < BATCH) return;
    }
  }

  private async deliver(m: OutboxRecord): Promise<void> {
    const messageId = `<outbox-${m.id}@${this.host}>`;
    // An account disabled since the message was queued (e.g. while SMTP_URL was unset) gets nothing.
    if (m.userId !== null && (await this.users.findById(m.userId))?.disabledAt) {
      await this.outbox.markFailed(m.id, 'account disabled: not sent');
      return;
    }
    try {
      await this.mailer.send({ to: m.toAddress, subject: m.subject, html: m.html, text: m.text, lang: m.lang, messageId });
    } catch (e) {
      const error = String((e as Error).message ?? e).slice(0, MAX_ERROR_LENGTH);
      const delay = this.config.mail.retryDelaysMs[m.attempts - 1];
      if (delay === undefined) {
        await this.outbox.markFailed(m.id, error);
        this.logger.error({ msg: 'Mail failed for good', id: m.id, template: m.template, attempts: m.attempts, error });
      } else {
        await this.outbox.markRetry(m.id, new Date(this.clock.now().getTime() + delay).toISOString(), error);
        this.logger.warn({ msg: 'Mail not delivered; will retry', id: m.id, template: m.template, attempt: m.attempts, retryInMs: delay, error });
      }
      return;
    }
    await this.outbox.markSent(m.id, this.clock.now().toISOString(), messageId);
    this.logger.log({ msg: 'Mail sent', id: m.id, template: m.template });
  }
}
