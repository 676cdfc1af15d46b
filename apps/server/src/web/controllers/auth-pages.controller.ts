import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokensService, UsersService } from '@app/accounts';
import { APP_CONFIG, AppConfig } from '@app/config';
import { renderMessage } from '@app/presentation';
import { AuthenticatedRequest, Public } from '../../auth/auth.decorators';
import { failedForm } from '../forms';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';
import { clearSessionCookie, setSessionCookie } from '../web-session';

/** Only local paths: /login?next=https://evil.example must not send anyone away. */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

@WebPages()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly web: WebContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  form(@Req() req: FastifyRequest & AuthenticatedRequest, @Res() res: FastifyReply, @Query('next') next?: string) {
    if (req.principal) return res.redirect(safeNext(next), 303);
    this.web.send(req, res, undefined, 'login', { title: this.web.labels(req, res).signInTitle, next: safeNext(next), values: {} });
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  async login(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Body() body: Record<string, unknown>) {
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 256) : '';
    const user = email && password ? await this.users.authenticate(email, password) : null;
    if (!user) {
      const labels = this.web.labels(req, res);
      const message = renderMessage('auth.wrong_credentials', {}, this.web.lang(req, res)); // the API's words, one catalogue
      const formState = failedForm('login', { email }, [], this.web.lang(req, res), { message });
      return this.web.send(req, res, undefined, 'login', { title: labels.signInTitle, next: safeNext(body.next), values: { email }, formState }, 401);
    }
    const { token } = await this.tokens.issue(user.id, 'web');
    setSessionCookie(req, res, token, this.config);
    res.redirect(safeNext(body.next), 303);
  }

  @Post('logout')
  async logout(@Req() req: FastifyRequest & AuthenticatedRequest, @Res() res: FastifyReply) {
    if (req.principal) await this.tokens.revoke(req.principal.tokenId, req.principal);
    clearSessionCookie(res);
    res.redirect('/login', 303);
  }
}
