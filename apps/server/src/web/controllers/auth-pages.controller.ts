import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newTotpSecret, PasswordResetService, SecretBox, SignInService, SignInStep, TokensService } from '@app/accounts';
import { Clock, DomainError } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { UserRecord } from '@app/persistence';
import { fillLabel, localizeError } from '@app/presentation';
import { AuthenticatedRequest, Public } from '../../auth/auth.decorators';
import { proConnectStartPath } from '../../auth/oidc/proconnect.controller';
import { ProConnectSignIn } from '../../auth/oidc/proconnect.service';
import { blankForm, failedForm, FormState, PageError } from '../forms';
import { newPasswordProblem, totpEnrolment } from '../second-factor-pages';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';
import { WebStates } from '../web-states';
import { clearSessionCookie, setSessionCookie } from '../web-session';

/** Only local paths: /login?next=https://evil.example must not send anyone away. */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

/** The browser's handle on a sign-in waiting for its second step (the state itself is in the database). */
const PENDING_COOKIE = 'fdr_signin';
/** How long the second step may wait, and how many codes it takes before starting again. */
const SECOND_STEP_TTL_MS = 5 * 60_000;
const SECOND_STEP_ATTEMPTS = 5;

/** A password checked, its second step awaited: whose, where to go next, and for an enrolment the new secret (sealed). */
interface PendingSignIn {
  userId: number;
  next: string;
  attempts: number;
  until: number;
  sealedSecret?: string;
}

type PageRequest = FastifyRequest & AuthenticatedRequest;

/**
 * Signing in and out with a local account: the password, then (when the account has one) the
 * second factor's code on its own page, or, for an administrator under REQUIRE_MFA without one, the
 * enrolment; and the forgotten password pages (a link by mail, then the new password).
 */
@WebPages()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly signIn: SignInService,
    private readonly resets: PasswordResetService,
    private readonly tokens: TokensService,
    private readonly states: WebStates,
    private readonly box: SecretBox,
    private readonly web: WebContext,
    private readonly clock: Clock,
    private readonly proConnect: ProConnectSignIn,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  form(@Req() req: PageRequest, @Res() res: FastifyReply, @Query() query: Record<string, string | undefined>) {
    if (req.principal) return res.redirect(safeNext(query.next), 303);
    const labels = this.web.labels(req, res);
    const flash =
      query.reinitialise !== undefined
        ? { type: 'success', message: labels.resetDoneSignIn }
        : query.expire !== undefined
          ? { type: 'info', message: labels.signInStepExpired }
          : null;
    this.loginPage(req, res, safeNext(query.next), blankForm('login'), flash);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  async login(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Body() body: Record<string, unknown>) {
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 256) : '';
    const next = safeNext(body.next);
    let result: SignInStep;
    try {
      if (!email || !password) throw new DomainError('unauthorized', 'auth.wrong_credentials');
      result = await this.signIn.checkPassword(email, password);
    } catch (e) {
      return this.refused(req, res, e, next, email);
    }
    if (result.step === 'done') return this.startSession(req, res, result.user, next);
    // The second step: its state in the database (any instance may serve it), its key in a cookie of the sign-in pages.
    const pending: PendingSignIn = { userId: result.user.id, next, attempts: 0, until: this.clock.now().getTime() + SECOND_STEP_TTL_MS };
    if (result.step === 'enrol') pending.sealedSecret = await this.box.seal(newTotpSecret());
    const key = await this.states.keep('second-factor', result.user.id, pending, SECOND_STEP_TTL_MS);
    res.setCookie(PENDING_COOKIE, key, { httpOnly: true, sameSite: 'lax', secure: this.secure(req), path: '/login', maxAge: SECOND_STEP_TTL_MS / 1000 });
    res.redirect('/login/code', 303);
  }

  @Get('login/code')
  @Public()
  async codeForm(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const pending = await this.pending(req);
    if (!pending) return this.startAgain(res);
    await this.codePage(req, res, pending.state, blankForm('otp'));
  }

  @Post('login/code')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  async code(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Body() body: Record<string, unknown>) {
    const pending = await this.pending(req);
    if (!pending) return this.startAgain(res);
    const { key, state } = pending;
    const code = typeof body.code === 'string' ? body.code.slice(0, 16) : '';
    let user: UserRecord;
    try {
      const secret = state.sealedSecret ? await this.box.open(state.sealedSecret) : null;
      user = secret ? await this.signIn.enrolAtSignIn(state.userId, secret, code) : await this.signIn.checkSecondFactor(state.userId, code);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'auth.otp_invalid') {
        // Locked, disabled meanwhile: this sign-in is over, the sign-in page says why.
        await this.states.drop('second-factor', key);
        return this.refused(req, res, e, state.next, '');
      }
      return this.wrongCode(req, res, key, state);
    }
    await this.states.drop('second-factor', key);
    res.clearCookie(PENDING_COOKIE, { path: '/login' });
    await this.startSession(req, res, user, state.next);
  }

  @Get('mot-de-passe/oublie')
  @Public()
  forgotForm(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('envoye') sent?: string) {
    this.forgotPage(req, res, blankForm('forgot'), sent !== undefined);
  }

  @Post('mot-de-passe/oublie')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  async forgot(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Body() body: Record<string, unknown>) {
    const email = typeof body.email === 'string' ? body.email.trim().slice(0, 254) : '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      const errors: PageError[] = [{ field: 'email', message: this.web.labels(req, res).emailRequired }];
      return this.forgotPage(req, res, failedForm('forgot', { email }, errors, this.web.lang(req, res)), false, 400);
    }
    await this.resets.request(email);
    // The same answer for every address, known or not.
    res.redirect('/mot-de-passe/oublie?envoye=1', 303);
  }

  @Get('mot-de-passe/nouveau')
  @Public()
  async resetForm(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('jeton') secret?: string) {
    const usable = await this.resets.isUsable(secret);
    this.resetPage(req, res, usable ? secret! : null, blankForm('reset'), usable ? 200 : 410);
  }

  @Post('mot-de-passe/nouveau')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  async reset(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('jeton') secret: string | undefined, @Body() body: Record<string, unknown>) {
    const password = typeof body.password === 'string' ? body.password : '';
    const problem = newPasswordProblem(password, this.web.labels(req, res));
    if (problem) return this.resetPage(req, res, secret ?? null, failedForm('reset', {}, [problem], this.web.lang(req, res)), 400);
    try {
      await this.resets.confirm(secret, password);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'gone') return this.resetPage(req, res, null, blankForm('reset'), 410);
      throw e;
    }
    // Every session of the account was just revoked, this browser's too.
    clearSessionCookie(res);
    res.redirect('/login?reinitialise=1', 303);
  }

  @Post('logout')
  async logout(@Req() req: FastifyRequest & AuthenticatedRequest, @Res() res: FastifyReply) {
    // A session opened through ProConnect ends the provider's session too: on to its end-session page.
    const providerSignOut = req.principal ? await this.proConnect.signOutUrl(req.principal.tokenId) : null;
    if (req.principal) await this.tokens.revoke(req.principal.tokenId, req.principal);
    clearSessionCookie(res);
    res.redirect(providerSignOut ?? '/login', 303);
  }

  private async startSession(req: FastifyRequest, res: FastifyReply, user: UserRecord, next: string): Promise<void> {
    const { token } = await this.tokens.issue(user.id, 'web');
    setSessionCookie(req, res, token, this.config);
    res.redirect(next, 303);
  }

  /** A refused sign-in: the catalogue's sentence (wrong credentials, locked until when) on the sign-in page. */
  private refused(req: FastifyRequest, res: FastifyReply, e: unknown, next: string, email: string): void {
    if (!(e instanceof DomainError) || e.kind !== 'unauthorized') throw e;
    const lang = this.web.lang(req, res);
    const message = localizeError(e, lang).message; // the API's words, one catalogue
    this.loginPage(req, res, next, failedForm('login', { email }, [], lang, { message }), null, 401);
  }

  private async wrongCode(req: FastifyRequest, res: FastifyReply, key: string, state: PendingSignIn): Promise<void> {
    const attempts = state.attempts + 1;
    if (attempts >= SECOND_STEP_ATTEMPTS) {
      await this.states.drop('second-factor', key);
      return this.startAgain(res);
    }
    const kept = { ...state, attempts };
    await this.states.put('second-factor', key, state.userId, kept, Math.max(1000, state.until - this.clock.now().getTime()));
    const labels = this.web.labels(req, res);
    const error: PageError = { field: 'code', message: labels.codeWrong, text: `${labels.codeLabel}${labels.colon}${labels.codeWrong}` };
    await this.codePage(req, res, kept, failedForm('otp', {}, [error], this.web.lang(req, res)), 401);
  }

  /** The sign-in waiting for its second step, from this browser's cookie, if it has not expired. */
  private async pending(req: FastifyRequest): Promise<{ key: string; state: PendingSignIn } | null> {
    const key = req.cookies?.[PENDING_COOKIE];
    const state = key ? await this.states.get<PendingSignIn>('second-factor', key) : undefined;
    return key && state ? { key, state } : null;
  }

  private startAgain(res: FastifyReply): void {
    res.clearCookie(PENDING_COOKIE, { path: '/login' });
    res.redirect('/login?expire=1', 303);
  }

  private secure(req: FastifyRequest): boolean {
    return this.config.cookies.secure || req.protocol === 'https';
  }

  private loginPage(req: FastifyRequest, res: FastifyReply, next: string, formState: FormState, flash: unknown, status = 200): void {
    const labels = this.web.labels(req, res);
    const values = formState.values;
    this.web.send(
      req,
      res,
      undefined,
      'login',
      {
        title: labels.signInTitle,
        next,
        values,
        formState,
        flash,
        oidcEnabled: this.config.oidc !== null,
        // The ProConnect sign-in comes back where the password sign-in would.
        proConnectHref: proConnectStartPath(next),
      },
      status,
    );
  }

  private async codePage(req: FastifyRequest, res: FastifyReply, state: PendingSignIn, formState: FormState, status = 200): Promise<void> {
    const labels = this.web.labels(req, res);
    const secret = state.sealedSecret ? await this.box.open(state.sealedSecret) : null;
    const user = await this.signIn.pendingAccount(state.userId);
    const enrolment = secret && user ? await totpEnrolment(secret, user.email) : null;
    const title = enrolment ? labels.enrolTitle : labels.codeTitle;
    const breadcrumb = [{ label: labels.signInTitle, href: '/login' }];
    this.web.send(req, res, undefined, 'login-code', { title, breadcrumb, enrolment, formState }, status);
  }

  private forgotPage(req: FastifyRequest, res: FastifyReply, formState: FormState, sent: boolean, status = 200): void {
    const labels = this.web.labels(req, res);
    const intro = fillLabel(labels.forgotIntro, { minutes: this.config.auth.passwordResetTtlMinutes });
    const breadcrumb = [{ label: labels.signInTitle, href: '/login' }];
    this.web.send(req, res, undefined, 'forgot-password', { title: labels.forgotTitle, breadcrumb, intro, sent, values: formState.values, formState }, status);
  }

  private resetPage(req: FastifyRequest, res: FastifyReply, secret: string | null, formState: FormState, status: number): void {
    const labels = this.web.labels(req, res);
    const breadcrumb = [{ label: labels.signInTitle, href: '/login' }];
    const action = secret ? `/mot-de-passe/nouveau?jeton=${encodeURIComponent(secret)}` : null;
    this.web.send(req, res, undefined, 'reset-password', { title: labels.resetTitle, breadcrumb, action, formState }, status);
  }
}
