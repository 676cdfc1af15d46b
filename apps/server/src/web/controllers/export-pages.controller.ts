import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '@app/common';
import { isIsoDate } from '@app/status';
import { AuthenticatedRequest } from '../../auth/auth.decorators';
import { CsvSeparator, ExportFile, ExportFormat, ExportsService } from '../../exports/exports.service';
import { blankForm, failedForm, FormState, PageError } from '../forms';
import { PagesService } from '../pages.service';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;
const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'json'];
const SEPARATORS: CsvSeparator[] = ['semicolon', 'comma'];

/**
 * Export downloads for a signed-in user: the same files as GET /api/v1/exports/* (which takes
 * bearer tokens only), served to the session. Each export is a GET form, so a refused date comes
 * back on a page that reloads.
 */
@WebPages()
@Controller('exports')
export class ExportPagesController {
  constructor(
    private readonly exports: ExportsService,
    private readonly pages: PagesService,
    private readonly web: WebContext,
  ) {}

  @Get()
  show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const today = this.pages.today();
    this.page(req, res, blankForm('measurements', { asOf: today }), blankForm('status', { asOf: today }));
  }

  @Get(':what')
  async download(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('what') what: string, @Query() q: Record<string, string | undefined>) {
    if (what !== 'measurements' && what !== 'status') throw new NotFound('not_found.route', { method: req.method, path: req.url.split('?')[0].slice(0, 200) });
    const labels = this.web.labels(req, res);
    const errors: PageError[] = [];
    const asOf = q.asOf?.trim() || this.pages.today();
    if (!isIsoDate(asOf)) errors.push({ field: 'asOf', message: labels.notADate });
    else if (asOf > this.pages.today()) errors.push({ field: 'asOf', message: labels.notInFuture });
    const format = FORMATS.includes(q.format as ExportFormat) ? (q.format as ExportFormat) : 'csv';
    if (errors.length) {
      const failed = failedForm(what, q, errors, this.web.lang(req, res));
      const today = this.pages.today();
      return this.page(
        req,
        res,
        what === 'measurements' ? failed : blankForm('measurements', { asOf: today }),
        what === 'status' ? failed : blankForm('status', { asOf: today }),
        400,
      );
    }
    // In the page's language: French headers, ';' and decimal commas for French Excel unless asked otherwise.
    const options = {
      asOf,
      lang: this.web.lang(req, res),
      separator: SEPARATORS.includes(q.separator as CsvSeparator) ? (q.separator as CsvSeparator) : undefined,
    };
    const file =
      what === 'measurements'
        ? await this.exports.measurementsFile(format, { ...options, allVersions: q.allVersions === 'true' })
        : await this.exports.statusFile(format, options);
    send(res, file);
  }

  private page(req: PageRequest, res: FastifyReply, measurements: FormState, status: FormState, code = 200) {
    const labels = this.web.labels(req, res);
    this.web.send(
      req,
      res,
      req.principal,
      'exports',
      {
        title: labels.exportsTitle,
        nav: 'exports',
        formats: FORMATS.map((f) => ({ value: f, label: labels.downloadAs.replace('{format}', f.toUpperCase()) })),
        // French Excel opens ';' with decimal commas: the default in French, ',' in English.
        separators: (this.web.lang(req, res) === 'fr' ? SEPARATORS : [...SEPARATORS].reverse()).map((v) => ({ value: v, label: labels.csvSeparators[v] })),
        // The summary shows the errors of whichever form was refused.
        formState: measurements.errors.length ? measurements : status.errors.length ? status : undefined,
        measurements,
        status,
      },
      code,
    );
  }
}

function send(res: FastifyReply, file: ExportFile): void {
  res.header('Content-Type', file.contentType);
  res.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  res.send(file.body);
}
