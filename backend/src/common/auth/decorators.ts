import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, Permission } from './permissions';

export const PERMISSION_KEY = 'permission';
export const PUBLIC_KEY = 'public';

/** Declares the permission a route needs; the global guard refuses routes that declare nothing. */
export const RequirePermission = (p: Permission) => SetMetadata(PERMISSION_KEY, p);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export type RequestWithActor = FastifyRequest & { actor?: Actor };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<RequestWithActor>();
  if (!req.actor) throw new Error('CurrentActor used on a public route');
  return req.actor;
});

/** Request context for audit rows on public routes (login). */
export const RequestMeta = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { ip: req.ip ?? null, requestId: String(req.id), userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300) };
});
export type RequestMetaInfo = { ip: string | null; requestId: string; userAgent: string };
