import { DataSource } from 'typeorm';
import { IntegrationKeysService } from '../../src/apps/integration-keys';
import { encryptSecret, sha256Hex } from '../../src/common/crypto';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The store integration key (contract: "Store integration key"): the app's secret as a bearer
 * token opens the licenses, users, blacklist and files (read) of that one app, as the seller, and
 * nothing else.
 */
describe('store integration key (Authorization: Bearer as_...)', () => {
  let t: TestApp;
  let s: SellerFixture;
  let secret: string;
  let otherAppId: string;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url, 'Shop app');
    secret = s.app.apiSecret;
    otherAppId = (await s.client.apps.create({ name: 'Another app of the same seller' })).id;
  });

  const as = (key = secret) => ({ authorization: `Bearer ${key}` });
  const UNAUTHORIZED = expect.objectContaining({ success: false, error: expect.objectContaining({ code: 'UNAUTHORIZED' }) });

  it("a shop's payment webhook: generate a key, make the user, look them up, ban, extend, blacklist", async () => {
    const generated = await t.http
      .post('/v1/admin/licenses/generate')
      .set(as())
      .send({ appId: s.app.id, count: 1, durationDays: 30, subscription: 'pro', note: 'order #1001' })
      .expect(201);
    const [key] = generated.body.data.keys as string[];
    const listed = await t.http.get(`/v1/admin/licenses?appId=${s.app.id}&q=${key}`).set(as()).expect(200);
    const licenseId = listed.body.data[0].id as string;
    await t.http.get(`/v1/admin/licenses/${licenseId}`).set(as()).expect(200);
    await t.http.patch(`/v1/admin/licenses/${licenseId}`).set(as()).send({ note: 'paid' }).expect(200);
    await t.http.get(`/v1/admin/licenses/export?appId=${s.app.id}`).set(as()).expect(200);

    const user = await t.http
      .post('/v1/admin/users')
      .set(as())
      .send({ appId: s.app.id, username: 'buyer', password: 'securepass', subscription: 'pro' })
      .expect(201);
    const userId = user.body.data.id as string;
    await t.http.get(`/v1/admin/users?appId=${s.app.id}`).set(as()).expect(200);
    await t.http.patch(`/v1/admin/users/${userId}`).set(as()).send({ expiresAt: '2030-01-01T00:00:00Z' }).expect(200);
    await t.http.patch(`/v1/admin/users/${userId}`).set(as()).send({ banned: true, banReason: 'chargeback' }).expect(200);

    const entry = await t.http.post('/v1/admin/blacklist').set(as()).send({ appId: s.app.id, type: 'hwid', value: 'HW-FRAUD' }).expect(201);
    await t.http.get(`/v1/admin/blacklist?appId=${s.app.id}`).set(as()).expect(200);
    await t.http.delete(`/v1/admin/blacklist/${entry.body.data.id}`).set(as()).expect(200);
    await t.http.delete(`/v1/admin/users/${userId}`).set(as()).expect(200);
    await t.http.delete(`/v1/admin/licenses/${licenseId}`).set(as()).expect(200);

    // What it did, the seller sees: the same records, in the same app.
    expect((await s.client.licenses.list({ appId: s.app.id })).meta.total).toBe(0);
  });

  it('reads files of its app, and changes none', async () => {
    const file = await s.client.files.upload({ appId: s.app.id, file: new Blob(['build 1']), filename: 'tool.bin' });
    await t.http.get(`/v1/admin/files?appId=${s.app.id}`).set(as()).expect(200);
    expect((await t.http.get(`/v1/admin/files/${file.id}`).set(as()).expect(200)).body.data.name).toBe('tool.bin');
    expect((await t.http.patch(`/v1/admin/files/${file.id}`).set(as()).send({ name: 'x.bin' }).expect(401)).body).toEqual(UNAUTHORIZED);
    await t.http.delete(`/v1/admin/files/${file.id}`).set(as()).expect(401);
    await t.http.post('/v1/admin/files/upload').set(as()).field('appId', s.app.id).attach('file', Buffer.from('x'), 'x.bin').expect(401);
    expect((await s.client.files.get(file.id)).name).toBe('tool.bin');
  });

  it("is refused on the seller's other apps: named by appId, or by a record's id", async () => {
    await t.http.get(`/v1/admin/licenses?appId=${otherAppId}`).set(as()).expect(401);
    await t.http
      .post('/v1/admin/licenses/generate')
      .set(as())
      .send({ appId: otherAppId, count: 1, durationDays: 30, subscription: 'pro' })
      .expect(401);
    await t.http.post('/v1/admin/users').set(as()).send({ appId: otherAppId, username: 'x', password: 'securepass' }).expect(401);
    await t.http.get('/v1/admin/licenses').set(as()).expect(401); // names no app at all
    const [otherKey] = (await s.client.licenses.generate({ appId: otherAppId, count: 1, durationDays: 30, subscription: 'pro' })).keys;
    const otherLicense = (await s.client.licenses.list({ appId: otherAppId, q: otherKey })).data[0];
    const otherUser = await s.client.users.create({ appId: otherAppId, username: 'someone', password: 'securepass' });
    expect((await t.http.get(`/v1/admin/licenses/${otherLicense.id}`).set(as()).expect(401)).body).toEqual(UNAUTHORIZED);
    await t.http.patch(`/v1/admin/licenses/${otherLicense.id}`).set(as()).send({ banned: true }).expect(401);
    await t.http.delete(`/v1/admin/users/${otherUser.id}`).set(as()).expect(401);
    // Its own app in the query, another in the body (which the bulk routes read): refused.
    for (const path of ['/v1/admin/licenses/bulk', '/v1/admin/users/bulk']) {
      await t.http.post(`${path}?appId=${s.app.id}`).set(as()).send({ appId: otherAppId, action: 'delete', match: true }).expect(401);
    }
    await t.http.post('/v1/admin/licenses/bulk').set(as()).send({ appId: otherAppId, action: 'ban', match: true }).expect(401);
    // Its own app, both ways: a dry run of its own keys is fine.
    await t.http
      .post(`/v1/admin/licenses/bulk?appId=${s.app.id}`)
      .set(as())
      .send({ appId: s.app.id, action: 'ban', match: true, dryRun: true })
      .expect(200);
    // Nothing changed there.
    expect((await s.client.licenses.get(otherLicense.id)).status).toBe('unused');
    expect((await s.client.users.get(otherUser.id)).username).toBe('someone');
  });

  it("is refused on another seller's app, as an unknown record (404) or an unknown app (401)", async () => {
    const other = await sellerWithApp(t.url, 'Rival');
    const [rivalKey] = (await other.client.licenses.generate({ appId: other.app.id, count: 1, durationDays: 30, subscription: 'pro' }))
      .keys;
    const rivalLicense = (await other.client.licenses.list({ appId: other.app.id, q: rivalKey })).data[0];
    await t.http.get(`/v1/admin/licenses?appId=${other.app.id}`).set(as()).expect(401);
    await t.http.get(`/v1/admin/licenses/${rivalLicense.id}`).set(as()).expect(404);
    await t.http.patch(`/v1/admin/licenses/${rivalLicense.id}`).set(as()).send({ banned: true }).expect(404);
    expect((await other.client.licenses.get(rivalLicense.id)).status).toBe('unused');
  });

  it('is refused on the apps themselves, account, reseller and webhook routes', async () => {
    for (const [method, path] of [
      ['get', '/v1/admin/apps'],
      ['get', `/v1/admin/apps/${s.app.id}`],
      ['get', `/v1/admin/apps/${s.app.id}/stats`],
      ['post', `/v1/admin/apps/${s.app.id}/rotate-secret`],
      ['post', `/v1/admin/apps/${s.app.id}/rotate-key`],
      ['get', `/v1/admin/apps/${s.app.id}/signing-keys`],
      ['get', '/v1/auth/me'],
      ['post', '/v1/auth/logout'],
      ['get', '/v1/admin/resellers'],
      ['get', `/v1/admin/webhooks?appId=${s.app.id}`],
    ] as const) {
      const res = await t.http[method](path).set(as());
      expect([path, res.status]).toEqual([path, 401]);
    }
    // Nor does it pass as a reseller's or end-user software's token.
    await t.http.get('/v1/reseller/stats').set(as()).expect(401);
    await t.http.get('/v1/client/session').set(as()).set('x-api-key', s.app.apiKey).expect(401);
  });

  it('rotating the secret ends the old key at once; an unknown or malformed key is 401', async () => {
    const listPath = `/v1/admin/licenses?appId=${s.app.id}`;
    await t.http.get(listPath).set(as()).expect(200);
    const rotated = await s.client.apps.rotateSecret(s.app.id);
    expect(rotated.apiSecret).toMatch(/^as_[A-Za-z0-9_-]{43}$/);
    expect(rotated.apiSecret).not.toBe(secret);
    expect(rotated.id).toBe(s.app.id);
    await t.http.get(listPath).set(as()).expect(401);
    await t.http.get(listPath).set(as(rotated.apiSecret)).expect(200);
    await t.http.get(listPath).set(as('as_not-a-real-secret')).expect(401);
    await t.http.get(listPath).set(as('as_')).expect(401);
    // The seller's own token is still needed to rotate, and another seller cannot rotate it.
    const other = await sellerWithApp(t.url, 'Rival');
    await t.http
      .post(`/v1/admin/apps/${s.app.id}/rotate-secret`)
      .set({ authorization: `Bearer ${other.token}` })
      .expect(404);
  });

  it('is stored as a SHA-256 hash only: no column holds the secret', async () => {
    const db = t.app.get(DataSource);
    const [row] = await db.query<Array<Record<string, unknown>>>('SELECT * FROM apps WHERE secret_hash = $1', [sha256Hex(secret)]);
    expect(row).toBeDefined();
    expect(row.secret_encrypted).toBeNull();
    expect(JSON.stringify(row)).not.toContain(secret.slice(3));
  });

  it('a secret made before secrets were hashed (stored encrypted) is hashed at start-up and then works', async () => {
    const db = t.app.get(DataSource);
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const legacy = 'as_legacy-secret-made-before-the-upgrade-000000';
    const appUuid = (await db.query<Array<{ id: string }>>('SELECT id FROM apps WHERE secret_hash = $1', [sha256Hex(secret)]))[0].id;
    await db.query('UPDATE apps SET secret_hash = NULL, secret_encrypted = $2 WHERE id = $1', [
      appUuid,
      encryptSecret(config.masterKey, legacy),
    ]);
    await t.http.get(`/v1/admin/licenses?appId=${s.app.id}`).set(as(legacy)).expect(401);
    await t.app.get(IntegrationKeysService).onApplicationBootstrap();
    await t.http.get(`/v1/admin/licenses?appId=${s.app.id}`).set(as(legacy)).expect(200);
    const [row] = await db.query<Array<{ secret_encrypted: string | null; secret_hash: string }>>(
      'SELECT secret_encrypted, secret_hash FROM apps WHERE id = $1',
      [appUuid],
    );
    expect(row).toEqual({ secret_encrypted: null, secret_hash: sha256Hex(legacy) });
  });
});
