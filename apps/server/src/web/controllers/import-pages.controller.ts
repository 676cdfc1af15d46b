import { Controller, Get, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Clock } from '@app/common';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { UploadedSpreadsheet, UploadedSpreadsheetFile, UploadInterceptor } from '../../common/upload';
import { ImportReport, ImportsService } from '../../imports/imports.service';
import { CsrfAfterUpload, CsrfAfterUploadInterceptor } from '../csrf';
import { fill, problemParts } from '@app/presentation';
import { failedForm, PageError, refusalOf } from '../forms';
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
    this.page(req, res, {});
  }

  /**
   * Both steps post to the page's own URL, so the address bar always reloads the import page: a
   * file (multipart) is checked; a confirmation (the token of a clean check) is recorded.
   */
  @Post()
  @HttpCode(200)
  @CsrfAfterUpload()
  @UseInterceptors(UploadInterceptor, CsrfAfterUploadInterceptor)
  async submit(@Req() req: PageRequest, @Res() res: FastifyReply, @UploadedSpreadsheetFile() file?: UploadedSpreadsheet) {
    if (!req.isMultipart()) return this.confirm(req, res, (req.body as Record<string, unknown> | undefined)?.token);
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    if (!file) {
      const parts = problemParts({ code: 'upload.choose_file', field: 'file' }, lang);
      return this.fileProblem(req, res, { field: 'file', message: parts.text, text: parts.message }, 400);
    }
    let checked: ImportReport;
    try {
      checked = await this.imports.run(file, true, req.principal!);
    } catch (e) {
      const refusal = refusalOf(e, this.web.lang(req, res));
      if (refusal) return this.fileProblem(req, res, refusal.errors[0] ?? { field: 'file', message: refusal.message! }, refusal.status);
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
    const failed = report.problems.length > 0;
    const summary = failed ? fill(labels.dryRunProblems, report.problems.length) : fill(labels.dryRunOk, report.valid);
    this.page(
      req,
      res,
      {
        report,
        token,
        summary,
        // The problems are listed in the table below: the summary at the top leads there.
        formState: failed
          ? failedForm('import', {}, [{ field: 'file', message: summary }], this.web.lang(req, res), { targets: { file: 'import-problems' } })
          : undefined,
      },
      failed ? 422 : 200,
    );
  }

  private async confirm(req: PageRequest, res: FastifyReply, token: unknown) {
    const labels = this.web.labels(req, res);
    const pending = typeof token === 'string' ? this.pending.get(token) : undefined;
    if (!pending || pending.userId !== req.principal!.userId || pending.expires < this.clock.now().getTime()) {
      return this.fileProblem(req, res, { field: 'file', message: labels.importExpired }, 410);
    }
    this.pending.delete(token as string);
    try {
      const done = await this.imports.run(pending.file, false, req.principal!);
      this.page(req, res, { flash: { type: 'success', message: fill(labels.imported, (done.inserted ?? 0) + (done.corrected ?? 0)) }, done });
    } catch (e) {
      const refusal = refusalOf(e, this.web.lang(req, res));
      if (refusal) return this.fileProblem(req, res, refusal.errors[0] ?? { field: 'file', message: refusal.message! }, refusal.status);
      throw e;
    }
  }

  /** A refused file: said beside the upload field and, with the field's label, in the summary. */
  private fileProblem(req: PageRequest, res: FastifyReply, error: PageError, status: number) {
    const formState = failedForm('import', {}, [{ ...error, field: 'file' }], this.web.lang(req, res));
    this.page(req, res, { formState, fileError: error.message }, status);
  }

  private page(req: PageRequest, res: FastifyReply, extra: Record<string, unknown>, status = 200) {
    this.web.send(req, res, req.principal, 'import', { title: this.web.labels(req, res).importTitle, nav: 'import', ...extra }, status);
  }

  /** Forget expired checks, and never hold more than a few files in memory. */
  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [k, v] of this.pending) if (v.expires < now) this.pending.delete(k);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }
}
