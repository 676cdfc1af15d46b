import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '@app/common';
import { localizeProblems } from '@app/presentation';
import { REPORT_KINDS, ReportKind, ReportsService } from '@app/reports';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { reportFileName, sendReport } from '../../reports/report-file';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;

/** Reports page: generate a report, browse and download the archive. */
@WebPages()
@Controller('reports')
export class ReportPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly web: WebContext,
  ) {}

  @Get()
  list(@Req() req: PageRequest, @Res() res: FastifyReply, @Query('generated') generated?: string, @Query('kind') kind?: string) {
    this.page(req, res, { flash: generated ? { type: 'success', message: this.web.labels(req, res).generated } : null, kindFilter: kind });
  }

  @Post()
  @HttpCode(200)
  @Roles('admin', 'editor')
  async generate(@Req() req: PageRequest, @Res() res: FastifyReply, @Body() body: Record<string, string>) {
    const values = { kind: body.kind, scope: body.scope ?? '', period: body.period ?? '', format: body.format, lang: body.lang, asOf: body.asOf ?? '' };
    try {
      const r = await this.reports.generate(
        {
          kind: body.kind as ReportKind,
          scope: body.kind === 'roadmap' ? null : body.scope?.trim() || null,
          period: (body.period ?? '').trim(),
          asOf: body.asOf?.trim() || undefined,
          format: body.format === 'html' ? 'html' : 'pdf',
          lang: body.lang === 'en' ? 'en' : 'fr',
        },
        { userId: req.principal!.userId, trigger: 'manual' },
      );
      res.redirect(`/reports?generated=${r.id}#report-${r.id}`, 303);
    } catch (e) {
      // Each problem next to its field, in the page's language; a Chromium failure (503) becomes an error page.
      if (e instanceof ValidationFailed) return this.page(req, res, { formState: { errors: localizeProblems(e.problems, this.web.lang(req, res)), values } }, 400);
      throw e;
    }
  }

  @Get(':id/file')
  file(@Param('id') id: string, @Query('download') download: string | undefined, @Res() res: FastifyReply) {
    sendReport(res, this.reports.get(id), download === 'true');
  }

  private page(req: PageRequest, res: FastifyReply, extra: Record<string, unknown>, status = 200) {
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    const kindFilter = REPORT_KINDS.includes(extra.kindFilter as ReportKind) ? (extra.kindFilter as string) : undefined;
    const archive = this.reports.list({ kind: kindFilter, limit: 100 }).map((r) => ({
      ...r,
      kindLabel: labels.kinds[r.kind],
      triggerLabel: labels.triggers[r.trigger],
      fileName: reportFileName(r),
    }));
    const formState = (extra.formState as { values: Record<string, string> } | undefined) ?? { values: { kind: 'roadmap', format: 'pdf', lang, period: '' } };
    this.web.send(req, res, req.principal, 'reports', {
      title: labels.reportsTitle,
      nav: 'reports',
      archive,
      kinds: REPORT_KINDS.map((k) => ({ value: k, label: labels.kinds[k], selected: formState.values.kind === k })),
      canGenerate: req.principal?.role !== 'viewer',
      ...extra,
      formState,
    }, status);
  }
}
