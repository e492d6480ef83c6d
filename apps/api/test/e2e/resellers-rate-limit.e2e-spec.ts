import { resellerOf } from '../factories/resellers';
import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

// The e2e project's testTimeout (jest.config.js) does not reach tests inside `projects`; a PGlite boot on a busy machine takes over jest's 5 s default.
jest.setTimeout(60_000);

describe('resellers: login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_LOGIN_PER_MIN: '3' });
  });
  afterAll(() => t.close());

  it('reseller login counts per account and IP, then 429 RATE_LIMITED with Retry-After', async () => {
    const s = await sellerWithApp(t.url);
    // The factory's own login is the first of this account's three.
    const r = await resellerOf(t.url, s, { username: 'limited-reseller' });
    const attempt = (username: string) =>
      t.http.post('/v1/reseller/auth/login').send({ sellerId: s.auth.seller.id, username, password: 'wrong password' });
    expect((await attempt('limited-reseller')).status).toBe(401);
    expect((await attempt('Limited-Reseller')).status).toBe(401); // the same account, whatever the case
    const limited = await attempt('limited-reseller');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits; another account from the same IP does not.
    expect(
      (await t.http.post('/v1/reseller/auth/login').send({ sellerId: s.auth.seller.id, username: r.username, password: r.password }))
        .status,
    ).toBe(429);
    expect((await attempt('someone-else')).status).toBe(401);
    // The signed-in reseller's other calls are not login attempts.
    expect((await r.client.stats()).credits).toBe(0);
  });
});
