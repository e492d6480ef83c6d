import { DataSource } from 'typeorm';
import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

describe('client IP behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('with TRUST_PROXY, the blacklist matches the X-Forwarded-For address', async () => {
    const s = await sellerWithApp(t.url);
    await s.client.blacklist.add({ appId: s.app.id, type: 'ip', value: '198.51.100.0/24' });
    await s.client.users.create({ appId: s.app.id, username: 'u', password: 'securepass' });
    const login = (xff: string) =>
      t.http
        .post('/v1/client/login')
        .set('x-api-key', s.app.apiKey)
        .set('x-forwarded-for', xff)
        .send({ username: 'u', password: 'securepass' });
    const res = await login('198.51.100.7').expect(403);
    expect(res.body.error.code).toBe('BLACKLISTED');
    expect(await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 0 }]);
    await login('203.0.113.9').expect(200);
    // A forged header that is not an address falls back to the socket's address, not a 500.
    await login('not-an-ip').expect(200);
  });
});
