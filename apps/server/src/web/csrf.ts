import {
  CallHandler,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  OnModuleInit,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { CookieSerializeOptions } from '@fastify/cookie';
import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '@app/common';
import { serverKey } from '@app/accounts';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WebStatesRepository } from '@app/persistence';
import { SESSION_COOKIE } from './web-session';

const AFTER_UPLOAD = 'web:csrf-after-upload';
/** A multipart form route: its CSRF token is checked once the upload is parsed (see CsrfAfterUploadInterceptor). */
export const CsrfAfterUpload = () => SetMetadata(AFTER_UPLOAD, true);
/** @fastify/csrf's tokens made with `userInfo: true`: each bound to a session. */
interface SessionBoundTokens {
  secretSync(): string;
  create(secret: string, userInfo: string): string;
  verify(secret: string, token: string, userInfo: string): boolean;
}

/**
 * CSRF protection of every form (@fastify/csrf tokens, double-submit): a random secret lives in
 * an HttpOnly, SameSite=Strict cookie; each form carries a token derived from it and bound by
 * HMAC to the session, so a token minted for one session is worthless in another. The token
 * travels in a hidden `_csrf` field. The HMAC key is SECRET_KEY or, when unset, one drawn once and
 * kept in the database: never one per process, so a form drawn by one server instance is accepted
 * by every other (and still after a restart).
 */
@Injectable()
export class Csrf implements OnModuleInit {
  private readonly logger = new Logger('Csrf');
  private tokens!: SessionBoundTokens;
  private readonly cookieName: string;
  private readonly cookieOptions: CookieSerializeOptions;
  /** The secret a request set, when it had none yet: every form of one page shares it. */
  private readonly issued = new WeakMap<FastifyRequest, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly states: WebStatesRepository,
    private readonly clock: Clock,
  ) {
    this.cookieName = config.cookies.secure ? '__Host-fdr_csrf' : 'fdr_csrf';
    this.cookieOptions = { sameSite: 'strict', path: '/', secure: config.cookies.secure, httpOnly: true };
  }

  /** Before the first request: the key every instance signs with. */
  async onModuleInit(): Promise<void> {
    this.tokens = new Tokens({ userInfo: true, hmacKey: this.config.secretKey ?? (await this.sharedKey()) });
  }

  /** The key kept in the database: the first instance to start draws it, the others read it. */
  private async sharedKey(): Promise<string> {
    const { key, drawn } = await serverKey(this.states, this.clock.now().toISOString());
    if (drawn) this.logger.log({ msg: 'SECRET_KEY is not set: forms are signed with a key drawn once and kept in the database' });
    return key;
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
