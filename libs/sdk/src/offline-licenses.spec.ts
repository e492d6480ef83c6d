/// <reference types="node" />
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- jest's types, by path: see structured-fields.spec.ts
/// <reference path="../../../apps/api/node_modules/@types/jest/index.d.ts" />
import { OFFLINE_LICENSE_TYPE } from '@keyhold/contracts';
import type { OfflineLicenseClaims } from '@keyhold/contracts';
import { SignJWT } from 'jose';
import { PinnedKeys } from './answer-signatures';
import { jwksOf, testSigningKey } from './answer-signer.testing';
import { OfflineLicenseError, verifyOfflineLicense } from './offline-licenses';

const key = testSigningKey('key_offline');
const stranger = testSigningKey('key_stranger');
const jwks = jwksOf(key);
const NOW = new Date('2026-06-01T12:00:00Z');
const iat = Math.floor(NOW.getTime() / 1000) - 3600;

const claims = (over: Partial<OfflineLicenseClaims> = {}): OfflineLicenseClaims => ({
  iss: 'app_1',
  sub: 'usr_1',
  hwid: 'HWID-1',
  subscription: 'premium',
  licenseExpiresAt: null,
  iat,
  nbf: iat,
  exp: iat + 168 * 3600,
  jti: 'f2d6b1a4-0000-4000-8000-000000000001',
  ...over,
});

/** A license as the server makes it (apps/api/src/signing/offline-licenses.service.ts), with what a test changes. */
function license(
  over: Partial<OfflineLicenseClaims> = {},
  header: { typ?: string; kid?: string } = {},
  signer = key,
  drop: (keyof OfflineLicenseClaims)[] = [],
): Promise<string> {
  const payload: Record<string, unknown> = { ...claims(over) };
  for (const k of drop) delete payload[k];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: OFFLINE_LICENSE_TYPE, ...header })
    .sign(signer.privateKey);
}

const reasonOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (!(e instanceof OfflineLicenseError)) throw e;
    return e.reason;
  }
};

describe('verifyOfflineLicense: offline licenses (JWS) checked with the pinned JWK Set, no network', () => {
  it('returns the claims of a valid license', async () => {
    await expect(verifyOfflineLicense(await license(), jwks, { hwid: 'HWID-1', now: NOW })).resolves.toEqual(claims());
    // The pinned set may be given once as PinnedKeys (shared with the client).
    await expect(verifyOfflineLicense(await license(), new PinnedKeys(jwks), { hwid: 'HWID-1', now: NOW })).resolves.toMatchObject({
      sub: 'usr_1',
    });
  });

  it('refuses an expired license, allowing the clock skew', async () => {
    const jws = await license({ exp: Math.floor(NOW.getTime() / 1000) - 30 });
    expect(await reasonOf(verifyOfflineLicense(jws, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('accepted'); // within the default 60 s
    expect(await reasonOf(verifyOfflineLicense(jws, jwks, { hwid: 'HWID-1', now: NOW, clockSkewSeconds: 0 }))).toBe('expired');
    const old = await license({ exp: Math.floor(NOW.getTime() / 1000) - 3600 });
    expect(await reasonOf(verifyOfflineLicense(old, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('expired');
  });

  it('refuses a license not valid yet (nbf), allowing the clock skew', async () => {
    const soon = Math.floor(NOW.getTime() / 1000) + 30;
    const jws = await license({ iat: soon, nbf: soon });
    expect(await reasonOf(verifyOfflineLicense(jws, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('accepted');
    expect(await reasonOf(verifyOfflineLicense(jws, jwks, { hwid: 'HWID-1', now: NOW, clockSkewSeconds: 5 }))).toBe('not-yet-valid');
  });

  it('refuses a license bound to another hardware id, and accepts an unbound one anywhere', async () => {
    const bound = await license();
    expect(await reasonOf(verifyOfflineLicense(bound, jwks, { hwid: 'HWID-2', now: NOW }))).toBe('hwid-mismatch');
    expect(await reasonOf(verifyOfflineLicense(bound, jwks, { hwid: null, now: NOW }))).toBe('hwid-mismatch');
    const unbound = await license({ hwid: null });
    expect(await reasonOf(verifyOfflineLicense(unbound, jwks, { hwid: 'ANY', now: NOW }))).toBe('accepted');
    expect(await reasonOf(verifyOfflineLicense(unbound, jwks, { hwid: null, now: NOW }))).toBe('accepted');
  });

  it('refuses another type of token signed by the same key', async () => {
    for (const typ of ['JWT', 'at+jwt', 'keyhold-license+JWT2']) {
      expect(await reasonOf(verifyOfflineLicense(await license({}, { typ }), jwks, { hwid: 'HWID-1', now: NOW }))).toBe('wrong-type');
    }
  });

  it('refuses a license signed by a key not pinned, or naming no key', async () => {
    expect(await reasonOf(verifyOfflineLicense(await license({}, {}, stranger), jwks, { hwid: 'HWID-1', now: NOW }))).toBe('unknown-key');
    const noKid = await new SignJWT({ ...claims() }).setProtectedHeader({ alg: 'EdDSA', typ: OFFLINE_LICENSE_TYPE }).sign(key.privateKey);
    expect(await reasonOf(verifyOfflineLicense(noKid, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('unknown-key');
    // Another key under the pinned kid: the signature does not verify.
    const impostor = await license({}, {}, { ...stranger, kid: 'key_offline' });
    expect(await reasonOf(verifyOfflineLicense(impostor, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('bad-signature');
  });

  it('refuses an altered license', async () => {
    const [h, p, s] = (await license()).split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as OfflineLicenseClaims;
    const longer = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 365 * 86400 })).toString('base64url');
    expect(await reasonOf(verifyOfflineLicense(`${h}.${longer}.${s}`, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('bad-signature');
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    expect(await reasonOf(verifyOfflineLicense(`${h}.${p}.${flipped}`, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('bad-signature');
  });

  it('refuses another algorithm, garbage and missing or mistyped claims', async () => {
    const hs = await new SignJWT({ ...claims() })
      .setProtectedHeader({ alg: 'HS256', kid: 'key_offline', typ: OFFLINE_LICENSE_TYPE })
      .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
    expect(await reasonOf(verifyOfflineLicense(hs, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('wrong-algorithm');
    for (const garbage of ['', 'abc', 'a.b.c', 'a.b']) {
      expect(await reasonOf(verifyOfflineLicense(garbage, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('malformed');
    }
    expect(await reasonOf(verifyOfflineLicense(await license({}, {}, key, ['jti']), jwks, { hwid: 'HWID-1', now: NOW }))).toBe('malformed');
    expect(await reasonOf(verifyOfflineLicense(await license({}, {}, key, ['exp']), jwks, { hwid: 'HWID-1', now: NOW }))).toBe('malformed');
    const mistyped = await license({ hwid: 42 as unknown as string });
    expect(await reasonOf(verifyOfflineLicense(mistyped, jwks, { hwid: 'HWID-1', now: NOW }))).toBe('malformed');
  });
});
