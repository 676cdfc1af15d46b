import { Module } from '@nestjs/common';
import { TokensService } from './tokens.service';
import { UsersService } from './users.service';

/** People, roles, body scopes and tokens; shared by the HTTP server and the CLI. */
@Module({ providers: [UsersService, TokensService], exports: [UsersService, TokensService] })
export class AccountsModule {
  constructor(users: UsersService, tokens: TokensService) {
    // A disabled account, a new role or new bodies must apply to the next request, not in 2 s.
    users.onAccountChange = () => tokens.forgetResolved();
  }
}
