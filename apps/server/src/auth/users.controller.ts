import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Principal, SignInService, UsersService } from '@app/accounts';
import { API_PREFIX } from '../common/api';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { CreateUserDto, UpdateUserDto } from './dto/auth.dto';
import { ParseIdPipe } from '../common/validation';

/** Account management, for administrators. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller(`${API_PREFIX}/users`)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly signIn: SignInService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List user accounts' })
  list() {
    return this.users.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a user account' })
  get(@Param('id', ParseIdPipe) id: number) {
    return this.users.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user account' })
  create(@CurrentPrincipal() me: Principal, @Body() body: CreateUserDto) {
    return this.users.create(body, me.userId);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a user account (role, bodies, password, disabled)' })
  update(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: UpdateUserDto) {
    return this.users.update(id, body, me.userId);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a lockout after repeated failed sign-ins before it ends (audited)' })
  async unlock(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number) {
    await this.signIn.unlock(id, me.userId);
    return this.users.get(id);
  }

  @Delete(':id/totp')
  @ApiOperation({ summary: "Remove a person's second factor (a lost phone); they may enrol again (audited)" })
  async removeSecondFactor(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number) {
    await this.signIn.removeSecondFactor(id, me.userId);
    return this.users.get(id);
  }
}
