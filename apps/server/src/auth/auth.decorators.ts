import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from '@app/accounts';
import type { Role } from '@app/persistence';

export const IS_PUBLIC = 'auth:public';
export const WEB_PAGE = 'auth:web-page';
export const ROLES = 'auth:roles';

/** No sign-in needed (login, health, documentation). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * A route of the web app: signed in by the session cookie. API routes only accept bearer tokens,
 * so a cookie can never carry a cross-site request into the API.
 */
export const WebPage = () => SetMetadata(WEB_PAGE, true);

/** Only these roles may call the route (checked after sign-in). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The signed-in user of the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal!;
});
