import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse, ApiOperation } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Principal, publicUser, TokensService, UsersService } from '@app/accounts';
import { Unauthorized } from '@app/common';
import { UsersRepository } from '@app/persistence';
import { API_PREFIX } from '../common/api';
import { CurrentPrincipal, Public } from './auth.decorators';
import { CreateApiTokenDto, LoginDto, MailSettingsDto } from './dto/auth.dto';
import { ParseIdPipe } from '../common/validation';

@ApiTags('auth')
@Controller(`${API_PREFIX}/auth`)
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly usersRepo: UsersRepository,
    private readonly tokens: TokensService,
  ) {}

  @Post('login')
  @ApiOperation({ summary: 'Sign in: get a bearer token' })
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ description: 'A bearer token (expires after TOKEN_TTL_HOURS) and who you are.' })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password.' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address; wait a minute.' })
  async login(@Body() body: LoginDto) {
    const user = await this.users.authenticate(body.email, body.password);
    if (!user) throw new Unauthorized('auth.wrong_credentials');
    const { token, record } = await this.tokens.issue(user.id, 'session');
    return { token, tokenType: 'Bearer', expiresAt: record.expiresAt, user: publicUser(user) };
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
