import { Controller, Get, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { UploadedSpreadsheet, UploadedSpreadsheetFile, UploadInterceptor } from '../../common/upload';
import { ImportReport, ImportsService } from '../../imports/imports.service';
import { CsrfAfterUpload, CsrfAfterUploadInterceptor } from '../csrf';
import { fill, problemParts } from '@app/presentation';
import { failedForm, PageError, refusalOf } from '../forms';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';
import { WebStates } from '../web-states';

type PageRequest = FastifyRequest & AuthenticatedRequest;
/** A checked file waiting for its uploader's confirmation, as the database keeps it (JSON). */
interface Pending {
  name: string;
  /** The file's bytes, base64. */
  bytes: string;
}
const PENDING_TTL_MS = 30 * 60_000;
/** Checked files waiting at once, all uploaders together: a bound on what they take in the database. */
const MAX_PENDING = 50;

/**
 * Import page: the file is checked first (dry run) and its report shown; a clean file waits here,
 * for its uploader only and for 30 minutes, until they confirm — then it is recorded in one go. It
 * waits in the database: the confirmation may reach another server instance than the check.
 */
@WebPages()
@Roles('admin', 'editor')
@Controller('import')
export class ImportPagesController {
  constructor(
    private readonly imports: ImportsService,
    private readonly web: WebContext,
    private readonly states: WebStates,
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
      const pending: Pending = { name: file.originalname, bytes: file.buffer.toString('base64') };
      token = await this.states.keep('import', req.principal!.userId, pending, PENDING_TTL_MS, MAX_PENDING);
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
    // Taken (read once and deleted) only by its uploader: a second confirmation finds nothing.
    const pending = typeof token === 'string' && token ? await this.states.take<Pending>('import', token, req.principal!.userId) : undefined;
    if (!pending) return this.fileProblem(req, res, { field: 'file', message: labels.importExpired }, 410);
    const file: UploadedSpreadsheet = { originalname: pending.name, buffer: Buffer.from(pending.bytes, 'base64') };
    try {
      const done = await this.imports.run(file, false, req.principal!);
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
}
