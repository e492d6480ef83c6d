import { applyDecorators, SetMetadata, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { KeyholdRequest, RecordApps } from '../request';

/**
 * Who may call a route. Every route must declare one; the global AccessGuard denies the rest.
 * - public: anyone (health, docs, seller register/login, Axora)
 * - seller / reseller: a bearer token of that principal
 * - client: end-user software, identified by its app's X-Api-Key
 * - client-session: X-Api-Key plus the bearer client token from a client login
 */
export type Access = 'public' | 'seller' | 'reseller' | 'client' | 'client-session';
export const ACCESS_KEY = 'keyhold:access';

/** On seller routes: the RecordApps of the domain whose routes a store integration key may call. */
export const INTEGRATION_KEY = 'keyhold:integration-key';

/** Which rate limit a route counts against (see RateLimitGuard). */
export type RateLimitClass = 'client' | 'login' | 'api';
export const RATE_LIMIT_KEY = 'keyhold:rate-limit';

/**
 * How a route's requests are told apart within its limit; the guard's trackers read it, so they
 * know no path. Beside RATE_LIMIT_KEY (which stays the bare class the route list prints).
 */
export const RATE_LIMIT_TRACK_KEY = 'keyhold:rate-limit-track';

/** How a request names its app: the API key of the client API, or the endpoint id of Axora. */
export type AppReference = { apiKey: string | undefined } | { endpoint: string | undefined };

export interface RateLimitTrack {
  /**
   * client (per app and IP): how the request names its app. Default: its X-Api-Key. A protocol
   * that carries the app elsewhere (Axora: its endpoint id) says so; the guard resolves either to
   * the app, so every way of authenticating against one app shares one budget.
   */
  app?: (req: KeyholdRequest) => AppReference;
  /**
   * login: per account and IP (default), or per IP alone (sign-up: a new email each time must not
   * buy a new budget).
   */
  per?: 'account' | 'ip';
}

/** Marks a route whose answer is not wrapped in the `{success, data}` envelope (Axora, downloads). */
export const RAW_RESPONSE_KEY = 'keyhold:raw-response';

export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
export const SellerAuth = () => applyDecorators(SetMetadata(ACCESS_KEY, 'seller' satisfies Access), ApiBearerAuth('seller'));
export const ResellerAuth = () => applyDecorators(SetMetadata(ACCESS_KEY, 'reseller' satisfies Access), ApiBearerAuth('reseller'));
export const ClientAuth = () => applyDecorators(SetMetadata(ACCESS_KEY, 'client' satisfies Access), ApiSecurity('apiKey'));
export const ClientSessionAuth = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, 'client-session' satisfies Access), ApiSecurity('apiKey'), ApiBearerAuth('client'));

/**
 * A @SellerAuth() route (or controller) that a store integration key (`Bearer as_...`) may call
 * too, on its own app only: the AccessGuard refuses it other apps' records, found by the route's
 * `:id` through `records`, or named by `appId` in the query or body.
 */
export const StoreIntegration = (records: Type<RecordApps>) =>
  applyDecorators(SetMetadata(INTEGRATION_KEY, records), ApiBearerAuth('integration'));

/** The rate limit a route counts against (routes without one count against `api`), and how. */
export function RateLimit(limit: 'client', track?: Pick<RateLimitTrack, 'app'>): MethodDecorator & ClassDecorator;
export function RateLimit(limit: 'login', track?: Pick<RateLimitTrack, 'per'>): MethodDecorator & ClassDecorator;
export function RateLimit(limit: RateLimitClass, track: RateLimitTrack = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_KEY, limit), SetMetadata(RATE_LIMIT_TRACK_KEY, track));
}
export const RawResponse = () => SetMetadata(RAW_RESPONSE_KEY, true);
