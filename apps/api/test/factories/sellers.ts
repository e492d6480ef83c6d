import { createSellerClient, SellerClient } from '@keyhold/sdk';
import { randomBytes } from 'node:crypto';
import type { CreatedAppResponse, SellerAuthResponse } from '@keyhold/contracts';

export interface SellerFixture {
  auth: SellerAuthResponse;
  token: string;
  client: SellerClient;
  app: CreatedAppResponse;
}

/** A new seller (through the SDK, as the dashboard does) with one app. */
export async function sellerWithApp(baseUrl: string, appName = 'Test App'): Promise<SellerFixture> {
  const anonymous = createSellerClient({ baseUrl });
  const auth = await anonymous.auth.register({
    email: `seller-${randomBytes(5).toString('hex')}@example.com`,
    password: 'correct horse battery',
    name: 'Test Seller',
  });
  const client = createSellerClient({ baseUrl, token: auth.token });
  const app = await client.apps.create({ name: appName });
  return { auth, token: auth.token, client, app };
}
