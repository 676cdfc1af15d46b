import { Controller, Get, Inject, Logger, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { DomainError, NotFound } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { renderMessage } from '@app/presentation';
import { httpStatusOf } from '../../common/error-filter';
import { WebContext } from '../../web/web-context';
import { WebExceptionFilter } from '../../web/web-exception.filter';
import { setSessionCookie } from '../../web/web-session';
import { AuthenticatedRequest, Public, WebPage } from '../auth.decorators';
import { ProConnectSignIn, SIGN_IN_TTL_MS } from './proconnect.service';

/** Binds a started sign-in to the browser that started it: the provider's answer is only accepted with it (no sign-in planted by someone else). */
const BROWSER_COOKIE = 'fdr_proconnect';
const COOKIE_PATH = '/auth/proconnect';

/** Only local paths: ?next=https://evil.example must not send anyone away. */
const localPath = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

/** The address of the ProConnect button: the start of a sign-in that comes back to `next`. */
export const proConnectStartPath = (next: string): string => `/auth/proconnect?next=${encodeURIComponent(localPath(next))}`;

/**
 * ProConnect's pages: the start of a sign-in (→ the provider), the provider's answer (→ signed in,
 * or a page saying why not and what to do) and the hop of the sign-out to the provider. All answer
 * 404 when ProConnect is not configured. GET only (the provider comes back with a GET), so no CSRF
 * token: the `state`, kept in the database and tied to this browser's cookie, plays that part.
 */
@WebPage()
@UseFilters(WebExceptionFilter)
@ApiExcludeController()
@Controller('auth/proconnect')
export class ProConnectController {
  private readonly logger = new Logger('ProConnect');

  constructor(
    private readonly signIn: ProConnectSignIn,
    private readonly web: WebContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  async start(@Req() req: FastifyRequest & AuthenticatedRequest, @Res() res: FastifyReply, @Query('next') next?: string) {
    this.refuseUnlessEnabled();
    if (req.principal) return res.redirect(localPath(next), 303);
    try {
      const url = await this.signIn.start(localPath(next), this.browserSecret(req, res));
      res.redirect(url.href, 303);
    } catch (error) {
      this.refused(req, res, error);
    }
  }

  @Get('callback')
  @Public()
  async callback(@Req() req: FastifyRequest & AuthenticatedRequest, @Res() res: FastifyReply) {
    this.refuseUnlessEnabled();
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    try {
      const { sessionToken, returnTo } = await this.signIn.finish(query, req.cookies?.[BROWSER_COOKIE]);
      setSessionCookie(req, res, sessionToken, this.config);
      res.redirect(returnTo, 303);
    } catch (error) {
      this.refused(req, res, error);
    }
  }

  @Get('sign-out')
  @Public()
  async signOut(@Req() req: FastifyRequest & AuthenticatedRequest, @Res() res: FastifyReply, @Query('key') key?: string) {
    this.refuseUnlessEnabled();
    const endSessionUrl = typeof key === 'string' ? await this.signIn.takeSignOut(key) : undefined;
    if (!endSessionUrl) return res.redirect('/login', 303);
    // At once, without a script (the CSP allows none inline): the browser follows the Refresh header.
    res.header('Refresh', `0; url=${endSessionUrl}`);
    this.web.send(req, res, undefined, 'proconnect-sign-out', { title: this.web.labels(req, res).proConnectSignOutTitle, endSessionUrl });
  }

  private refuseUnlessEnabled(): void {
    if (!this.signIn.enabled) throw new NotFound('not_found.route', { method: 'GET', path: COOKIE_PATH });
  }

  /** This browser's secret: the one its cookie holds (a sign-in in another tab keeps working), else a new one. */
  private browserSecret(req: FastifyRequest, res: FastifyReply): string {
    const kept = req.cookies?.[BROWSER_COOKIE];
    const secret = kept && /^[A-Za-z0-9_-]{43}$/.test(kept) ? kept : randomBytes(32).toString('base64url');
    res.setCookie(BROWSER_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'lax', // sent when the provider sends the browser back (a top-level GET from another site)
      secure: this.config.cookies.secure || req.protocol === 'https',
      path: COOKIE_PATH,
      maxAge: SIGN_IN_TTL_MS / 1000,
    });
    return secret;
  }

  /** A refused or failed sign-in: a page in the reader's language saying what happened and what to do; never signed in. */
  private refused(req: FastifyRequest & AuthenticatedRequest, res: FastifyReply, error: unknown): void {
    if (!(error instanceof DomainError)) throw error; // a fault: the 500 page, and the log
    this.logger.warn({ msg: 'ProConnect sign-in refused', code: error.code, params: error.params });
    const lang = this.web.lang(req, res);
    const labels = this.web.labels(req, res);
    const status = httpStatusOf(error);
    const heading = labels.proConnectErrorTitle;
    const message = renderMessage(error.code, error.params, lang);
    this.web.send(req, res, req.principal, 'error', { title: heading, heading, message, help: labels.proConnectErrorHelp, status }, status);
  }
}
