import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

/**
 * Who may call a route. Every route must declare one; the global AccessGuard denies the rest.
 * - public: anyone (health, docs, seller register/login, Axora)
 * - seller / reseller: a bearer token of that principal
 * - client: end-user software, identified by its app's X-Api-Key
 * - client-session: X-Api-Key plus the bearer client token from a client login
 */
export type Access = 'public' | 'seller' | 'reseller' | 'client' | 'client-session';
export const ACCESS_KEY = 'keyhold:access';

/** Which rate limit a route counts against (see RateLimitGuard). */
export type RateLimitClass = 'client' | 'login' | 'api';
export const RATE_LIMIT_KEY = 'keyhold:rate-limit';

/** Marks a route whose answer is not wrapped in the `{success, data}` envelope (Axora, downloads). */
export const RAW_RESPONSE_KEY = 'keyhold:raw-response';

export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
export const SellerAuth = () => applyDecorators(SetMetadata(ACCESS_KEY, 'seller' satisfies Access), ApiBearerAuth('seller'));
export const ResellerAuth = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, 'reseller' satisfies Access), ApiBearerAuth('reseller'));
export const ClientAuth = () => applyDecorators(SetMetadata(ACCESS_KEY, 'client' satisfies Access), ApiSecurity('apiKey'));
export const ClientSessionAuth = () =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, 'client-session' satisfies Access),
    ApiSecurity('apiKey'),
    ApiBearerAuth('client'),
  );

export const RateLimit = (kind: RateLimitClass) => SetMetadata(RATE_LIMIT_KEY, kind);
export const RawResponse = () => SetMetadata(RAW_RESPONSE_KEY, true);
