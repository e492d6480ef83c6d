import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { clientIpOf, type KeyholdRequest } from '../request';

/** What the AccessGuard set on the request; these decorators read nothing else. */
function principalOf(ctx: ExecutionContext) {
  return ctx.switchToHttp().getRequest<KeyholdRequest>().principal;
}

/**
 * The seller's id (uuid): signed in, or through a store integration key (which the AccessGuard
 * already held to its app). Only on @SellerAuth() routes.
 */
export const CurrentSeller = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const p = principalOf(ctx);
  if (p?.kind !== 'seller' && p?.kind !== 'integration') throw new Error('CurrentSeller used on a route without @SellerAuth()');
  return p.sellerId;
});

/** The seller principal with its session (logout, password change). Only on @SellerAuth() routes. */
export const CurrentSellerSession = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const p = principalOf(ctx);
  if (p?.kind !== 'seller') throw new Error('CurrentSellerSession used on a route without @SellerAuth()');
  return p;
});

/** The reseller principal. Only on @ResellerAuth() routes. */
export const CurrentReseller = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const p = principalOf(ctx);
  if (p?.kind !== 'reseller') throw new Error('CurrentReseller used on a route without @ResellerAuth()');
  return p;
});

/** The client principal: the app behind X-Api-Key, and the session on session routes. */
export const CurrentClient = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const p = principalOf(ctx);
  if (p?.kind !== 'client') throw new Error('CurrentClient used on a route without @ClientAuth()');
  return p;
});

/** The caller's IP (see clientIpOf). */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return clientIpOf(ctx.switchToHttp().getRequest<KeyholdRequest>());
});

/** Where a sign-in comes from (the caller's IP and User-Agent), kept on the session it opens. */
export interface SignInOrigin {
  ip: string;
  userAgent?: string;
}

export const SignInFrom = createParamDecorator((_: unknown, ctx: ExecutionContext): SignInOrigin => {
  const req = ctx.switchToHttp().getRequest<KeyholdRequest>();
  return { ip: clientIpOf(req), userAgent: req.header('user-agent') };
});
