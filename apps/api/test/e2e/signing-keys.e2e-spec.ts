import type { JsonWebKeySet, PublicJwk, SigningKeyResponse } from '@keyhold/contracts';
import { httpbis } from 'http-message-signatures';
import { importJWK } from 'jose';
import { createHash, createPrivateKey, createPublicKey, KeyObject, randomBytes, verify } from 'node:crypto';
import type { Stream } from 'node:stream';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { decryptSecret } from '../../src/common/crypto';
import { fromPublicId } from '../../src/common/ids';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { credential } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

const KID = /^key_[0-9a-f]{32}$/;
const UNKNOWN_KID = `key_${'0'.repeat(32)}`;
/** The start of every Ed25519 PKCS#8 DER (RFC 8410), base64: what a private key stored in the clear begins with. */
const PKCS8_ED25519_BASE64 = 'MC4CAQAwBQYDK2VwBCIEI';

/** supertest: keep any body as raw bytes (the signature covers exactly those). */
function binary(res: Stream, done: (err: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
}

/** One client exchange, as a verifier sees it: the request as sent and the answer's status, headers and bytes. */
interface Answer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  raw: Buffer;
}

/** A client's pinned keys: the JWK Set it was built with, imported by jose, by kid. */
type Pinned = Map<string, KeyObject>;

async function pin(jwks: JsonWebKeySet): Promise<Pinned> {
  const keys: Pinned = new Map();
  for (const jwk of jwks.keys) {
    const key = await importJWK({ ...jwk }, 'EdDSA');
    if (key instanceof Uint8Array) throw new Error('an OKP public key imports as a key, not bytes');
    keys.set(jwk.kid, KeyObject.from(key));
  }
  return keys;
}

const signatureParam = (a: Answer, name: string) => new RegExp(`;${name}="([^"]*)"`).exec(a.headers['signature-input'] ?? '')?.[1];

describe('signing keys: Ed25519 key sets per app, their rotation and JWK Sets', () => {
  let t: TestApp;
  let s: SellerFixture;
  /** Every answer body seen by the test, to search for private key material. */
  const bodies: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
  });

  const db = () => t.app.get(DataSource);
  const seen = (res: Response) => {
    bodies.push(res.text ?? '');
    return res;
  };
  const asSeller = (seller: SellerFixture) => ({ authorization: `Bearer ${seller.token}` });
  const keysUrl = (appId: string) => `/v1/admin/apps/${appId}/signing-keys`;
  const list = async (seller = s, appId = seller.app.id) =>
    seen(await t.http.get(keysUrl(appId)).set(asSeller(seller)).expect(200)).body.data as SigningKeyResponse[];
  const add = async (seller = s, appId = seller.app.id) =>
    seen(await t.http.post(keysUrl(appId)).set(asSeller(seller)).expect(201)).body.data as SigningKeyResponse;
  const activate = (kid: string, seller = s, appId = seller.app.id) =>
    t.http.post(`${keysUrl(appId)}/${kid}/activate`).set(asSeller(seller));
  const retire = (kid: string, seller = s, appId = seller.app.id) => t.http.delete(`${keysUrl(appId)}/${kid}`).set(asSeller(seller));
  const clientJwks = async (apiKey = s.app.apiKey) =>
    seen(await t.http.get('/v1/client/jwks').set('x-api-key', apiKey).expect(200)).body as JsonWebKeySet;
  // As a JWKS client asks for it (see the test of a request without Accept below).
  const axoraJwks = async (endpoint = s.app.endpoint) =>
    seen(await t.http.get(`/app/jwks/${endpoint}`).set('accept', 'application/json').expect(200)).body as JsonWebKeySet;
  const kidsOf = (jwks: JsonWebKeySet) => jwks.keys.map((k) => k.kid).sort();
  const byStatus = (keys: SigningKeyResponse[]) => Object.fromEntries(keys.map((k) => [k.kid, k.status]));

  /** A signed client answer: a refused login (any client route is signed; this one changes nothing). */
  async function probe(seller = s): Promise<Answer> {
    const path = '/v1/client/login';
    const res = await t.http
      .post(path)
      .set('x-api-key', seller.app.apiKey)
      .set('keyhold-nonce', randomBytes(12).toString('hex'))
      .send({ username: 'nobody', password: 'wrong password' })
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(401);
    return { method: 'POST', path, status: res.status, headers: res.headers, raw: res.body as Buffer };
  }

  /** What a client that pins `keys` concludes about an answer (http-message-signatures, the digest computed from the bytes). */
  async function verifies(keys: Pinned, a: Answer): Promise<boolean> {
    const digest = `sha-256=:${createHash('sha256').update(a.raw).digest('base64')}:`;
    if (a.headers['content-digest'] !== digest) return false;
    try {
      const ok = await httpbis.verifyMessage(
        {
          keyLookup: (params) => {
            const key = params.keyid ? keys.get(params.keyid) : undefined;
            if (!key) return Promise.resolve(null);
            return Promise.resolve({
              id: params.keyid,
              algs: ['ed25519'],
              verify: (data, sig) => Promise.resolve(verify(null, data, key, sig)),
            });
          },
        },
        { status: a.status, headers: a.headers },
        { method: a.method, url: `${t.url}${a.path}`, headers: {} },
      );
      return ok === true;
    } catch {
      return false;
    }
  }

  it('a new app has exactly one active key: kid, public JWK and a PEM that node reads as the same key', async () => {
    const keys = await list();
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toEqual({
      kid: expect.stringMatching(KID),
      status: 'active',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: key.kid, use: 'sig', alg: 'EdDSA' },
      publicPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/),
    });
    const fromPem = createPublicKey(key.publicPem);
    expect(fromPem.asymmetricKeyType).toBe('ed25519');
    expect(fromPem.export({ format: 'jwk' })).toEqual({ kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x });
    // The same listing twice: the first key is made once, not per request.
    expect(await list()).toEqual(keys);
    // And the key signs the app's answers.
    const answer = await probe();
    expect(signatureParam(answer, 'keyid')).toBe(key.kid);
    expect(await verifies(await pin({ keys: [key.publicJwk] }), answer)).toBe(true);
  });

  it('the JWK Set: the same un-enveloped {keys} at /v1/client/jwks and /app/jwks/{endpoint}, listing active, next and previous', async () => {
    const [first] = await list();
    const second = await add();
    expect((await activate(second.kid).expect(200)).body.data).toMatchObject({ kid: second.kid, status: 'active' });
    const third = await add();
    const keys = await list();
    expect(byStatus(keys)).toEqual({ [first.kid]: 'previous', [second.kid]: 'active', [third.kid]: 'next' });

    const viaKey = await clientJwks();
    const viaEndpoint = await axoraJwks();
    expect(Object.keys(viaKey)).toEqual(['keys']);
    expect(viaEndpoint).toEqual(viaKey);
    expect(kidsOf(viaKey)).toEqual([first.kid, second.kid, third.kid].sort());
    const expected: PublicJwk[] = keys.map((k) => k.publicJwk);
    expect([...viaKey.keys].sort((a, b) => a.kid.localeCompare(b.kid))).toEqual(expected.sort((a, b) => a.kid.localeCompare(b.kid)));
    for (const jwk of viaKey.keys)
      expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: jwk.kid, use: 'sig', alg: 'EdDSA' });

    // No API key: INVALID_KEY; an unknown endpoint: 404.
    expect((await t.http.get('/v1/client/jwks').expect(401)).body.error.code).toBe('INVALID_KEY');
    expect((await t.http.get('/v1/client/jwks').set('x-api-key', 'ak_unknown').expect(401)).body.error.code).toBe('INVALID_KEY');
    expect((await t.http.get('/app/jwks/AAAAAAAAAAAAAAAAAAAA').set('accept', 'application/json').expect(404)).body.error.code).toBe(
      'NOT_FOUND',
    );
  });

  it("/app/jwks/{endpoint} answers the JWK Set to any client, as /v1/client/jwks does: no Accept header, or curl's */*", async () => {
    const expected = await clientJwks();
    for (const accept of [undefined, '*/*']) {
      const req = t.http.get(`/app/jwks/${s.app.endpoint}`);
      if (accept) req.set('accept', accept);
      const res = await req;
      expect([res.status, res.headers['content-type']]).toEqual([200, expect.stringMatching(/^application\/json/)]);
      expect(res.body).toEqual(expected);
      // An unknown endpoint is the API's 404 in the envelope, not a page.
      const unknown = t.http.get('/app/jwks/AAAAAAAAAAAAAAAAAAAA');
      if (accept) unknown.set('accept', accept);
      expect((await unknown).body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('add: a `next` key, published at once but not signing; activate: it signs, the old one is `previous` and stays published', async () => {
    const [old] = await list();
    const next = await add();
    expect(next).toMatchObject({ kid: expect.stringMatching(KID), status: 'next' });
    expect(next.kid).not.toBe(old.kid);
    expect(next.publicJwk.x).not.toBe(old.publicJwk.x);
    expect(byStatus(await list())).toEqual({ [old.kid]: 'active', [next.kid]: 'next' });
    expect(kidsOf(await clientJwks())).toEqual([old.kid, next.kid].sort());
    expect(kidsOf(await axoraJwks())).toEqual([old.kid, next.kid].sort());
    const before = await probe();
    expect(signatureParam(before, 'keyid')).toBe(old.kid);
    expect(await verifies(await pin({ keys: [old.publicJwk] }), before)).toBe(true);

    const activated = await activate(next.kid).expect(200);
    expect(activated.body).toEqual({ success: true, data: { ...next, status: 'active' } });
    expect(byStatus(await list())).toEqual({ [old.kid]: 'previous', [next.kid]: 'active' });
    expect(kidsOf(await clientJwks())).toEqual([old.kid, next.kid].sort());
    const after = await probe();
    expect(signatureParam(after, 'keyid')).toBe(next.kid);
    expect(await verifies(await pin({ keys: [next.publicJwk] }), after)).toBe(true);
    expect(await verifies(await pin({ keys: [old.publicJwk] }), after)).toBe(false);

    // Activating the active key changes nothing; a previous key can be made active again (a rollback).
    expect((await activate(next.kid).expect(200)).body.data.status).toBe('active');
    expect(byStatus(await list())).toEqual({ [old.kid]: 'previous', [next.kid]: 'active' });
    await activate(old.kid).expect(200);
    expect(byStatus(await list())).toEqual({ [old.kid]: 'active', [next.kid]: 'previous' });
    expect(signatureParam(await probe(), 'keyid')).toBe(old.kid);
  });

  it('retire: the previous key is unpublished for good; the active key cannot be retired (409 CONFLICT)', async () => {
    const [old] = await list();
    const next = await add();
    await activate(next.kid).expect(200);

    const refused = await retire(next.kid).expect(409);
    expect(refused.body.success).toBe(false);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(byStatus(await list())).toEqual({ [old.kid]: 'previous', [next.kid]: 'active' });
    expect(signatureParam(await probe(), 'keyid')).toBe(next.kid);

    expect(seen(await retire(old.kid).expect(200)).body).toEqual({ success: true, data: { id: old.kid, deleted: true } });
    expect(byStatus(await list())).toEqual({ [next.kid]: 'active' });
    expect(kidsOf(await clientJwks())).toEqual([next.kid]);
    expect(kidsOf(await axoraJwks())).toEqual([next.kid]);
    // For good: neither retired again nor activated.
    expect((await retire(old.kid).expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await activate(old.kid).expect(404)).body.error.code).toBe('NOT_FOUND');

    // A `next` key that is never activated can be retired as well.
    const spare = await add();
    await retire(spare.kid).expect(200);
    expect(kidsOf(await clientJwks())).toEqual([next.kid]);
    // The app's only key, active, still cannot go.
    expect((await retire(next.kid).expect(409)).body.error.code).toBe('CONFLICT');
  });

  it("an unknown kid, a malformed one or another app's kid: 404 to activate and to retire", async () => {
    const other = await s.client.apps.create({ name: 'Other app' });
    const [otherKey] = await list(s, other.id);
    const otherNext = await add(s, other.id);
    const before = await list();
    for (const kid of [UNKNOWN_KID, 'key_nope', 'not-a-kid', otherKey.kid, otherNext.kid]) {
      expect((await activate(kid).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await retire(kid).expect(404)).body.error.code).toBe('NOT_FOUND');
    }
    // An unknown app: 404 too.
    const noApp = `app_${'0'.repeat(32)}`;
    expect((await t.http.get(keysUrl(noApp)).set(asSeller(s)).expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await t.http.post(keysUrl(noApp)).set(asSeller(s)).expect(404)).body.error.code).toBe('NOT_FOUND');
    // Nothing changed in either app.
    expect(await list()).toEqual(before);
    expect(byStatus(await list(s, other.id))).toEqual({ [otherKey.kid]: 'active', [otherNext.kid]: 'next' });
  });

  it('at most 10 keys: the 11th is 409 CONFLICT until one is retired', async () => {
    const added: SigningKeyResponse[] = [];
    for (let i = 0; i < 9; i++) added.push(await add());
    expect(await list()).toHaveLength(10);
    const refused = await t.http.post(keysUrl(s.app.id)).set(asSeller(s)).expect(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(await list()).toHaveLength(10);
    expect((await clientJwks()).keys).toHaveLength(10);
    await retire(added[0].kid).expect(200);
    await add();
    expect(await list()).toHaveLength(10);
  });

  it("tenant isolation: seller B can neither list, add, activate nor retire A's keys, and A's JWK Set never has B's", async () => {
    const b = await sellerWithApp(t.url, 'B');
    const aNext = await add();
    const aKeys = await list();
    const bKeys = [...(await list(b)), await add(b)];
    const expect404 = async (req: ReturnType<typeof activate>) => expect((await req.expect(404)).body.error.code).toBe('NOT_FOUND');

    await expect404(t.http.get(keysUrl(s.app.id)).set(asSeller(b)));
    await expect404(t.http.post(keysUrl(s.app.id)).set(asSeller(b)));
    for (const key of aKeys) {
      await expect404(activate(key.kid, b, s.app.id));
      await expect404(retire(key.kid, b, s.app.id));
      // Nor through B's own app.
      await expect404(activate(key.kid, b));
      await expect404(retire(key.kid, b));
    }
    // Nothing of A's changed: the same keys, the same one signing.
    expect(await list()).toEqual(aKeys);
    expect(signatureParam(await probe(), 'keyid')).toBe(aKeys.find((k) => k.status === 'active')!.kid);
    expect(aKeys.map((k) => k.kid)).toContain(aNext.kid);

    const bKids = bKeys.map((k) => k.kid);
    for (const jwks of [await clientJwks(), await axoraJwks()]) {
      expect(kidsOf(jwks)).toEqual(aKeys.map((k) => k.kid).sort());
      expect(jwks.keys.filter((k) => bKids.includes(k.kid))).toEqual([]);
      expect(jwks.keys.filter((k) => bKeys.some((bk) => bk.publicJwk.x === k.x))).toEqual([]);
    }
    // And B's set is B's alone.
    expect(kidsOf(await clientJwks(b.app.apiKey))).toEqual([...bKids].sort());
    // A's answers do not verify with B's keys.
    expect(await verifies(await pin(await clientJwks(b.app.apiKey)), await probe())).toBe(false);
  });

  it('private keys are stored sealed with MASTER_KEY, never in the clear, and no answer carries one', async () => {
    const [first] = await list();
    await activate((await add()).kid).expect(200);
    await retire(first.kid).expect(200);
    await add();
    const keys = await list();
    const rows: Array<{ id: string; private_key_encrypted: string; public_x: string }> = await db().query(
      'SELECT id, private_key_encrypted, public_x FROM signing_keys WHERE app_id = $1',
      [fromPublicId('app', s.app.id)],
    );
    expect(rows.map((r) => `key_${r.id.replace(/-/g, '')}`).sort()).toEqual(keys.map((k) => k.kid).sort());

    const masterKey = t.app.get<AppConfig>(APP_CONFIG).masterKey;
    const privateMaterial: string[] = [];
    for (const row of rows) {
      const sealed = row.private_key_encrypted;
      expect(sealed.startsWith('MC4C')).toBe(false);
      expect(sealed).not.toContain(PKCS8_ED25519_BASE64);
      expect(sealed).not.toContain('PRIVATE KEY');
      // Neither the column nor any part of it is a private key node can read.
      for (const part of [sealed, ...sealed.split(/[.:$]/)]) {
        for (const bytes of [Buffer.from(part, 'base64'), Buffer.from(part, 'base64url')]) {
          expect(() => createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' })).toThrow();
        }
      }
      expect(() => createPrivateKey(sealed)).toThrow();
      // Under the MASTER_KEY it opens to the PKCS#8 of the very key published for this kid; under another it does not open.
      const opened = Buffer.from(decryptSecret(masterKey, sealed), 'base64');
      const privateKey = createPrivateKey({ key: opened, format: 'der', type: 'pkcs8' });
      expect(createPublicKey(privateKey).export({ format: 'jwk' }).x).toBe(row.public_x);
      expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
      const jwk = privateKey.export({ format: 'jwk' });
      privateMaterial.push(
        opened.toString('base64'),
        opened.toString('base64url'),
        jwk.d!,
        opened.subarray(-32).toString('base64'),
        opened.subarray(-32).toString('hex'),
        sealed,
      );
    }

    // Every route that touches keys or apps, and a signed client answer; then every body seen so far in this file.
    seen(await t.http.get('/v1/admin/apps').set(asSeller(s)).expect(200));
    seen(await t.http.get(`/v1/admin/apps/${s.app.id}`).set(asSeller(s)).expect(200));
    seen(await t.http.post('/v1/admin/apps').set(asSeller(s)).send({ name: 'Another' }).expect(201));
    seen(await activate(keys.find((k) => k.status === 'active')!.kid).expect(200));
    await clientJwks();
    await axoraJwks();
    await credential(s, 'buyer', 'securepass');
    seen(
      await t.http.post('/v1/client/login').set('x-api-key', s.app.apiKey).send({ username: 'buyer', password: 'securepass' }).expect(200),
    );
    seen(await t.http.get('/docs/openapi.json').expect(200));

    const walk = (value: unknown, at: string): string[] => {
      if (Array.isArray(value)) return value.flatMap((v, i) => walk(v, `${at}[${i}]`));
      if (value && typeof value === 'object') {
        return Object.entries(value).flatMap(([k, v]) => {
          const here = `${at}.${k}`;
          const bad = k === 'd' || /private/i.test(k) ? [here] : [];
          return [...bad, ...walk(v, here)];
        });
      }
      return typeof value === 'string' && value.includes('PRIVATE KEY') ? [at] : [];
    };
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      expect(body).not.toContain('PRIVATE KEY');
      for (const secret of privateMaterial) expect(body).not.toContain(secret);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        continue;
      }
      // The OpenAPI document describes no private key either.
      expect(walk(parsed, '$')).toEqual([]);
    }
  });

  it('deleting an app deletes its keys; its JWK Set is gone with it', async () => {
    const other = await sellerWithApp(t.url, 'Kept');
    await add();
    await add(other);
    const appId = fromPublicId('app', s.app.id);
    const count = async (id: string | null) =>
      (await db().query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM signing_keys WHERE app_id = $1', [id]))[0].n;
    expect(await count(appId)).toBe(2);
    await t.http.delete(`/v1/admin/apps/${s.app.id}`).set(asSeller(s)).expect(200);
    expect(await count(appId)).toBe(0);
    expect((await t.http.get(keysUrl(s.app.id)).set(asSeller(s)).expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await t.http.get('/v1/client/jwks').set('x-api-key', s.app.apiKey).expect(401)).body.error.code).toBe('INVALID_KEY');
    await t.http.get(`/app/jwks/${s.app.endpoint}`).set('accept', 'application/json').expect(404);
    // Another seller's app keeps its keys.
    expect(await count(fromPublicId('app', other.app.id))).toBe(2);
    expect(await list(other)).toHaveLength(2);
  });

  describe('rotation without a failed verification', () => {
    it('a client pinning the set fetched after adding `next` verifies every answer before, during and after activation', async () => {
      const oldOnly = await pin(await clientJwks());
      const next = await add();
      const fetched = await clientJwks();
      expect(fetched.keys).toHaveLength(2);
      const both = await pin(fetched);
      // The set by the Axora route pins the same.
      expect(await axoraJwks()).toEqual(fetched);

      const before = await Promise.all(Array.from({ length: 5 }, () => probe()));
      // Answers in flight while the key is activated.
      const [during] = await Promise.all([Promise.all(Array.from({ length: 20 }, () => probe())), activate(next.kid).expect(200)]);
      const after = await Promise.all(Array.from({ length: 5 }, () => probe()));
      for (const answer of [...before, ...during, ...after]) expect(await verifies(both, answer)).toBe(true);
      for (const answer of before) expect(await verifies(oldOnly, answer)).toBe(true);

      // The rotation did happen: answers after it are the new key's, which a client pinning the old key alone refuses.
      for (const answer of after) {
        expect(signatureParam(answer, 'keyid')).toBe(next.kid);
        expect(await verifies(oldOnly, answer)).toBe(false);
      }
      // And once the old key is retired, the client that pinned both keeps verifying.
      const [old] = (await list()).filter((k) => k.status === 'previous');
      await retire(old.kid).expect(200);
      const late = await probe();
      expect(await verifies(both, late)).toBe(true);
      expect(await verifies(await pin(await clientJwks()), late)).toBe(true);
    });
  });
});
