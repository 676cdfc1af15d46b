import { CallHandler, CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { CookieSerializeOptions } from '@fastify/cookie';
import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SESSION_COOKIE } from './web-session';

const AFTER_UPLOAD = 'web:csrf-after-upload';
/** A multipart form route: its CSRF token is checked once the upload is parsed (see CsrfAfterUploadInterceptor). */
export const CsrfAfterUpload = () => SetMetadata(AFTER_UPLOAD, true);

/**
 * CSRF protection of every form (@fastify/csrf tokens, double-submit): a random secret lives in
 * an HttpOnly, SameSite=Strict cookie; each form carries a token derived from it and bound by
 * HMAC to the session, so a token minted for one session is worthless in another. The token
 * travels in a hidden `_csrf` field.
 */
@Injectable()
export class Csrf {
  private readonly logger = new Logger('Csrf');
  private readonly tokens;
  private readonly cookieName: string;
  private readonly cookieOptions: CookieSerializeOptions;
  /** The secret a request set, when it had none yet: every form of one page shares it. */
  private readonly issued = new WeakMap<FastifyRequest, string>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    let secret = config.secretKey;
    if (!secret) {
      secret = randomBytes(32).toString('hex');
      this.logger.warn({ msg: 'SECRET_KEY is not set: forms opened before a restart will have to be reloaded' });
    }
    this.tokens = new Tokens({ userInfo: true, hmacKey: secret });
    this.cookieName = config.cookies.secure ? '__Host-fdr_csrf' : 'fdr_csrf';
    this.cookieOptions = { sameSite: 'strict', path: '/', secure: config.cookies.secure, httpOnly: true };
  }

  token(req: FastifyRequest, reply: FastifyReply): string {
    let secret = this.issued.get(req) ?? req.cookies[this.cookieName];
    if (!secret) {
      secret = this.tokens.secretSync();
      this.issued.set(req, secret);
      reply.setCookie(this.cookieName, secret, this.cookieOptions);
    }
    return this.tokens.create(secret, session(req));
  }

  valid(req: FastifyRequest): boolean {
    const secret = req.cookies[this.cookieName];
    const token = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof secret === 'string' && typeof token === 'string' && this.tokens.verify(secret, token, session(req));
  }
}

const session = (req: FastifyRequest) => req.cookies[SESSION_COOKIE] ?? 'anonymous';

/** Guards every state-changing web request. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly csrf: Csrf,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
    if (req.isMultipart()) {
      // The body is not parsed yet: the route must check after the upload, or it is refused.
      if (this.reflector.get<boolean>(AFTER_UPLOAD, context.getHandler())) return true;
      throw new ForbiddenException('csrf');
    }
    if (!this.csrf.valid(req)) throw new ForbiddenException('csrf');
    return true;
  }
}

@Injectable()
export class CsrfAfterUploadInterceptor implements NestInterceptor {
  constructor(private readonly csrf: Csrf) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    if (!this.csrf.valid(context.switchToHttp().getRequest<FastifyRequest>())) throw new ForbiddenException('csrf');
    return next.handle();
  }
}
