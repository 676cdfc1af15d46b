import { Body, Controller, Get, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Clock, Unprocessable, ValidationFailed } from '@app/common';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { UploadedSpreadsheet, UploadedSpreadsheetFile, UploadInterceptor } from '../../common/upload';
import { ImportReport, ImportsService } from '../../imports/imports.service';
import { CsrfAfterUpload, CsrfAfterUploadInterceptor } from '../csrf';
import { fill, localizeError, problemMessage, problemParts } from '@app/presentation';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;
interface Pending {
  userId: number;
  file: UploadedSpreadsheet;
  expires: number;
}
const PENDING_TTL_MS = 30 * 60_000;
const MAX_PENDING = 50;

/**
 * Import page: the file is checked first (dry run) and its report shown; a clean file waits here,
 * for its uploader only and for 30 minutes, until they confirm — then it is recorded in one go.
 */
@WebPages()
@Roles('admin', 'editor')
@Controller('import')
export class ImportPagesController {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly imports: ImportsService,
    private readonly web: WebContext,
    private readonly clock: Clock,
  ) {}

  @Get()
  form(@Req() req: PageRequest, @Res() res: FastifyReply) {
    this.web.send(req, res, req.principal, 'import', { title: this.web.labels(req, res).importTitle, nav: 'import' });
  }

  @Post()
  @HttpCode(200)
  @CsrfAfterUpload()
  @UseInterceptors(UploadInterceptor, CsrfAfterUploadInterceptor)
  async check(@Req() req: PageRequest, @Res() res: FastifyReply, @UploadedSpreadsheetFile() file?: UploadedSpreadsheet) {
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    if (!file) {
      const fileError = problemMessage({ code: 'upload.choose_file', field: 'file' }, lang);
      return this.web.send(req, res, req.principal, 'import', { title: labels.importTitle, nav: 'import', fileError }, 400);
    }
    let checked: ImportReport;
    try {
      checked = await this.imports.run(file, true, req.principal!);
    } catch (e) {
      if (e instanceof ValidationFailed) {
        return this.web.send(req, res, req.principal, 'import', { title: labels.importTitle, nav: 'import', fileError: localizeError(e, lang).message }, 400);
      }
      throw e;
    }
    // Each problem in the page's language: line, field label and sentence, for the table's columns.
    const report = { ...checked, problems: checked.problems.map((p) => problemParts(p, lang)) };
    let token: string | undefined;
    if (report.problems.length === 0 && report.valid > 0) {
      this.sweep();
      token = randomBytes(24).toString('base64url');
      this.pending.set(token, { userId: req.principal!.userId, file, expires: this.clock.now().getTime() + PENDING_TTL_MS });
    }
    this.web.send(req, res, req.principal, 'import', {
      title: labels.importTitle,
      nav: 'import',
      report,
      token,
      summary: report.problems.length ? fill(labels.dryRunProblems, report.problems.length) : fill(labels.dryRunOk, report.valid),
    }, report.problems.length ? 422 : 200);
  }

  @Post('confirm')
  @HttpCode(200)
  async confirm(@Req() req: PageRequest, @Res() res: FastifyReply, @Body('token') token?: string) {
    const labels = this.web.labels(req, res);
    const pending = token ? this.pending.get(token) : undefined;
    if (!pending || pending.userId !== req.principal!.userId || pending.expires < this.clock.now().getTime()) {
      return this.web.send(req, res, req.principal, 'import', { title: labels.importTitle, nav: 'import', fileError: labels.importExpired }, 410);
    }
    this.pending.delete(token!);
    try {
      const done = await this.imports.run(pending.file, false, req.principal!);
      this.web.send(req, res, req.principal, 'import', { title: labels.importTitle, nav: 'import', flash: { type: 'success', message: fill(labels.imported, (done.inserted ?? 0) + (done.corrected ?? 0)) }, done });
    } catch (e) {
      if (e instanceof Unprocessable || e instanceof ValidationFailed) {
        return this.web.send(req, res, req.principal, 'import', { title: labels.importTitle, nav: 'import', fileError: localizeError(e, this.web.lang(req, res)).message }, 422);
      }
      throw e;
    }
  }

  /** Forget expired checks, and never hold more than a few files in memory. */
  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [k, v] of this.pending) if (v.expires < now) this.pending.delete(k);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }
}
