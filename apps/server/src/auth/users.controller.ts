import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  list() {
    return this.users.list();
  }

  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number) {
    return this.users.get(id);
  }

  @Post()
  create(@CurrentPrincipal() me: Principal, @Body() body: CreateUserDto) {
    return this.users.create(body, me.userId);
  }

  @Patch(':id')
  update(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: UpdateUserDto) {
    return this.users.update(id, body, me.userId);
  }
}
