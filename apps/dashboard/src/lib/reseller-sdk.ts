import { createResellerClient } from '@keyhold/sdk';
import { env } from '@/config/env';
import { getResellerSession } from './reseller-session';

/**
 * The reseller portal's only way to the API: a client carrying the stored reseller token, made at
 * each call (cheap) so that signing in or out needs nothing else.
 */
export function resellerSdk() {
  return createResellerClient({ baseUrl: env.apiBaseUrl, token: getResellerSession()?.token });
}
