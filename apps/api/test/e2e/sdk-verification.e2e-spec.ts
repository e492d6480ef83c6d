import type { JsonWebKeySet } from '@keyhold/contracts';
import {
  createEndUserClient,
  EndUserClient,
  KeyholdError,
  KeyholdSignatureError,
  OfflineLicenseError,
  VerifiedAnswer,
  verifyOfflineLicense,
} from '@keyhold/sdk';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credential, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The SDK's end-user client pinned with the app's JWK Set (as a seller ships it) against the real
 * API: every answer verified, success and error; another app's keys refused; a key rotation that
 * never fails a verification; an offline license checked without the server.
 */
describe("the SDK verifies the real API's signed answers", () => {
  let t: TestApp;
  let s: SellerFixture;
  /** Fetched once, as the seller does when building the software; the client never fetches it. */
  let jwks: JsonWebKeySet;
  let verified: VerifiedAnswer[];
  const work = mkdtempSync(join(tmpdir(), 'keyhold-sdk-verification-'));

  const jwksOf = async (apiKey: string) => (await t.http.get('/v1/client/jwks').set('x-api-key', apiKey).expect(200)).body as JsonWebKeySet;
  const pinnedClient = (pins: JsonWebKeySet = jwks, app: SellerFixture = s): EndUserClient =>
    createEndUserClient({ baseUrl: t.url, apiKey: app.app.apiKey, jwks: pins, onVerified: (v) => verified.push(v) });
  const activeKid = async (app: SellerFixture = s) =>
    (await app.client.signingKeys.list(app.app.id)).find((k) => k.status === 'active')!.kid;
  const reasonOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'accepted';
    } catch (e) {
      if (!(e instanceof KeyholdSignatureError)) throw e;
      return e.reason;
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url);
    jwks = await jwksOf(s.app.apiKey);
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });
  beforeEach(() => {
    verified = [];
  });

  it('the pinned set is what the seller sees for the app', async () => {
    expect(jwks.keys).toHaveLength(1);
    expect(await s.client.signingKeys.jwks(s.app.id)).toEqual(jwks);
  });

  it('logs in, registers, license-logs in and reads the session: every answer verified, each with its own nonce', async () => {
    const kid = await activeKid();
    await credential(s, 'buyer', 'pass-1');
    const client = pinnedClient();
    expect((await client.login({ username: 'buyer', password: 'pass-1', hwid: 'HW-1' })).user.username).toBe('buyer');
    expect((await client.session()).user).toMatchObject({ username: 'buyer' });

    const [regKey, licKey] = await keys(s, 2);
    const registering = pinnedClient();
    expect((await registering.register({ username: 'newbie', password: 'pass-2', licenseKey: regKey, hwid: 'HW-2' })).user.username).toBe(
      'newbie',
    );
    const licensed = pinnedClient();
    expect((await licensed.licenseLogin({ licenseKey: licKey, hwid: 'HW-3' })).license.key).toBe(licKey);
    expect((await licensed.session()).license).toMatchObject({ key: licKey });

    expect(verified.map((v) => `${v.method} ${v.path}`)).toEqual([
      'POST /v1/client/login',
      'GET /v1/client/session',
      'POST /v1/client/register',
      'POST /v1/client/license',
      'GET /v1/client/session',
    ]);
    expect(verified.every((v) => v.kid === kid && v.covers === 'body')).toBe(true);
    expect(new Set(verified.map((v) => v.nonce)).size).toBe(verified.length);
  });

  it('a wrong password arrives as the usual KeyholdError, its answer verified first', async () => {
    await credential(s, 'wrongpw', 'right-pass');
    const error = await pinnedClient()
      .login({ username: 'wrongpw', password: 'wrong-pass' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyholdError);
    expect(error).not.toBeInstanceOf(KeyholdSignatureError);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(verified).toEqual([expect.objectContaining({ status: 401, path: '/v1/client/login' })]);
  });

  it('an unknown API key is answered unsigned (no key to sign with): refused, not trusted as INVALID_KEY', async () => {
    const stranger = createEndUserClient({ baseUrl: t.url, apiKey: 'ak_doesnotexist', jwks });
    expect(await reasonOf(stranger.login({ username: 'x', password: 'y' }))).toBe('unsigned');
  });

  it('downloads a file whole and ranged, all verified', async () => {
    const data = randomBytes(300_000);
    const file = await s.client.files.upload({ appId: s.app.id, file: new Blob([Uint8Array.from(data)]), filename: 'app.bin' });
    await credential(s, 'downloader', 'pass-1');
    const client = pinnedClient();
    await client.login({ username: 'downloader', password: 'pass-1', hwid: 'HW-D' });
    verified = [];

    // Whole, to disk (hashed while written, checked against the signed Content-Digest).
    const dest = join(work, 'app.bin');
    expect(await client.files.download(file.id, dest)).toEqual({ path: dest, size: data.length, sha256: file.sha256 });
    expect(readFileSync(dest).equals(data)).toBe(true);
    // Whole, as a stream (checked as it is read).
    expect(Buffer.from(await (await client.files.bytes(file.id)).arrayBuffer()).equals(data)).toBe(true);
    expect(verified.map((v) => [v.status, v.covers, v.sha256])).toEqual([
      [200, 'body', file.sha256],
      [200, 'body', file.sha256],
    ]);

    // Ranged: each range is proven to belong to the file whose SHA-256 is Repr-Digest; the bytes once assembled.
    verified = [];
    const parts: Buffer[] = [];
    for (const range of ['bytes=0-149999', 'bytes=150000-299999']) {
      const res = await client.files.bytes(file.id, range);
      expect(res.status).toBe(206);
      parts.push(Buffer.from(await res.arrayBuffer()));
    }
    expect(verified.map((v) => [v.status, v.covers, v.contentRange, v.sha256])).toEqual([
      [206, 'range', 'bytes 0-149999/300000', file.sha256],
      [206, 'range', 'bytes 150000-299999/300000', file.sha256],
    ]);
    expect(sha256(Buffer.concat(parts))).toBe(verified[0].sha256);

    // An error of the download route (a file that does not exist) is verified, then thrown as usual.
    await expect(client.files.download('file_doesnotexist', join(work, 'none.bin'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("pinned with another app's JWK Set, the SDK refuses every answer (unknown-key), errors too", async () => {
    const other = await sellerWithApp(t.url, 'Other App');
    const otherJwks = await jwksOf(other.app.apiKey);
    await credential(s, 'pinned-wrong', 'pass-1');
    const client = pinnedClient(otherJwks);
    expect(await reasonOf(client.login({ username: 'pinned-wrong', password: 'pass-1' }))).toBe('unknown-key');
    expect(await reasonOf(client.login({ username: 'pinned-wrong', password: 'wrong' }))).toBe('unknown-key');
    expect(client.token).toBeUndefined();
  });

  it('key rotation: add a next key, pin both, activate it: no verification fails', async () => {
    const app = await sellerWithApp(t.url, 'Rotating App');
    await credential(app, 'rotator', 'pass-1');
    const oldKid = await activeKid(app);
    const oldPins = await jwksOf(app.app.apiKey);

    const next = await app.client.signingKeys.add(app.app.id);
    expect(next.status).toBe('next');
    const bothPins = await jwksOf(app.app.apiKey); // the next build ships this
    expect(bothPins.keys.map((k) => k.kid).sort()).toEqual([oldKid, next.kid].sort());

    const client = pinnedClient(bothPins, app);
    const oldClient = pinnedClient(oldPins, app);
    await client.login({ username: 'rotator', password: 'pass-1' });
    await oldClient.login({ username: 'rotator', password: 'pass-1' }); // still signed by the old key
    expect(verified.map((v) => v.kid)).toEqual([oldKid, oldKid]);

    await app.client.signingKeys.activate(app.app.id, next.kid);
    // Every process picks the activation up within 10 s; until then the old key (still published) signs.
    verified = [];
    const deadline = Date.now() + 15_000;
    while (verified.at(-1)?.kid !== next.kid && Date.now() < deadline) {
      await client.session(); // never throws: whichever key signs, both are pinned
      if (verified.at(-1)?.kid !== next.kid) await new Promise((r) => setTimeout(r, 250));
    }
    expect(verified.at(-1)?.kid).toBe(next.kid);
    await client.login({ username: 'rotator', password: 'pass-1' });
    expect(verified.at(-1)?.kid).toBe(next.kid);
    // A build that pinned only the old key now refuses: why the rotation ships both keys before activating.
    expect(await reasonOf(oldClient.session())).toBe('unknown-key');
  });

  describe('offline licenses (POST /v1/client/offline)', () => {
    it('off: 403 FORBIDDEN as a verified KeyholdError; on: a JWS that verifyOfflineLicense checks without the server', async () => {
      const app = await sellerWithApp(t.url, 'Offline App');
      const pins = await jwksOf(app.app.apiKey);
      const user = await credential(app, 'traveller', 'pass-1', { subscription: 'premium' });
      const client = pinnedClient(pins, app);
      await client.login({ username: 'traveller', password: 'pass-1', hwid: 'HW-LAPTOP' });

      const off = await client.offlineLicense().catch((e: unknown) => e);
      expect(off).not.toBeInstanceOf(KeyholdSignatureError);
      expect(off).toMatchObject({ status: 403, code: 'FORBIDDEN' });

      await app.client.apps.update(app.app.id, { offlineEnabled: true, offlineTtlHours: 24 });
      const { license, expiresAt } = await client.offlineLicense();
      const claims = await verifyOfflineLicense(license, pins, { hwid: 'HW-LAPTOP' });
      expect(claims).toMatchObject({ iss: app.app.id, sub: user.id, hwid: 'HW-LAPTOP', subscription: 'premium', licenseExpiresAt: null });
      expect(claims.exp - claims.iat).toBe(24 * 3600);
      expect(new Date(claims.exp * 1000).toISOString()).toBe(new Date(expiresAt).toISOString());

      const refused = (p: Promise<unknown>) =>
        p.then(
          () => 'accepted',
          (e: unknown) => (e instanceof OfflineLicenseError ? e.reason : e),
        );
      expect(await refused(verifyOfflineLicense(license, pins, { hwid: 'HW-DESKTOP' }))).toBe('hwid-mismatch');
      expect(await refused(verifyOfflineLicense(license, jwks, { hwid: 'HW-LAPTOP' }))).toBe('unknown-key');
      expect(await refused(verifyOfflineLicense(license, pins, { hwid: 'HW-LAPTOP', now: new Date((claims.exp + 3600) * 1000) }))).toBe(
        'expired',
      );
    });
  });
});
