import { createResellerClient } from '@keyhold/sdk';
import { DataSource } from 'typeorm';
import { decryptSecret } from '../../src/common/crypto';
import { fromPublicId } from '../../src/common/ids';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { credential } from '../factories/client';
import { resellerOf } from '../factories/resellers';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

const ROUNDS = 8;

/**
 * No PATCH writes back what it did not change: a rotation (API key, Axora endpoint, webhook
 * secret, password) racing ordinary PATCHes always stands, and the old credential is refused.
 */
describe('Concurrent updates lose nothing', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp({ WEBHOOKS_ALLOW_PRIVATE_URLS: 'true' });
    s = await sellerWithApp(t.url, 'Racy');
    await s.client.apps.update(s.app.id, { hwidLock: false });
  });
  afterAll(() => t.close());

  const db = () => t.app.get(DataSource);
  const appRow = async () =>
    (await db().query('SELECT api_key, endpoint, name, version FROM apps WHERE id = $1', [fromPublicId('app', s.app.id)]))[0] as {
      api_key: string;
      endpoint: string;
      name: string;
      version: string;
    };
  /** Six settings PATCHes, each touching other columns than the rotation does. */
  const patches = (round: number) => [
    s.client.apps.update(s.app.id, { name: `Racy ${round}` }),
    s.client.apps.update(s.app.id, { version: `1.${round}.0` }),
    s.client.apps.update(s.app.id, { enforceVersion: false }),
    s.client.apps.update(s.app.id, { hwidLock: false }),
    s.client.apps.update(s.app.id, { registrationEnabled: true }),
    s.client.apps.update(s.app.id, { status: 'ACTIVE' }),
  ];

  it('rotate-key racing six PATCHes: the new key stands, the old one is refused, and every PATCH landed', async () => {
    await credential(s, 'racer', 'pw');
    for (let round = 0; round < ROUNDS; round++) {
      const old = (await appRow()).api_key;
      const [rotated] = await Promise.all([s.client.apps.rotateKey(s.app.id), ...patches(round)]);
      const row = await appRow();
      expect(row.api_key).toBe(rotated.apiKey);
      expect(row.api_key).not.toBe(old);
      expect(row).toMatchObject({ name: `Racy ${round}`, version: `1.${round}.0` });
      const refused = await t.http.post('/v1/client/login').set('x-api-key', old).send({ username: 'racer', password: 'pw' });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('INVALID_KEY');
      await t.http.post('/v1/client/login').set('x-api-key', rotated.apiKey).send({ username: 'racer', password: 'pw' }).expect(200);
    }
  });

  it('regenerate-endpoint racing six PATCHes: the new endpoint stands and the old one is not found', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const old = (await appRow()).endpoint;
      const [regenerated] = await Promise.all([s.client.apps.regenerateEndpoint(s.app.id), ...patches(round)]);
      const row = await appRow();
      expect(row.endpoint).toBe(regenerated.endpoint);
      expect(row.endpoint).not.toBe(old);
      const gone = await t.http.get(`/app/auth/${old}+racer+pw+${row.version}`);
      expect(gone.status).toBe(404);
      await t.http.get(`/app/auth/${row.endpoint}+racer+pw+${row.version}`).expect(200);
    }
  });

  it('webhook rotate-secret racing PATCHes: the stored secret is the one handed out', async () => {
    const masterKey = t.app.get<AppConfig>(APP_CONFIG).masterKey;
    const hook = await s.client.webhooks.create({ appId: s.app.id, url: 'http://127.0.0.1:9/hook', events: ['user.login'] });
    for (let round = 0; round < ROUNDS; round++) {
      const [rotated] = await Promise.all([
        s.client.webhooks.rotateSecret(hook.id),
        s.client.webhooks.update(hook.id, { events: round % 2 ? ['user.login'] : ['user.login', 'user.ban'] }),
        s.client.webhooks.update(hook.id, { enabled: true }),
        s.client.webhooks.update(hook.id, { url: `http://127.0.0.1:9/hook-${round}` }),
      ]);
      const [row] = await db().query('SELECT secret_encrypted, url FROM webhook_endpoints WHERE id = $1', [
        fromPublicId('webhook', hook.id),
      ]);
      expect(decryptSecret(masterKey, row.secret_encrypted)).toBe(rotated.secret);
      expect(row.url).toBe(`http://127.0.0.1:9/hook-${round}`);
    }
  });

  it('an end user’s password change racing PATCHes: the new password works, the old one is refused', async () => {
    const user = await credential(s, 'pw-racer', 'old-0');
    for (let round = 1; round <= ROUNDS; round++) {
      await Promise.all([
        s.client.users.update(user.id, { password: `new-${round}` }),
        s.client.users.update(user.id, { subscription: `tier-${round}` }),
        s.client.users.update(user.id, { expiresAt: '2099-01-01T00:00:00Z' }),
        s.client.users.update(user.id, { resetHwid: true }),
      ]);
      const key = (await appRow()).api_key;
      const old = await t.http
        .post('/v1/client/login')
        .set('x-api-key', key)
        .send({ username: 'pw-racer', password: `${round === 1 ? 'old-0' : `new-${round - 1}`}` });
      expect(old.status).toBe(401);
      const now = await t.http
        .post('/v1/client/login')
        .set('x-api-key', key)
        .send({ username: 'pw-racer', password: `new-${round}` })
        .expect(200);
      expect(now.body.data.user.subscription).toBe(`tier-${round}`);
    }
  });

  it('a reseller’s password change racing PATCHes: the new password works, the old one is refused', async () => {
    const r = await resellerOf(t.url, s, { password: 'reseller old 0' });
    const portal = createResellerClient({ baseUrl: t.url });
    for (let round = 1; round <= ROUNDS; round++) {
      await Promise.all([
        s.client.resellers.update(r.reseller.id, { password: `reseller new ${round}` }),
        s.client.resellers.update(r.reseller.id, { subscriptions: round % 2 ? ['premium'] : ['premium', 'basic'] }),
        s.client.resellers.update(r.reseller.id, { status: 'ACTIVE' }),
      ]);
      const previous = round === 1 ? 'reseller old 0' : `reseller new ${round - 1}`;
      await expect(portal.auth.login({ sellerId: s.auth.seller.id, username: r.username, password: previous })).rejects.toMatchObject({
        status: 401,
      });
      await portal.auth.login({ sellerId: s.auth.seller.id, username: r.username, password: `reseller new ${round}` });
    }
  });
});
