import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

describe('client API rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_CLIENT_PER_MIN: '4' });
  });
  afterAll(() => t.close());

  it('429 RATE_LIMITED: per app and IP on every client login path, with Retry-After', async () => {
    const s = await sellerWithApp(t.url);
    const other = await s.client.apps.create({ name: 'Other app' });
    const hit = (path: string, apiKey = s.app.apiKey) =>
      t.http.post(`/v1/client/${path}`).set('x-api-key', apiKey).send({ username: 'u', password: 'p', licenseKey: 'K' });
    const statuses: number[] = [];
    for (const path of ['login', 'register', 'license', 'login']) statuses.push((await hit(path)).status);
    expect(statuses).not.toContain(429);
    const res = await hit('license');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests, try again later' } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await hit('register')).status).toBe(429);
    // Another app from the same IP has its own budget.
    expect((await hit('login', other.apiKey)).status).toBe(401);
  });
});
