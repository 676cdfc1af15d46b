import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Principal, UsersService } from '@app/accounts';
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
  constructor(private readonly users: UsersService) {}

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
}
