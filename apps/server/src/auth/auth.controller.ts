import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { PasswordResetService, Principal, publicUser, SignInService, TokensService, UsersService } from '@app/accounts';
import { Unauthorized } from '@app/common';
import { UsersRepository } from '@app/persistence';
import { Lang, webLabels } from '@app/presentation';
import { API_PREFIX } from '../common/api';
import { RequestLang } from '../common/request-lang';
import { CurrentPrincipal, Public } from './auth.decorators';
import { CreateApiTokenDto, LoginDto, MailSettingsDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/auth.dto';
import { ParseIdPipe } from '../common/validation';

@ApiTags('auth')
@Controller(`${API_PREFIX}/auth`)
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly usersRepo: UsersRepository,
    private readonly tokens: TokensService,
    private readonly signIn: SignInService,
    private readonly resets: PasswordResetService,
  ) {}

  @Post('login')
  @ApiOperation({ summary: 'Sign in: get a bearer token' })
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ description: 'A bearer token (expires after TOKEN_TTL_HOURS) and who you are.' })
  @ApiUnauthorizedResponse({
    description:
      'Wrong e-mail or password (`auth.wrong_credentials`); account locked after repeated failures (`auth.locked`, says until when); ' +
      'the account has a second factor and `otp` is missing (`auth.otp_required`) or wrong (`auth.otp_invalid`).',
  })
  @ApiForbiddenResponse({ description: 'REQUIRE_MFA: an administrator without a second factor (`auth.mfa_enrolment_required`) enrols on the web first.' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address; wait a minute.' })
  async login(@Body() body: LoginDto) {
    const result = await this.signIn.checkPassword(body.email, body.password, body.otp);
    if (result.step === 'second-factor') throw new Unauthorized('auth.otp_required');
    if (result.step === 'enrol') throw this.signIn.enrolmentRequired();
    const { token, record } = await this.tokens.issue(result.user.id, 'session');
    return { token, tokenType: 'Bearer', expiresAt: record.expiresAt, user: publicUser(result.user) };
  }

  @Post('password-reset')
  @ApiOperation({ summary: 'Forgotten password: mail a one-time reset link to the account of this address' })
  @Public()
  @HttpCode(202)
  @UseGuards(ThrottlerGuard)
  @ApiAcceptedResponse({ description: 'The same answer whether the address has an account or not; the link expires after PASSWORD_RESET_TTL_MINUTES.' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address; wait a minute.' })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto, @RequestLang() lang: Lang) {
    await this.resets.request(body.email);
    return { message: webLabels(lang).resetSent };
  }

  @Post('password-reset/confirm')
  @ApiOperation({ summary: 'Set a new password with the link received by mail (once); ends every session and token of the account' })
  @Public()
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @ApiNoContentResponse({ description: 'Password changed; sign in with it.' })
  @ApiGoneResponse({ description: 'The link was used, expired or replaced (`auth.reset_link_invalid`).' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address; wait a minute.' })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.resets.confirm(body.token, body.password);
  }

  @Post('logout')
  @ApiOperation({ summary: 'Sign out: revoke the current token' })
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@CurrentPrincipal() me: Principal): Promise<void> {
    await this.tokens.revoke(me.tokenId, me);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who you are' })
  @ApiBearerAuth()
  async me(@CurrentPrincipal() me: Principal) {
    return publicUser((await this.usersRepo.findById(me.userId))!);
  }

  @Patch('me')
  @ApiOperation({ summary: 'Your mail settings: the language of your mails, and whether you get review reminders' })
  @ApiBearerAuth()
  updateMe(@CurrentPrincipal() me: Principal, @Body() body: MailSettingsDto) {
    return this.users.updateMailSettings(me.userId, body);
  }

  @Get('tokens')
  @ApiOperation({ summary: 'List your tokens' })
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'Your tokens (secrets are never shown again).' })
  listTokens(@CurrentPrincipal() me: Principal) {
    return this.tokens.listFor(me.userId);
  }

  @Post('tokens')
  @ApiOperation({ summary: 'Create a personal API token' })
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: 'A personal API token for an automated feed; the secret is shown once.' })
  async createToken(@CurrentPrincipal() me: Principal, @Body() body: CreateApiTokenDto) {
    const { token, record } = await this.tokens.issue(me.userId, 'api', body);
    return { token, ...record };
  }

  @Delete('tokens/:id')
  @ApiOperation({ summary: 'Revoke one of your tokens' })
  @HttpCode(200)
  @ApiBearerAuth()
  revokeToken(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number) {
    return this.tokens.revoke(id, me);
  }
}
