import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import type { Response } from 'express';
import { sha256Hex } from '../common/crypto';
import { RATE_LIMIT_KEY, RATE_LIMIT_TRACK_KEY, RateLimitClass, RateLimitTrack } from '../common/decorators/access.decorators';
import { DomainError } from '../common/errors/domain-error';
import { clientIpOf, type KeyholdRequest } from '../common/request';

/**
 * One guard, three limits (configured in AppModule): `client` per app and IP on every end-user
 * authentication, `login` per account and IP on seller and reseller login, `api` per token (or IP)
 * on everything else. A route counts against exactly one of them, the one its @RateLimit() names.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const routeClass =
      this.reflector.getAllAndOverride<RateLimitClass | undefined>(RATE_LIMIT_KEY, [
        props.context.getHandler(),
        props.context.getClass(),
      ]) ?? 'api';
    if (props.throttler.name !== routeClass) return true;
    return super.handleRequest(props);
  }

  protected override throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return Promise.reject(new DomainError('RATE_LIMITED'));
  }
}

/** Metadata only: a Reflector needs nothing injected. */
const reflector = new Reflector();

/** How the route being limited asked to be tracked (@RateLimit's second argument). */
function trackOf(context: ExecutionContext): RateLimitTrack {
  return reflector.getAllAndOverride<RateLimitTrack | undefined>(RATE_LIMIT_TRACK_KEY, [context.getHandler(), context.getClass()]) ?? {};
}

type Tracker = (req: Record<string, unknown>, context: ExecutionContext) => string;

/** Trackers, one per limit. Keys are hashed so the store never holds a token or password. */
export const trackers: Record<RateLimitClass, Tracker> = {
  client: (req, context) => {
    const r = req as unknown as KeyholdRequest;
    // The app: as the route names it (Axora: its endpoint id, decoded as its handler decodes it; any
    // X-Api-Key there is ignored, or a random one would buy a fresh budget), else its API key.
    const app = trackOf(context).app?.(r) ?? `key:${r.header('x-api-key') ?? ''}`;
    return `${sha256Hex(app)}:${clientIpOf(r)}`;
  },
  login: (req, context) => {
    const r = req as unknown as KeyholdRequest;
    if (trackOf(context).per === 'ip') return `ip:${clientIpOf(r)}`;
    const body = (r.body ?? {}) as Record<string, unknown>;
    // Normalised as the DTOs normalise it, so `' Victim@x.com'` is the same account.
    const given: unknown = body.email ?? body.username ?? '';
    const account = String(given).trim().toLowerCase();
    return `${sha256Hex(account)}:${clientIpOf(r)}`;
  },
  api: (req) => {
    const r = req as unknown as KeyholdRequest;
    const auth = r.header('authorization');
    return auth ? sha256Hex(auth) : clientIpOf(r);
  },
};
