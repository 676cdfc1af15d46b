import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UsersService } from '@app/accounts';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuditFilter, AuditRecord, AuditRepository } from '@app/persistence';
import { fieldLabel, fill, formatDateTime, Lang, reviewAuditValue, WebLabels } from '@app/presentation';
import { addDays, isIsoDate } from '@app/status';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { failedForm, PageError } from '../forms';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;
const PAGE_SIZE = 25;
const MAX_SHOWN = 160;

/** The audit log, for administrators: filters by user, action, entity and dates (Paris days), 25 entries a page. */
@WebPages()
@Roles('admin')
@Controller('admin/audit')
export class AuditPagesController {
  constructor(
    private readonly audit: AuditRepository,
    private readonly users: UsersService,
    private readonly calendar: Calendar,
    private readonly web: WebContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Req() req: PageRequest, @Res() res: FastifyReply, @Query() q: Record<string, string | undefined>) {
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    const values = { user: q.user ?? '', action: q.action ?? '', entity: q.entity ?? '', from: q.from ?? '', to: q.to ?? '' };
    const errors: PageError[] = [];
    for (const field of ['from', 'to'] as const) {
      if (values[field] && !isIsoDate(values[field])) errors.push({ field, message: labels.notADate });
    }
    if (!errors.length && values.from && values.to && values.from > values.to) {
      errors.push({ field: 'to', message: labels.toBeforeFrom });
    }
    const filter: AuditFilter = {
      userId: /^\d{1,9}$/.test(values.user) ? Number(values.user) : undefined,
      action: values.action || undefined,
      entityType: values.entity || undefined,
      // Days are the ministry's (TIMEZONE): from the end of the day before to the end of the last one.
      after: values.from && !errors.length ? this.calendar.cutoff(addDays(values.from, -1)) : undefined,
      until: values.to && !errors.length ? this.calendar.cutoff(values.to) : undefined,
    };
    const total = await this.audit.count(filter);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1));
    const [entries, kinds, users] = await Promise.all([
      this.audit.list({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      this.audit.kinds(),
      this.users.list(),
    ]);
    const option = (value: string, label: string, field: keyof typeof values) => ({ value, label, selected: values[field] === value });
    const link = (n: number) => `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, v]) => v)), page: String(n) })}`;
    this.web.send(
      req,
      res,
      req.principal,
      'admin-audit',
      {
        title: page > 1 ? `${labels.auditTitle} · ${fill(labels.pageN, page)}` : labels.auditTitle,
        nav: 'audit',
        formState: errors.length
          ? failedForm('audit', values, errors, lang, { targets: { from: 'audit-from', to: 'audit-to' } })
          : { form: 'audit', errors: [], values },
        options: {
          users: users.map((u) => option(String(u.id), u.email, 'user')),
          actions: kinds.actions.map((a) => option(a, labels.auditActions[a] ?? a, 'action')),
          entities: kinds.entityTypes.map((e) => option(e, labels.auditEntities[e] ?? e, 'entity')),
        },
        count: fill(labels.auditCount, total),
        entries: entries.map((e) => this.entry(e, labels, lang)),
        pagination: pages > 1 ? this.pagination(page, pages, link) : null,
      },
      errors.length ? 400 : 200,
    );
  }

  private entry(e: AuditRecord, labels: WebLabels, lang: Lang) {
    return {
      id: e.id,
      at: formatDateTime(e.at, lang, this.config.timezone),
      user: e.userEmail ?? labels.system,
      action: labels.auditActions[e.action] ?? e.action,
      entity: `${labels.auditEntities[e.entityType] ?? e.entityType}${e.entityId ? ` ${e.entityId}` : ''}`,
      changes: changes(e.before, e.after, (k, v) => this.show(k, v, labels, lang)).map((c) => ({
        ...c,
        field: labels.auditFields[c.field] ?? fieldLabel(c.field, lang),
      })),
    };
  }

  /** A value as people read it: instants in the ministry's time zone, long texts cut. */
  private show(key: string, v: unknown, labels: WebLabels, lang: Lang): string | null {
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return null;
    if (key === 'role' && typeof v === 'string') return labels.roles[v] ?? v;
    const review = reviewAuditValue(key, v, lang);
    if (review) return review;
    if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join(', ');
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatDateTime(v, lang, this.config.timezone);
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
  }

  private pagination(page: number, pages: number, link: (n: number) => string) {
    const numbers = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
    return {
      first: page > 1 ? link(1) : null,
      previous: page > 1 ? link(page - 1) : null,
      next: page < pages ? link(page + 1) : null,
      last: page < pages ? link(pages) : null,
      pages: numbers.map((n) => ({ n, href: link(n), current: n === page })),
    };
  }
}

/** What an entry changed, field by field: "Rôle : editor → admin" (a creation lists what it set). */
function changes(
  before: unknown,
  after: unknown,
  show: (key: string, v: unknown) => string | null,
): { field: string; before: string | null; after: string | null }[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .map((k) => ({ field: k, before: show(k, b[k]), after: show(k, a[k]) }))
    .filter((c) => c.before !== c.after);
}
