import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { TokensService } from '@app/accounts';
import { Forbidden, Unauthorized } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { Role } from '@app/persistence';
import { AuthenticatedRequest, IS_PUBLIC, ROLES, WEB_PAGE } from './auth.decorators';
import { SESSION_COOKIE } from '../web/web-session';

/**
 * Runs on every route. Resolves the principal from `Authorization: Bearer <token>` (API) or the
 * session cookie (web pages only), then enforces: sign-in unless the route is public (or a read with PUBLIC_READ),
 * and the route's roles. Body scopes are checked by the services, which know the objective.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  // Keyed by the handler method: each belongs to one controller class (none inherits routes).
  private readonly rules = new WeakMap<object, RouteRules>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const { webPage, isPublic, roles } = this.rulesOf(context);
    const token = webPage ? (req.cookies?.[SESSION_COOKIE] as string | undefined) : bearerToken(req);
    const principal = token ? await this.tokens.resolve(token) : null;
    if (principal) req.principal = principal;

    if (isPublic) return true;
    if (!principal) {
      if (this.config.auth.publicRead && req.method === 'GET') return true;
      throw new Unauthorized(token ? 'auth.token_invalid' : 'auth.sign_in_required');
    }
    if (roles && !roles.includes(principal.role)) throw new Forbidden('permission.role_required', { roles, role: principal.role });
    return true;
  }

  /** A route's decorators, read once: they never change, and this runs on every request. */
  private rulesOf(context: ExecutionContext): RouteRules {
    const handler = context.getHandler();
    let rules = this.rules.get(handler);
    if (!rules) {
      const targets = [handler, context.getClass()];
      rules = {
        webPage: this.reflector.getAllAndOverride<boolean>(WEB_PAGE, targets) ?? false,
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
      };
      this.rules.set(handler, rules);
    }
    return rules;
  }
}

interface RouteRules {
  webPage: boolean;
  isPublic: boolean;
  roles: Role[] | undefined;
}

function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : header; // a malformed header still counts as a (bad) credential, never as anonymous
}
