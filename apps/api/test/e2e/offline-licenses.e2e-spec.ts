import type { JsonWebKeySet, OfflineLicenseClaims } from '@keyhold/contracts';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { credential, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** POST /v1/client/offline: a JWS any JOSE library verifies with the app's JWK Set. */
describe('offline licenses (JWS)', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
  });

  const client = (path: string, body: object, token?: string, apiKey = s.app.apiKey) => {
    const req = t.http.post(`/v1/client/${path}`).set('x-api-key', apiKey);
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.send(body);
  };
  const jwksOf = async (apiKey: string) => (await t.http.get('/v1/client/jwks').set('x-api-key', apiKey).expect(200)).body as JsonWebKeySet;
  const login = async (username: string, password: string, hwid = 'HW-1') =>
    (await client('login', { username, password, hwid }).expect(200)).body.data.token as string;
  const verify = async (jws: string, jwks: JsonWebKeySet) =>
    (await jwtVerify<OfflineLicenseClaims>(jws, createLocalJWKSet(jwks), { typ: 'keyhold-license+jwt', algorithms: ['EdDSA'] })).payload;

  it('is off by default: 403 FORBIDDEN, and needs a session', async () => {
    await credential(s, 'buyer', 'pass-1');
    const token = await login('buyer', 'pass-1');
    const off = await client('offline', {}, token).expect(403);
    expect(off.body.error).toEqual({ code: 'FORBIDDEN', message: 'Offline licenses are off for this app' });
    await s.client.apps.update(s.app.id, { offlineEnabled: true });
    expect((await client('offline', {}).expect(401)).body.error.code).toBe('UNAUTHORIZED');
    expect((await client('offline', {}, 'not-a-token').expect(401)).body.error.code).toBe('UNAUTHORIZED');
  });

  it("a user's license: verified with jose and the JWK Set, every claim as the contract lists, the TTL as set", async () => {
    const app = await s.client.apps.update(s.app.id, { offlineEnabled: true, offlineTtlHours: 72 });
    expect(app).toMatchObject({ offlineEnabled: true, offlineTtlHours: 72 });
    const user = await credential(s, 'buyer', 'pass-1', { subscription: 'premium', expiresAt: null });
    const token = await login('buyer', 'pass-1', 'HW-LAPTOP');
    const res = await client('offline', {}, token).expect(200);
    const { license, expiresAt } = res.body.data as { license: string; expiresAt: string };

    const header = decodeProtectedHeader(license);
    const jwks = await jwksOf(s.app.apiKey);
    const active = (
      await s.client.http.request<Array<{ kid: string; status: string }>>('GET', `/v1/admin/apps/${s.app.id}/signing-keys`)
    ).find((k) => k.status === 'active')!;
    expect(header).toEqual({ alg: 'EdDSA', kid: active.kid, typ: 'keyhold-license+jwt' });
    const claims = await verify(license, jwks);
    expect(claims).toEqual({
      iss: s.app.id,
      sub: user.id,
      hwid: 'HW-LAPTOP',
      subscription: 'premium',
      licenseExpiresAt: null,
      iat: expect.any(Number),
      nbf: claims.iat,
      exp: claims.iat + 72 * 3600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(expiresAt).toBe(new Date(claims.exp * 1000).toISOString());
    // A second one is another license (its own jti).
    const again = await verify((await client('offline', {}, token).expect(200)).body.data.license, jwks);
    expect(again.jti).not.toBe(claims.jti);
  });

  it("never outlives the license: exp is the user's expiry when that comes first", async () => {
    await s.client.apps.update(s.app.id, { offlineEnabled: true, offlineTtlHours: 2160 });
    const userExpiry = new Date(Date.now() + 2 * 3600_000);
    await credential(s, 'short', 'pass-1', { expiresAt: userExpiry.toISOString() });
    const token = await login('short', 'pass-1');
    const claims = await verify((await client('offline', {}, token).expect(200)).body.data.license, await jwksOf(s.app.apiKey));
    expect(claims.exp).toBe(Math.floor(userExpiry.getTime() / 1000));
    expect(claims.licenseExpiresAt).toBe(userExpiry.toISOString());
  });

  it('a license-only session: sub is the key, with its subscription and expiry', async () => {
    await s.client.apps.update(s.app.id, { offlineEnabled: true });
    const [key] = await keys(s, 1, 30, 'gold');
    const login = await client('license', { licenseKey: key, hwid: 'HW-KEY' }).expect(200);
    const claims = await verify(
      (await client('offline', {}, login.body.data.token as string).expect(200)).body.data.license,
      await jwksOf(s.app.apiKey),
    );
    const [listed] = (await s.client.licenses.list({ appId: s.app.id })).data;
    expect(claims).toMatchObject({ sub: listed.id, subscription: 'gold', hwid: 'HW-KEY', licenseExpiresAt: listed.expiresAt });
    expect(claims.exp).toBe(claims.iat + 168 * 3600); // the default week, well inside 30 days
  });

  it("does not verify with another app's keys, nor once altered", async () => {
    await s.client.apps.update(s.app.id, { offlineEnabled: true });
    await credential(s, 'buyer', 'pass-1');
    const { license } = (await client('offline', {}, await login('buyer', 'pass-1')).expect(200)).body.data as { license: string };
    const other = await sellerWithApp(t.url, 'Other');
    await expect(verify(license, await jwksOf(other.app.apiKey))).rejects.toThrow();
    const [h, p, sig] = license.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as OfflineLicenseClaims;
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 365 * 86400 })).toString('base64url');
    await expect(verify(`${h}.${forged}.${sig}`, await jwksOf(s.app.apiKey))).rejects.toThrow();
    // The genuine one does verify (so the refusals above are the keys' and the bytes' doing).
    await expect(verify(license, await jwksOf(s.app.apiKey))).resolves.toMatchObject({ iss: s.app.id });
  });

  it('the settings: offlineTtlHours 1 to 2160 hours, whole', async () => {
    for (const bad of [0, 2161, 1.5, '24', null]) {
      const res = await t.http
        .patch(`/v1/admin/apps/${s.app.id}`)
        .set('authorization', `Bearer ${s.token}`)
        .send({ offlineTtlHours: bad })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await s.client.apps.get(s.app.id)).toMatchObject({ offlineEnabled: false, offlineTtlHours: 168 });
    expect(await s.client.apps.update(s.app.id, { offlineTtlHours: 1 })).toMatchObject({ offlineTtlHours: 1 });
    expect(await s.client.apps.update(s.app.id, { offlineTtlHours: 2160 })).toMatchObject({ offlineTtlHours: 2160 });
  });
});
