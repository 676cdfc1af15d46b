import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OUTBOX_STATES, OutboxRecord, OutboxRepository, OutboxState } from '@app/persistence';
import { BadgeVariant, fillLabel, formatDateTime, Lang, MAIL_LABELS, MailLabels, MailTemplate, plural, typography } from '@app/presentation';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;
const PAGE_SIZE = 25;
const STATE_BADGES: Record<OutboxState, BadgeVariant> = { pending: 'new', sending: 'info', sent: 'success', failed: 'error' };

/**
 * The mail outbox, for administrators: every message with its state, each readable in full. Without
 * SMTP_URL this is where mails are read (they stay pending), and the page says so.
 */
@WebPages()
@Roles('admin')
@Controller('admin/courriels')
export class OutboxPagesController {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly web: WebContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Req() req: PageRequest, @Res() res: FastifyReply, @Query() q: Record<string, string | undefined>) {
    const lang = this.web.lang(req, res);
    const mail = this.mailLabels(lang);
    const state = OUTBOX_STATES.includes(q.state as OutboxState) ? (q.state as OutboxState) : undefined;
    const total = await this.outbox.count(state);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1));
    const link = (n: number) => `/admin/courriels?${new URLSearchParams({ ...(state && { state }), page: String(n) })}`;
    const [counts, messages] = await Promise.all([this.outbox.countsByState(), this.outbox.list({ state, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })]);
    this.web.send(req, res, req.principal, 'admin-outbox', {
      title: mail.outboxTitle,
      nav: 'outbox',
      mail,
      notConfigured: !this.config.mail.smtpUrl,
      states: OUTBOX_STATES.map((s) => ({ value: s, label: `${mail.states[s]} (${counts[s]})`, selected: s === state })),
      count: plural(total, mail.count, lang),
      messages: messages.map((m) => this.row(m, mail, lang)),
      pagination:
        pages > 1
          ? {
              previous: page > 1 ? link(page - 1) : null,
              next: page < pages ? link(page + 1) : null,
              current: `${page} / ${pages}`,
            }
          : null,
    });
  }

  @Get(':id')
  async show(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('id') id: string) {
    const m = /^\d{1,9}$/.test(id) ? await this.outbox.find(Number(id)) : undefined;
    if (!m) return this.web.sendError(req, res, req.principal, 404);
    const lang = this.web.lang(req, res);
    const mail = this.mailLabels(lang);
    const title = fillLabel(mail.messageTitle, { id: m.id });
    this.web.send(req, res, req.principal, 'admin-outbox-message', {
      title,
      nav: 'outbox',
      breadcrumb: [{ label: mail.outboxTitle, href: '/admin/courriels' }],
      mail,
      notConfigured: !this.config.mail.smtpUrl,
      message: { ...this.row(m, mail, lang), text: m.text, messageId: m.messageId },
    });
  }

  private mailLabels(lang: Lang): MailLabels {
    return {
      ...MAIL_LABELS[lang],
      outboxIntro: typography(MAIL_LABELS[lang].outboxIntro, lang),
      notConfigured: typography(MAIL_LABELS[lang].notConfigured, lang),
    };
  }

  private row(m: OutboxRecord, mail: MailLabels, lang: Lang) {
    const tz = this.config.timezone;
    return {
      id: m.id,
      href: `/admin/courriels/${m.id}`,
      to: m.toAddress,
      subject: m.subject,
      template: mail.templates[m.template as MailTemplate] ?? m.template,
      lang: mail.langs[m.lang],
      state: { label: mail.states[m.state], variant: STATE_BADGES[m.state] },
      attempts: m.attempts,
      createdAt: formatDateTime(m.createdAt, lang, tz),
      sentAt: m.sentAt ? formatDateTime(m.sentAt, lang, tz) : null,
      nextAttemptAt: m.state === 'pending' ? formatDateTime(m.nextAttemptAt, lang, tz) : null,
      lastError: m.lastError,
    };
  }
}
