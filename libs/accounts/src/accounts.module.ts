import { Module } from '@nestjs/common';
import { PasswordResetService } from './password-reset';
import { SecretBox } from './secret-box';
import { SignInService } from './sign-in.service';
import { TokensService } from './tokens.service';
import { TotpCodes } from './totp';
import { UsersService } from './users.service';

const SERVICES = [UsersService, TokensService, SignInService, PasswordResetService, SecretBox, TotpCodes];

/** People, roles, body scopes, tokens, signing in (lockout, second factor) and password reset; shared by the HTTP server and the CLI. */
@Module({ providers: SERVICES, exports: SERVICES })
export class AccountsModule {
  constructor(users: UsersService, tokens: TokensService) {
    // A disabled account, a new role or new bodies must apply to the next request, not in 2 s.
    users.onAccountChange = () => tokens.forgetResolved();
  }
}
