import { credential } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * A flood of seller-login guesses from many addresses, at the product's real hashing cost, must
 * neither hold end-user logins for seconds nor be queued: what the hashing slots cannot take now
 * is refused at once with 503 and Retry-After (HashingAdmission).
 */
describe('password hashing under a login flood', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp({ BCRYPT_COST: '10', TRUST_PROXY: '1' });
    s = await sellerWithApp(t.url);
    await credential(s, 'genuine', 'securepass');
  });
  afterAll(() => t.close());

  // No wall-clock bound (it measured the machine more than the product): the behaviour is that the
  // genuine login is admitted while the flood is refused with 503, not queued behind it.
  it('an end-user login is admitted while 200 concurrent seller logins are refused, not queued', async () => {
    const flood = Array.from({ length: 200 }, (_, i) =>
      t.http
        .post('/v1/auth/login')
        .set('x-forwarded-for', `10.${(i >> 8) & 255}.${i & 255}.7`)
        .send({ email: `guess${i}@example.com`, password: 'wrong-password' })
        .then((res) => ({ status: res.status, retryAfter: res.headers['retry-after'] })),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    const genuine = await t.http
      .post('/v1/client/login')
      .set('x-api-key', s.app.apiKey)
      .send({ username: 'genuine', password: 'securepass', hwid: 'HW-1' });

    const answers = await Promise.all(flood);
    expect(genuine.status).toBe(200);
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].sort()).toEqual([401, 503]);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(150);
    for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThan(0);
  });
});
