import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Principal } from '@app/accounts';
import { DomainError, Forbidden, NotFound, Unauthorized, ValidationFailed } from '@app/common';
import { fillLabel, Lang, reviewWebLabels } from '@app/presentation';
import { canValidate } from '@app/review';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { PublishingService } from '../../publishing/publishing.service';
import { ReviewsService } from '../../reviews/reviews.service';
import { blankForm, FormState, refusalOf, refusedForm } from '../forms';
import { actorOf } from '../../reviews/reviews.service';
import { ReviewPagesService } from '../review-pages.service';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;
type Form = Record<string, string | undefined>;

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const DONE = new Set(['saved', 'submitted', 'validated', 'returned', 'contributed', 'revised', 'opened', 'closed', 'recorded', 'milestone']);
const UPDATE_FIELDS = ['confidence', 'progress', 'difficulties', 'nextSteps', 'decisionsNeeded', 'dataNote', 'reason'];

/**
 * The quarterly review's pages: "Ma revue" (/revue), the validation queue, a period's overview and
 * one page per objective's update. They call ReviewsService (the API's rules and transactions);
 * every form posts to its page's own URL and, once done, redirects back to it (PRG).
 */
@WebPages()
@Roles('admin', 'validator', 'editor', 'viewer')
@Controller('revue')
export class ReviewPagesController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly publishing: PublishingService,
    private readonly pages: ReviewPagesService,
    private readonly web: WebContext,
  ) {}

  @Get()
  async home(@Req() req: PageRequest, @Res() res: FastifyReply, @Query('done') done?: string) {
    await this.homePage(req, res, blankForm('open'), done);
  }

  /** The admin's forms of /revue: opening a period. */
  @Post()
  @HttpCode(200)
  async open(@Req() req: PageRequest, @Res() res: FastifyReply, @Body() body: Form) {
    const principal = signedIn(req);
    if (principal.role !== 'admin') throw new Forbidden('permission.role_required', { roles: ['admin'], role: principal.role });
    if (body.form !== 'open') throw new NotFound('not_found.route', { method: req.method, path: '/revue' });
    const lang = this.web.lang(req, res);
    try {
      const opened = await this.reviews.openPeriod({ period: text(body.period)?.trim(), deadline: text(body.deadline)?.trim() || undefined }, principal);
      res.redirect(`/revue/${opened.period}?done=opened`, 303);
    } catch (e) {
      const refusal = refusalOf(e, lang);
      if (!refusal) throw e;
      await this.homePage(req, res, refusedForm('open', strip(body), refusal, lang, { fields: ['period', 'deadline'] }), undefined, refusal.status);
    }
  }

  @Get('validation')
  async queue(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const principal = signedIn(req);
    if (!canValidate(actorOf(principal))) throw new Forbidden('review.validator_role_required', { role: principal.role });
    const l = reviewWebLabels(this.web.lang(req, res));
    const rows = await this.pages.queue(this.web.lang(req, res));
    this.web.send(req, res, principal, 'review-queue', {
      title: l.queueTitle,
      nav: 'review',
      breadcrumb: [{ label: l.myReview, href: '/revue' }],
      rows,
    });
  }

  @Get(':period')
  async overview(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('period') period: string, @Query('done') done?: string) {
    signedIn(req);
    await this.overviewPage(req, res, period, blankForm('close'), done);
  }

  /** The overview's form: an admin closes the period (PublishingService), anyway when asked to. */
  @Post(':period')
  @HttpCode(200)
  async close(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('period') period: string, @Body() body: Form) {
    const principal = signedIn(req);
    if (principal.role !== 'admin') throw new Forbidden('permission.role_required', { roles: ['admin'], role: principal.role });
    if (body.form !== 'close') throw new NotFound('not_found.route', { method: req.method, path: req.url.split('?')[0].slice(0, 200) });
    const lang = this.web.lang(req, res);
    const current = await this.reviews.getPeriod(period, lang);
    try {
      await this.publishing.close(current.period, body.force === 'true', principal.userId);
      res.redirect(`/revue/${current.period}?done=closed`, 303);
    } catch (e) {
      const refusal = refusalOf(e, lang);
      if (!refusal) throw e;
      await this.overviewPage(
        req,
        res,
        period,
        refusedForm('close', strip(body), refusal, lang, { fields: ['force'], targets: { force: 'close-force' } }),
        undefined,
        refusal.status,
      );
    }
  }

  @Get(':period/:code')
  async update(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('period') period: string, @Param('code') code: string, @Query('done') done?: string) {
    signedIn(req);
    await this.updatePage(req, res, period, code, undefined, done);
  }

  /** Every form of an update's page (`form`: update, validate, return, contribution) posts here. */
  @Post(':period/:code')
  @HttpCode(200)
  async change(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('period') period: string, @Param('code') code: string, @Body() body: Form) {
    const principal = signedIn(req);
    const lang = this.web.lang(req, res);
    const form = text(body.form) ?? '';
    if (!['update', 'validate', 'return', 'contribution'].includes(form))
      throw new NotFound('not_found.route', { method: req.method, path: req.url.split('?')[0].slice(0, 200) });
    // The page exists (period opened, objective known) before any form is read: a 404 otherwise.
    const current = await this.reviews.getUpdate(period, code, lang);
    const back = (done: string, anchor = '') => res.redirect(`/revue/${current.period}/${current.objectiveCode}?done=${done}${anchor}`, 303);
    try {
      switch (form) {
        case 'update':
          return back(await this.saveUpdate(current.period, code, body, principal, current.state === 'validated'));
        case 'validate':
          await this.reviews.step('validate', current.period, code, principal, {}, lang);
          return back('validated');
        case 'return':
          await this.reviews.step('return', current.period, code, principal, { reason: text(body.reason) ?? '' }, lang);
          return back('returned');
        default:
          await this.reviews.addContribution(current.period, code, { text: text(body.text) ?? '' }, principal);
          return back('contributed', '#contributions');
      }
    } catch (e) {
      const refusal = refusalOf(e, lang);
      if (!refusal) throw e;
      const typed = strip(body);
      const stale = e instanceof DomainError && e.code === 'review.stale_version';
      // After a refused submit the draft may be saved (a new version): the form goes on from it, unless it was stale.
      if (form === 'update' && !stale) typed.version = String((await this.reviews.getUpdate(period, code, lang)).version);
      const options = {
        update: { fields: UPDATE_FIELDS, targets: { confidence: 'update-confidence-secured' } },
        return: { fields: ['reason'], targets: { reason: 'return-reason' } },
        contribution: { fields: ['text'], targets: { text: 'contribution-text' } },
        validate: { fields: [] as string[] },
      }[form as 'update'];
      await this.updatePage(req, res, period, code, refusedForm(form, typed, refusal, lang, options), undefined, refusal.status);
    }
  }

  /** Saves the draft (or the revision of a validated update); "Transmettre" then submits it. */
  private async saveUpdate(period: string, code: string, body: Form, principal: Principal, validated: boolean): Promise<string> {
    // A validated update changes only with the reason of its revision.
    if (validated && !text(body.reason)?.trim()) throw new ValidationFailed([{ code: 'validation.required', field: 'reason' }]);
    const version = /^\d{1,9}$/.test(body.version ?? '') ? Number(body.version) : undefined;
    const input = {
      confidence: text(body.confidence),
      progress: text(body.progress) ?? '',
      difficulties: text(body.difficulties) ?? '',
      nextSteps: text(body.nextSteps) ?? '',
      decisionsNeeded: text(body.decisionsNeeded) ?? '',
      dataNote: text(body.dataNote) ?? '',
      version,
      ...(validated && { reason: text(body.reason) ?? '' }),
    };
    await this.reviews.saveDraft(period, code, input, principal);
    if (validated) return 'revised';
    if (body.action === 'submit') {
      await this.reviews.step('submit', period, code, principal);
      return 'submitted';
    }
    return 'saved';
  }

  private async homePage(req: PageRequest, res: FastifyReply, formState: FormState, done?: string, status = 200) {
    const lang = this.web.lang(req, res);
    const l = reviewWebLabels(lang);
    const data = await this.pages.home(signedIn(req), lang);
    const values = formState.values as Record<string, string | undefined>;
    this.web.send(
      req,
      res,
      req.principal,
      'review-home',
      {
        title: l.myReview,
        nav: 'review',
        ...data,
        formState,
        openForm: {
          period: values.period ?? data.suggestedPeriod,
          deadline: values.deadline ?? '',
          periodError: formState.errors.find((e) => e.field === 'period')?.message,
          deadlineError: formState.errors.find((e) => e.field === 'deadline')?.message,
          message: formState.message,
        },
        flash: done && DONE.has(done) ? { type: 'success', message: l.done[done as keyof typeof l.done] } : null,
      },
      status,
    );
  }

  private async overviewPage(req: PageRequest, res: FastifyReply, period: string, formState: FormState, done?: string, status = 200) {
    const lang = this.web.lang(req, res);
    const l = reviewWebLabels(lang);
    const data = await this.pages.overview(period, lang);
    const heading = fillLabel(l.overviewTitle, { period: data.summary.words });
    this.web.send(
      req,
      res,
      req.principal,
      'review-overview',
      {
        title: heading,
        heading,
        crumb: data.summary.words,
        nav: 'review',
        breadcrumb: [{ label: l.myReview, href: '/revue' }],
        ...data,
        formState,
        closeForm:
          signedIn(req).role === 'admin' && data.summary.state === 'open'
            ? { force: formState.values.force === 'true', message: formState.message, error: formState.errors.find((e) => e.field === 'force')?.message }
            : null,
        flash: done && DONE.has(done) ? { type: 'success', message: l.done[done as keyof typeof l.done] } : null,
      },
      status,
    );
  }

  private async updatePage(req: PageRequest, res: FastifyReply, period: string, code: string, formState?: FormState, done?: string, status = 200) {
    const lang: Lang = this.web.lang(req, res);
    const l = reviewWebLabels(lang);
    const data = await this.pages.update(period, code, signedIn(req), lang, formState);
    this.web.send(
      req,
      res,
      req.principal,
      'review-update',
      {
        ...data,
        title: data.title,
        crumb: data.objective.code,
        nav: 'review',
        breadcrumb: [
          { label: l.myReview, href: '/revue' },
          { label: data.periodWords, href: `/revue/${data.period}` },
        ],
        formState,
        flash: done && DONE.has(done) ? { type: 'success', message: l.done[done as keyof typeof l.done] } : null,
      },
      status,
    );
  }
}

/** The review pages are for signed-in people, even where PUBLIC_READ opens the reading pages. */
function signedIn(req: PageRequest): Principal {
  if (!req.principal) throw new Unauthorized('auth.sign_in_required');
  return req.principal;
}

/** What a form sent, without its own name: the values a refused form shows again. */
function strip(body: Form): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'form' && k !== 'action'));
}
