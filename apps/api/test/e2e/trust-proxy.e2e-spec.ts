import { DataSource } from 'typeorm';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Keyhold behind proxies that append the address they saw to X-Forwarded-For. The left-most entry
 * is whatever the client wrote; only the entries the trusted proxies added are believed, so the
 * blacklist and the per-IP limits see the real client, and a forged header can neither dodge them
 * nor frame someone else.
 */
describe('client IP behind trusted proxies (TRUST_PROXY)', () => {
  async function appWithUser(env: Record<string, string>): Promise<{ t: TestApp; s: SellerFixture }> {
    const t = await createTestApp(env);
    const s = await sellerWithApp(t.url);
    await s.client.blacklist.add({ appId: s.app.id, type: 'ip', value: '198.51.100.0/24' });
    await s.client.users.create({ appId: s.app.id, username: 'u', password: 'securepass' });
    return { t, s };
  }
  const login = ({ t, s }: { t: TestApp; s: SellerFixture }, xff: string, password = 'securepass') =>
    t.http.post('/v1/client/login').set('x-api-key', s.app.apiKey).set('x-forwarded-for', xff).send({ username: 'u', password });

  describe('one proxy (TRUST_PROXY=true)', () => {
    let one: { t: TestApp; s: SellerFixture };
    beforeAll(async () => {
      one = await appWithUser({ TRUST_PROXY: 'true', RATE_LIMIT_CLIENT_PER_MIN: '3' });
    });
    afterAll(() => one.t.close());

    it('the blacklist matches the address the proxy appended, not the one the client wrote', async () => {
      const res = await login(one, '203.0.113.9, 198.51.100.7').expect(403);
      expect(res.body.error.code).toBe('BLACKLISTED');
      expect(await one.t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 0 }]);
      // A blacklisted address written by the client frames nobody: the real client is 203.0.113.10.
      await login(one, '198.51.100.7, 203.0.113.10').expect(200);
      // The whole header from a client straight at the proxy: its one entry is the client.
      await login(one, '203.0.113.11').expect(200);
      // A forged value that is not an address falls back to the socket's address, not a 500.
      await login(one, 'not-an-ip').expect(200);
    });

    it('a new forged entry per request buys no new budget: the limit counts the real client', async () => {
      for (let i = 0; i < 3; i++) await login(one, `10.9.9.${i}, 192.0.2.50`, 'wrong').expect(401);
      const limited = await login(one, '10.9.9.99, 192.0.2.50', 'wrong').expect(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      // Another real client still has its own budget.
      await login(one, '10.9.9.0, 192.0.2.51', 'wrong').expect(401);
    });
  });

  it('two proxies (TRUST_PROXY=2): the entry the outer proxy appended is the client', async () => {
    const two = await appWithUser({ TRUST_PROXY: '2' });
    try {
      expect((await login(two, '203.0.113.9, 198.51.100.7, 10.1.2.3').expect(403)).body.error.code).toBe('BLACKLISTED');
      await login(two, '198.51.100.7, 203.0.113.9, 10.1.2.3').expect(200);
    } finally {
      await two.t.close();
    }
  });

  it('trusted proxy addresses and ranges (TRUST_PROXY=127.0.0.1,10.0.0.0/8): the first untrusted hop from the right is the client', async () => {
    const listed = await appWithUser({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' });
    try {
      expect((await login(listed, '203.0.113.9, 198.51.100.7, 10.1.2.3').expect(403)).body.error.code).toBe('BLACKLISTED');
      await login(listed, '198.51.100.7, 203.0.113.9, 10.1.2.3').expect(200);
    } finally {
      await listed.t.close();
    }
  });
});
