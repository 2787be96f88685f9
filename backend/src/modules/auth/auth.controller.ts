import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sessionCookie } from '../../common/auth/auth.guard';
import { CurrentActor, Public, RequestMeta, RequestMetaInfo, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors } from '../../common/http/api-page.decorator';
import { APP_CONFIG, AppConfig } from '../../config/env';
import { ChangePasswordDto, LoginDto, LoginResponseDto, MeResponseDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  async login(@Body() dto: LoginDto, @RequestMeta() meta: RequestMetaInfo, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto> {
    const result = await this.auth.login(dto.login, dto.password, meta);
    void reply.header('set-cookie', sessionCookie(result.token, new Date(result.expiresAt), this.config.cookieSecure));
    return result;
  }

  @Post('logout')
  @RequirePermission(Permission.Self)
  @HttpCode(204)
  @ApiCookieAuth() @ApiBearerAuth()
  @ApiNoContentResponse()
  @ApiErrors(401)
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(actor);
    void reply.header('set-cookie', sessionCookie('', new Date(0), this.config.cookieSecure));
  }

  @Get('me')
  @RequirePermission(Permission.Self)
  @ApiCookieAuth() @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponseDto })
  @ApiErrors(401)
  me(@CurrentActor() actor: Actor): Promise<MeResponseDto> {
    return this.auth.me(actor);
  }

  @Post('change-password')
  @RequirePermission(Permission.Self)
  @HttpCode(204)
  @ApiCookieAuth() @ApiBearerAuth()
  @ApiNoContentResponse()
  @ApiErrors(400, 401)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(actor, dto.oldPassword, dto.newPassword);
  }
}
