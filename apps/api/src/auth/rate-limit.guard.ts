import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import type { Response } from 'express';
import { sha256Hex } from '../common/crypto';
import { RATE_LIMIT_KEY, RateLimitClass } from '../common/decorators/access.decorators';
import { clientIpOf } from '../common/decorators/principal.decorators';
import { DomainError } from '../common/errors/domain-error';
import type { KeyholdRequest } from '../common/request';
import { AXORA_PREFIX, parseAxoraPath } from '../axora/axora-url';

/**
 * One guard, three limits (configured in AppModule): `client` per app and IP on every end-user
 * authentication, `login` per account and IP on seller and reseller login, `api` per token (or IP)
 * on everything else. A route counts against exactly one of them.
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

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    throw new DomainError('RATE_LIMITED');
  }
}

/** Trackers, one per limit. Keys are hashed so the store never holds a token or password. */
export const trackers: Record<RateLimitClass, (req: Record<string, unknown>) => string> = {
  client: (req) => {
    const r = req as unknown as KeyholdRequest;
    // The app: its endpoint id on Axora (decoded as the handler decodes it; any X-Api-Key there is
    // ignored, or a random one would buy a fresh budget), its API key on the client API.
    const app = r.path.startsWith(AXORA_PREFIX)
      ? `axora:${parseAxoraPath(r.originalUrl)?.endpoint ?? ''}`
      : `key:${r.header('x-api-key') ?? ''}`;
    return `${sha256Hex(app)}:${clientIpOf(r)}`;
  },
  login: (req) => {
    const r = req as unknown as KeyholdRequest;
    // Sign-up is per IP: a new email each time must not buy a new budget.
    if (r.path === '/v1/auth/register') return `register:${clientIpOf(r)}`;
    const body = (r.body ?? {}) as Record<string, unknown>;
    // Normalised as the DTOs normalise it, so `' Victim@x.com'` is the same account.
    const account = String(body.email ?? body.username ?? '').trim().toLowerCase();
    return `${sha256Hex(account)}:${clientIpOf(r)}`;
  },
  api: (req) => {
    const r = req as unknown as KeyholdRequest;
    const auth = r.header('authorization');
    return auth ? sha256Hex(auth) : clientIpOf(r);
  },
};
