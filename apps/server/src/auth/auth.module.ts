import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from '@app/accounts';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { InitialAdmin } from './initial-admin';
import { ProConnectModule } from './oidc/proconnect.module';
import { UsersController } from './users.controller';

@Module({
  imports: [AccountsModule, ProConnectModule],
  controllers: [AuthController, UsersController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, InitialAdmin],
  exports: [AccountsModule],
})
export class AuthModule {}
