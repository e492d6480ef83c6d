import { credential } from '../factories/client';
import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Axora rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_CLIENT_PER_MIN: '3' });
  });
  afterAll(() => t.close());

  it('429 in the Axora shape with Retry-After, per endpoint and IP', async () => {
    const s = await sellerWithApp(t.url);
    await s.client.apps.update(s.app.id, { hwidLock: false });
    await credential(s, 'u', 'securepass');
    const other = await s.client.apps.create({ name: 'Other' });
    await s.client.apps.update(other.id, { hwidLock: false });
    const hit = (endpoint: string) => t.http.get(`/app/auth/${endpoint}+u+wrong+1.0.0`);
    for (let i = 0; i < 3; i++) expect((await hit(s.app.endpoint)).status).toBe(401);
    const res = await hit(s.app.endpoint);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ authenticated: false, message: 'Too many requests, try again later' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await hit(other.endpoint)).status).toBe(401);
    // Neither a random X-Api-Key nor a percent-encoded spelling of the endpoint buys a new budget.
    expect((await hit(s.app.endpoint).set('x-api-key', 'ak_random')).status).toBe(429);
    const encoded = `%${s.app.endpoint.charCodeAt(0).toString(16).toUpperCase()}${s.app.endpoint.slice(1)}`;
    expect((await hit(encoded)).status).toBe(429);
  });
});
