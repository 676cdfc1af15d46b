import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RoadmapRepository } from '@app/persistence';
import { GeneratedReport, REPORT_KINDS, ReportKind, ReportsService } from '@app/reports';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { reportFileName, sendReport } from '../../reports/report-file';
import { blankForm, FormState, refusalOf, refusedForm } from '../forms';
import { PagesService } from '../pages.service';
import { currentQuarter, recentPeriods } from '../report-form';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';
import { WebStates } from '../web-states';

type PageRequest = FastifyRequest & AuthenticatedRequest;
type Form = Record<string, string | undefined>;

/** The field of the report form that holds the scope of each kind of report. */
const SCOPE_FIELD: Record<Exclude<ReportKind, 'roadmap'>, string> = { focus_area: 'scopeFocusArea', body: 'scopeBody', objective: 'scopeObjective' };
const FIELDS = ['kind', 'period', 'asOf', 'format', 'lang'] as const;
const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;
/** How long a submitted form key answers with its first result (a double click, a resent form). */
const KEY_TTL_MS = 60 * 60_000;
/**
 * How long a key stays claimed by a submit still generating: longer than any generation takes (a
 * PDF print is killed after REPORT_RENDER_TIMEOUT_MS). A claim older than this is an instance's that
 * stopped on the way, and the next submit of the form generates in its place.
 */
const RUNNING_TTL_MS = 10 * 60_000;
/** How often a second submit looks whether the first one's report is there. */
const POLL_MS = 200;

/** A form key, as the database keeps it: claimed by a submit, then holding its report. */
interface FormKeyState {
  reportId: string | null;
}

/**
 * Reports page: generate a report, browse and download the archive. The form carries a one-time
 * key: a second POST with the same key (a double click, a resent form), whichever instance it
 * reaches, waits for and answers with the first one's report instead of archiving a second.
 */
@WebPages()
@Controller('reports')
export class ReportPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly roadmap: RoadmapRepository,
    private readonly pages: PagesService,
    private readonly web: WebContext,
    private readonly states: WebStates,
  ) {}

  @Get()
  async list(@Req() req: PageRequest, @Res() res: FastifyReply, @Query('generated') generated?: string, @Query('kind') kind?: string) {
    await this.page(req, res, { flash: generated ? { type: 'success', message: this.web.labels(req, res).generated } : null, kindFilter: kind });
  }

  @Post()
  @HttpCode(200)
  @Roles('admin', 'editor')
  async generate(@Req() req: PageRequest, @Res() res: FastifyReply, @Body() body: Form) {
    const kind = body.kind as ReportKind;
    const scope = kind in SCOPE_FIELD ? body[SCOPE_FIELD[kind as keyof typeof SCOPE_FIELD]]?.trim() || null : null;
    const userId = req.principal!.userId;
    const generate = () =>
      this.reports.generate(
        {
          kind,
          scope,
          period: (body.period ?? '').trim(),
          asOf: body.asOf?.trim() || undefined,
          format: body.format === 'html' ? 'html' : 'pdf',
          lang: body.lang === 'en' ? 'en' : 'fr',
        },
        { userId, trigger: 'manual' },
      );
    try {
      const id = FORM_KEY.test(body.formKey ?? '') ? await this.once(`${userId}:${body.formKey}`, userId, generate) : (await generate()).id;
      res.redirect(`/reports?generated=${id}#report-${id}`, 303);
    } catch (e) {
      const refusal = refusalOf(e, this.web.lang(req, res));
      if (refusal) {
        const scopeTarget = kind in SCOPE_FIELD ? `report-${SCOPE_FIELD[kind as keyof typeof SCOPE_FIELD]}` : 'report-kind';
        const formState = refusedForm('report', body, refusal, this.web.lang(req, res), { fields: FIELDS, targets: { scope: scopeTarget } });
        return await this.page(req, res, { formState }, refusal.status);
      }
      // A Chromium failure (503) becomes an error page.
      throw e;
    }
  }

  @Get(':id/file')
  async file(@Param('id') id: string, @Query('download') download: string | undefined, @Res() res: FastifyReply) {
    sendReport(res, await this.reports.get(id), download === 'true');
  }

  /**
   * Generates the report of one form key once, however many times the form is sent and whichever
   * instances the submits reach: the first claims the key (a row of web_states) and generates; the
   * others wait for the report id it writes there, and answer with it. A refused or failed order
   * archives nothing and frees the key: a waiting submit then tries itself (and is refused the same
   * way), and the corrected form may be sent again with the same key.
   */
  private async once(formKey: string, userId: number, generate: () => Promise<GeneratedReport>): Promise<string> {
    const running: FormKeyState = { reportId: null };
    for (let waited = 0; ; waited += POLL_MS) {
      let claimed = await this.states.claim('report-form', formKey, userId, running, RUNNING_TTL_MS);
      if (!claimed && waited >= RUNNING_TTL_MS) {
        // Still claimed after RUNNING_TTL_MS of waiting: the claim is a stopped instance's, take it over.
        await this.states.put('report-form', formKey, userId, running, RUNNING_TTL_MS);
        claimed = true;
      }
      if (claimed) {
        let report: GeneratedReport;
        try {
          report = await generate();
        } catch (e) {
          await this.states.drop('report-form', formKey);
          throw e;
        }
        await this.states.put('report-form', formKey, userId, { reportId: report.id } satisfies FormKeyState, KEY_TTL_MS);
        return report.id;
      }
      const state = await this.states.get<FormKeyState>('report-form', formKey, userId);
      if (state?.reportId) return state.reportId;
      // Still generating elsewhere: look again soon. (Freed meanwhile: the next turn claims it.)
      if (state) await sleep(POLL_MS);
    }
  }

  private async page(req: PageRequest, res: FastifyReply, extra: { formState?: FormState; [key: string]: unknown }, status = 200) {
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    const kindFilter = REPORT_KINDS.includes(extra.kindFilter as ReportKind) ? (extra.kindFilter as string) : undefined;
    const archive = (await this.reports.list({ kind: kindFilter, limit: 100 })).map((r) => ({
      ...r,
      kindLabel: labels.kinds[r.kind],
      triggerLabel: labels.triggers[r.trigger],
      fileName: reportFileName(r),
    }));
    const today = this.pages.today();
    const myBody = req.principal?.bodies[0];
    // Defaults: the current quarter, and for someone who records for a body, that body's report.
    const formState =
      extra.formState ??
      blankForm('report', { kind: myBody ? 'body' : 'roadmap', period: currentQuarter(today).id, scopeBody: myBody ?? '', format: 'pdf', lang });
    const values = formState.values as Form;
    // A new key each time the form is drawn; a form sent back with errors keeps its key.
    values.formKey = FORM_KEY.test(values.formKey ?? '') ? values.formKey : randomBytes(18).toString('base64url');
    const s = this.roadmap.structure();
    const option = (value: string, label: string, field: string) => ({ value, label, selected: values[field] === value });
    this.web.send(
      req,
      res,
      req.principal,
      'reports',
      {
        title: labels.reportsTitle,
        nav: 'reports',
        archive,
        canGenerate: req.principal?.role !== 'viewer',
        kinds: REPORT_KINDS.map((k) => option(k, labels.kinds[k], 'kind')),
        periods: recentPeriods(today, lang).map((g) => ({
          label: labels.periodGroups[g.kind],
          options: g.options.map((o) => option(o.value, o.label, 'period')),
        })),
        scopes: [
          {
            kind: 'focus_area',
            field: 'scopeFocusArea',
            label: labels.scopeFocusArea,
            options: s.focusAreas.map((f) => option(String(f.number), `${f.number}. ${f.title}`, 'scopeFocusArea')),
          },
          {
            kind: 'body',
            field: 'scopeBody',
            label: labels.scopeBody,
            options: s.bodies.map((b) => option(b.acronym, `${b.acronym} — ${lang === 'fr' ? b.name : b.englishName}`, 'scopeBody')),
          },
          {
            kind: 'objective',
            field: 'scopeObjective',
            label: labels.scopeObjective,
            groups: s.focusAreas.map((f) => ({
              label: `${labels.focusArea} ${f.number}`,
              options: f.priorities.flatMap((p) => p.objectives.map((o) => option(o.code, `${o.code} ${o.title}`, 'scopeObjective'))),
            })),
          },
        ].map((scope) => ({ ...scope, hint: labels.scopeForKind.replace('{kind}', labels.kinds[scope.kind as ReportKind]) })),
        formats: [option('pdf', 'PDF', 'format'), option('html', 'HTML', 'format')],
        langs: (['fr', 'en'] as const).map((l) => option(l, labels.reportLangs[l], 'lang')),
        ...extra,
        formState,
      },
      status,
    );
  }
}
