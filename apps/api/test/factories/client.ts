import { createEndUserClient, EndUserClient } from '@keyhold/sdk';
import type { SellerFixture } from './sellers';

/** End-user software of the fixture's app. */
export function endUser(baseUrl: string, s: SellerFixture): EndUserClient {
  return createEndUserClient({ baseUrl, apiKey: s.app.apiKey });
}

export async function keys(s: SellerFixture, count = 1, durationDays: number | null = 30, subscription = 'premium'): Promise<string[]> {
  return (await s.client.licenses.generate({ appId: s.app.id, count, durationDays, subscription })).keys;
}

export async function credential(
  s: SellerFixture,
  username = 'testuser',
  password = 'securepass',
  extra: { expiresAt?: string | null; subscription?: string } = {},
) {
  return s.client.users.create({ appId: s.app.id, username, password, ...extra });
}
