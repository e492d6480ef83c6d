import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Response } from 'express';
import { AppLookup } from '../apps/app-lookup';
import { sha256Hex } from '../common/crypto';
import { AppReference, RATE_LIMIT_KEY, RATE_LIMIT_TRACK_KEY, RateLimitClass, RateLimitTrack } from '../common/decorators/access.decorators';
import { DomainError } from '../common/errors/domain-error';
import { clientIpOf, type KeyholdRequest } from '../common/request';

/** The limits (AppModule configures one throttler of each name), and which apply to a route's class. */
export type ThrottlerName = 'client' | 'login' | 'login-ip' | 'api';
const LIMITS_OF: Record<RateLimitClass, ThrottlerName[]> = {
  client: ['client'],
  // Per account and IP, and a ceiling per IP across all accounts (one IP trying many accounts).
  login: ['login', 'login-ip'],
  api: ['api'],
};

/** What the throttler's storage answers for one counted request. */
type Hit = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Where the caller stands, as Keygen tells it on every answer: the window (`60s`), the requests
 * counted in it, its limit, what remains and when it resets (Unix seconds). A route under two
 * limits (login) shows the one closest to running out.
 */
function setWindowHeaders(res: Response, limit: number, ttlMs: number, hit: Hit): void {
  const remaining = Math.max(0, limit - hit.totalHits);
  const shown = Number(res.getHeader('X-RateLimit-Remaining') ?? Infinity);
  if (remaining > shown) return;
  res.setHeader('X-RateLimit-Window', `${Math.round(ttlMs / 1000)}s`);
  res.setHeader('X-RateLimit-Count', String(hit.totalHits));
  res.setHeader('X-RateLimit-Limit', String(limit));
  res.setHeader('X-RateLimit-Remaining', String(remaining));
  res.setHeader('X-RateLimit-Reset', String(Math.ceil(Date.now() / 1000 + hit.timeToExpire)));
}

/** The limits that count a route's requests, with how the route tells its callers apart. */
interface RouteLimits {
  throttlers: Array<{ name: ThrottlerName; ttl: number; limit: number }>;
  track: RateLimitTrack;
}

/** API keys and Axora endpoint ids are short; anything longer names no app (and is not looked up). */
const MAX_APP_REFERENCE = 64;

/**
 * One guard, four limits: `client` per app and IP on every end-user authentication (client login,
 * register, license login and Axora share it), `login` per account and IP on seller and reseller
 * login and sign-up with `login-ip` as the per-IP ceiling across accounts, `api` per token (or IP)
 * on everything else. A route's @RateLimit() names its class; its handler, not its path, decides,
 * so case changes and trailing slashes share a budget. Keys are hashed where they hold a secret.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly apps: AppLookup,
  ) {
    super(options, storage, reflector);
  }

  /** Each route's limits, worked out from its decorators at its first request (they never change). */
  private readonly limitsOfRoute = new WeakMap<object, RouteLimits>();

  /**
   * Counts the request in each limit of its route. In place of the library's loop, which asks the
   * reflector a dozen questions per limit and request (@Throttle overrides, skips: none is used
   * here), on every request of the client API's load (issue #15).
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const { throttlers, track } = this.routeLimits(context);
    const { req, res } = this.getRequestResponse(context) as { req: KeyholdRequest; res: Response };
    for (const { name, ttl, limit } of throttlers) {
      const tracker = await this.tracker(name, req, track);
      // Blocked for the rest of the window once over the limit: the block lasts a window.
      const hit = await this.storageService.increment(`${name}:${tracker}`, ttl, limit, ttl, name);
      setWindowHeaders(res, limit, ttl, hit);
      if (hit.isBlocked) {
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(hit.timeToBlockExpire))));
        throw new DomainError('RATE_LIMITED');
      }
    }
    return true;
  }

  private routeLimits(context: ExecutionContext): RouteLimits {
    const handler = context.getHandler();
    let limits = this.limitsOfRoute.get(handler);
    if (!limits) {
      const targets = [handler, context.getClass()];
      const routeClass = this.reflector.getAllAndOverride<RateLimitClass | undefined>(RATE_LIMIT_KEY, targets) ?? 'api';
      limits = {
        throttlers: LIMITS_OF[routeClass].map((name) =>
          fixed(
            this.throttlers.find((t) => t.name === name),
            name,
          ),
        ),
        track: this.reflector.getAllAndOverride<RateLimitTrack | undefined>(RATE_LIMIT_TRACK_KEY, targets) ?? {},
      };
      this.limitsOfRoute.set(handler, limits);
    }
    return limits;
  }

  private async tracker(name: ThrottlerName, req: KeyholdRequest, track: RateLimitTrack): Promise<string> {
    const ip = clientIpOf(req);
    switch (name) {
      case 'client':
        return `${await this.appOf(req, track.app?.(req) ?? { apiKey: req.header('x-api-key') })}:${ip}`;
      case 'login': {
        if (track.per === 'ip') return ip;
        const body = (req.body ?? {}) as Record<string, unknown>;
        // Normalised as the DTOs normalise it, so `' Victim@x.com'` is the same account; a reseller
        // is a username of one seller.
        const given = body.email ?? body.username;
        const account = typeof given === 'string' ? given.trim().toLowerCase() : '';
        if (body.email === undefined && typeof body.sellerId === 'string') return `${sha256Hex(`${body.sellerId}:${account}`)}:${ip}`;
        return `${sha256Hex(account)}:${ip}`;
      }
      case 'login-ip':
        return ip;
      case 'api': {
        const auth = req.header('authorization');
        return auth ? sha256Hex(auth) : ip;
      }
    }
  }

  /**
   * The app the request names, by its id, however it names it (API key or Axora endpoint); every
   * name of no app shares one budget per IP, so made-up keys buy nothing.
   */
  private async appOf(req: KeyholdRequest, ref: AppReference): Promise<string> {
    const given = 'apiKey' in ref ? ref.apiKey : ref.endpoint;
    if (!given || given.length > MAX_APP_REFERENCE) return 'no-app';
    const app = 'apiKey' in ref ? await this.apps.byApiKey(req, given) : await this.apps.byEndpoint(req, given);
    return app ? app.id : 'no-app';
  }
}

/** A limit as AppModule configures it: a name, a window and a count, all fixed numbers. */
function fixed(t: ThrottlerOptions | undefined, name: ThrottlerName): RouteLimits['throttlers'][number] {
  if (!t || typeof t.ttl !== 'number' || typeof t.limit !== 'number')
    throw new Error(`rate limit ${name} is not configured with fixed numbers`);
  return { name, ttl: t.ttl, limit: t.limit };
}
