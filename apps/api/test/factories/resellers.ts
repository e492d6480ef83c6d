import { createResellerClient, ResellerClient } from '@keyhold/sdk';
import type { CreateResellerRequest, ResellerAuthResponse, ResellerResponse } from '@keyhold/contracts';
import { randomBytes } from 'node:crypto';
import type { SellerFixture } from './sellers';

export interface ResellerFixture {
  reseller: ResellerResponse;
  username: string;
  password: string;
  auth: ResellerAuthResponse;
  token: string;
  /** Signed in. */
  client: ResellerClient;
}

/**
 * A reseller of the seller's app (through the SDK, as the dashboard would), signed in. By default
 * it may sell `premium` keys of 30 days for 5 credits and lifetime keys for 50, and holds `credits`.
 */
export async function resellerOf(
  baseUrl: string,
  s: SellerFixture,
  overrides: Partial<CreateResellerRequest> = {},
): Promise<ResellerFixture> {
  const username = overrides.username ?? `rsl-${randomBytes(4).toString('hex')}`;
  const password = overrides.password ?? 'reseller password';
  const reseller = await s.client.resellers.create({
    appIds: [s.app.id],
    subscriptions: ['premium'],
    prices: [
      { durationDays: 30, credits: 5 },
      { durationDays: null, credits: 50 },
    ],
    credits: 0,
    ...overrides,
    username,
    password,
  });
  const client = createResellerClient({ baseUrl });
  const auth = await client.auth.login({ username, password, sellerId: s.auth.seller.id });
  return { reseller, username, password, auth, token: auth.token, client };
}
