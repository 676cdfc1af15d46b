import { CallHandler, CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { doubleCsrf } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SESSION_COOKIE } from './web-session';

const AFTER_UPLOAD = 'web:csrf-after-upload';
/** A multipart form route: its CSRF token is checked once the upload is parsed (see CsrfAfterUploadInterceptor). */
export const CsrfAfterUpload = () => SetMetadata(AFTER_UPLOAD, true);

/**
 * CSRF protection of every form (double-submit cookie, csrf-csrf), bound to the session: a token
 * minted for one session is worthless in another. The token travels in a hidden `_csrf` field.
 */
@Injectable()
export class Csrf {
  private readonly logger = new Logger('Csrf');
  private readonly utils;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    let secret = config.secretKey;
    if (!secret) {
      secret = randomBytes(32).toString('hex');
      this.logger.warn({ msg: 'SECRET_KEY is not set: forms opened before a restart will have to be reloaded' });
    }
    this.utils = doubleCsrf({
      getSecret: () => secret!,
      getSessionIdentifier: (req) => (req.cookies?.[SESSION_COOKIE] as string | undefined) ?? 'anonymous',
      cookieName: config.cookies.secure ? '__Host-fdr_csrf' : 'fdr_csrf',
      cookieOptions: { sameSite: 'strict', path: '/', secure: config.cookies.secure, httpOnly: true },
      getCsrfTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
    });
  }

  token(req: Request, res: Response): string {
    return this.utils.generateCsrfToken(req, res, { overwrite: false, validateOnReuse: false });
  }

  valid(req: Request): boolean {
    return this.utils.validateRequest(req);
  }
}

/** Guards every state-changing web request. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly csrf: Csrf,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
    if (req.is('multipart/form-data')) {
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
    if (!this.csrf.valid(context.switchToHttp().getRequest<Request>())) throw new ForbiddenException('csrf');
    return next.handle();
  }
}
