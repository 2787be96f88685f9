import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import { CreateUserDto, ListUsersQueryDto, ResetPasswordDto, UpdateUserDto, UserResponseDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('Users')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.UserManage)
  @ApiPage(UserResponseDto) @ApiErrors(400, 401, 403)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    return this.users.list(query);
  }

  @Post()
  @RequirePermission(Permission.UserManage)
  @ApiCreatedResponse({ type: UserResponseDto }) @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.UserManage)
  @ApiOkResponse({ type: UserResponseDto }) @ApiErrors(400, 401, 403, 404)
  get(@Param() { id }: IdParamDto): Promise<UserResponseDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UserManage)
  @ApiOkResponse({ type: UserResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/reset-password')
  @RequirePermission(Permission.UserManage)
  @HttpCode(204)
  @ApiNoContentResponse() @ApiErrors(400, 401, 403, 404)
  resetPassword(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(actor, id, dto.newPassword);
  }
}
