import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from '../../modules/auth/auth.service';
import { AppError } from '../errors/app-error';
import { PERMISSION_KEY, PUBLIC_KEY, RequestWithActor } from './decorators';
import { hasPermission, Permission } from './permissions';

export const SESSION_COOKIE = 'sid';

export function tokenFrom(req: RequestWithActor): string | null {
  const auth = req.headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

/** The session cookie: httpOnly, SameSite=Lax, whole site. An empty value with a past date clears it. */
export function sessionCookie(token: string, expires: Date, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expires.toUTCString()}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Global guard: public routes pass; every other route must declare a permission (fail closed). */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission>(PERMISSION_KEY, targets);
    const req = ctx.switchToHttp().getRequest<RequestWithActor>();
    if (!permission) {
      this.logger.error(`route without a declared permission: ${req.method} ${req.url}`);
      throw new AppError(403, 'FORBIDDEN');
    }
    const token = tokenFrom(req);
    const actor = token ? await this.auth.authenticate(token, { ip: req.ip ?? null, requestId: String(req.id) }) : null;
    if (!actor) throw new AppError(401, 'UNAUTHENTICATED');
    req.actor = actor;
    if (!hasPermission(actor.roles, permission)) throw new AppError(403, 'FORBIDDEN');
    return true;
  }
}
