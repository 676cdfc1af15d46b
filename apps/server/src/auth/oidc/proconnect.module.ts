import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { OidcAccountsRepository } from '@app/persistence';
import { Csrf } from '../../web/csrf';
import { WebContext } from '../../web/web-context';
import { WebExceptionFilter } from '../../web/web-exception.filter';
import { WebModule } from '../../web/web.module';
import { WebStates } from '../../web/web-states';
import { ProConnectClient } from './proconnect-client';
import { ProConnectController } from './proconnect.controller';
import { ProConnectSignIn } from './proconnect.service';

/**
 * Sign-in through ProConnect (OpenID Connect). Global, so that the sign-out of the web pages
 * (AuthPagesController) can end the provider's session too. Its pages render like every web page:
 * the renderer comes from WebModule, and the per-request helpers (context, CSRF token of the header's
 * forms, error filter, web states), which WebModule keeps to itself, are this module's own instances.
 */
@Global()
@Module({
  imports: [AccountsModule, WebModule],
  controllers: [ProConnectController],
  providers: [ProConnectClient, ProConnectSignIn, OidcAccountsRepository, WebStates, WebContext, Csrf, WebExceptionFilter],
  exports: [ProConnectSignIn],
})
export class ProConnectModule {}
