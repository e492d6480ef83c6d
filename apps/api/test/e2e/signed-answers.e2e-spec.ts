import type { JsonWebKeySet } from '@keyhold/contracts';
import { httpbis } from 'http-message-signatures';
import { importJWK } from 'jose';
import { createHash, KeyObject, randomBytes, verify } from 'node:crypto';
import type { Stream } from 'node:stream';
import { credential, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** The components of every answer's signature, as the contract lists them, and those of a ranged file answer (206). */
const WHOLE = ['"@status"', '"content-digest"', '"@method";req', '"@path";req'];
const RANGED = ['"@status"', '"repr-digest"', '"content-range"', '"@method";req', '"@path";req'];

/** supertest: keep any body as raw bytes (the signature covers exactly those). */
function binary(res: Stream, done: (err: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
}

/** One exchange as a client's verifier sees it: the request as sent, the answer's status, headers and bytes. */
interface Answer {
  base: string;
  method: string;
  /** As sent: percent-encoding and any query kept. */
  path: string;
  status: number;
  headers: Record<string, string>;
  raw: Buffer;
}

interface Call {
  apiKey?: string;
  token?: string;
  nonce?: string;
  /** An object is sent as JSON; a string as is, labelled JSON. */
  body?: object | string;
  headers?: Record<string, string>;
}

async function call(t: TestApp, method: 'GET' | 'POST', path: string, o: Call = {}): Promise<Answer> {
  const req = method === 'GET' ? t.http.get(path) : t.http.post(path);
  if (o.apiKey !== undefined) req.set('x-api-key', o.apiKey);
  if (o.token !== undefined) req.set('authorization', `Bearer ${o.token}`);
  if (o.nonce !== undefined) req.set('keyhold-nonce', o.nonce);
  for (const [name, value] of Object.entries(o.headers ?? {})) req.set(name, value);
  if (typeof o.body === 'string') req.set('content-type', 'application/json').send(o.body);
  else if (o.body !== undefined) req.send(o.body);
  const res = await req.buffer(true).parse(binary);
  return { base: t.url, method, path, status: res.status, headers: res.headers, raw: res.body as Buffer };
}

const json = (a: Answer) => JSON.parse(a.raw.toString('utf8'));
const digestOf = (bytes: Buffer) => `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`;
const freshNonce = () => randomBytes(12).toString('base64url');
/** `@path`: the path as sent, without the query. */
const pathOf = (a: Answer) => a.path.split('?')[0];

/** A client's pinned keys: the JWK Set, imported by jose, by kid. */
type Pinned = Map<string, KeyObject>;
async function pin(jwks: JsonWebKeySet): Promise<Pinned> {
  const pinned: Pinned = new Map();
  for (const jwk of jwks.keys) {
    const key = await importJWK({ ...jwk }, 'EdDSA');
    if (key instanceof Uint8Array) throw new Error('an OKP public key imports as a key, not bytes');
    pinned.set(jwk.kid, KeyObject.from(key));
  }
  return pinned;
}

/**
 * What a client pinning `pinned` concludes, with http-message-signatures: the answer's
 * Content-Digest is the one it computes from the bytes it got (so a changed byte breaks the
 * signature); a ranged answer is taken with its Repr-Digest and Content-Range as received.
 */
async function verifies(pinned: Pinned, a: Answer): Promise<boolean> {
  const headers = { ...a.headers };
  if (a.status !== 206) headers['content-digest'] = digestOf(a.raw);
  try {
    const ok = await httpbis.verifyMessage(
      {
        keyLookup: (params) => {
          const key = params.keyid ? pinned.get(params.keyid) : undefined;
          if (!key) return Promise.resolve(null);
          return Promise.resolve({
            id: params.keyid,
            algs: ['ed25519'],
            verify: (data, sig) => Promise.resolve(verify(null, data, key, sig)),
          });
        },
      },
      { status: a.status, headers },
      { method: a.method, url: `${a.base}${a.path}`, headers: {} },
    );
    return ok === true;
  } catch {
    return false;
  }
}

/**
 * Every check of a signed answer: the digest, the exact Signature-Input of the contract (label,
 * components in order, created, keyid, alg, the nonce last when sent), the signature base rebuilt
 * by hand from the contract's text verifying with the pinned key, and http-message-signatures
 * agreeing. Returns the `created` parameter.
 */
async function expectSigned(a: Answer, pinned: Pinned, kid: string, nonce?: string): Promise<number> {
  const ranged = a.status === 206;
  const components = ranged ? RANGED : WHOLE;
  if (ranged) {
    if (a.headers['content-digest'] !== undefined) expect(a.headers['content-digest']).toBe(digestOf(a.raw));
  } else {
    expect(a.headers['content-digest']).toBe(digestOf(a.raw));
  }
  const input = a.headers['signature-input'];
  expect(input).toEqual(expect.stringMatching(/^keyhold=\(/));
  const created = Number(/;created=(\d+);/.exec(input)?.[1]);
  expect(Number.isSafeInteger(created)).toBe(true);
  const params = `(${components.join(' ')});created=${created};keyid="${kid}";alg="ed25519"${nonce === undefined ? '' : `;nonce="${nonce}"`}`;
  expect(input).toBe(`keyhold=${params}`);
  const sig = /^keyhold=:([A-Za-z0-9+/]+={0,2}):$/.exec(a.headers.signature ?? '');
  expect(sig).not.toBeNull();
  const signature = Buffer.from(sig![1], 'base64');
  expect(signature).toHaveLength(64);

  const lines = [`"@status": ${a.status}`];
  if (ranged) lines.push(`"repr-digest": ${a.headers['repr-digest']}`, `"content-range": ${a.headers['content-range']}`);
  else lines.push(`"content-digest": ${digestOf(a.raw)}`);
  lines.push(`"@method";req: ${a.method}`, `"@path";req: ${pathOf(a)}`, `"@signature-params": ${params}`);
  const key = pinned.get(kid);
  expect(key).toBeDefined();
  expect(verify(null, Buffer.from(lines.join('\n'), 'utf8'), key!, signature)).toBe(true);
  expect(await verifies(pinned, a)).toBe(true);
  return created;
}

function expectUnsigned(a: Answer): void {
  expect(a.headers['signature-input']).toBeUndefined();
  expect(a.headers.signature).toBeUndefined();
}

describe('signed answers (RFC 9421): every client and Axora answer of a known app', () => {
  let t: TestApp;
  let s: SellerFixture;
  let jwks: JsonWebKeySet;
  let pinned: Pinned;
  let kid: string;
  let file: { id: string; data: Buffer; sha256: string };
  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url, 'Signed App');
    await s.client.apps.update(s.app.id, { hwidLock: false, version: '3.7.4' });
    await credential(s, 'buyer', 'securepass', { subscription: 'premium' });
    await credential(s, 'tanish', 'open sesame+1');
    const banned = await credential(s, 'banned', 'securepass');
    await s.client.users.update(banned.id, { banned: true, banReason: 'chargeback' });
    const data = randomBytes(200_000);
    const uploaded = await s.client.files.upload({
      appId: s.app.id,
      file: new Blob([Uint8Array.from(data)], { type: 'application/octet-stream' }),
      filename: 'loader.bin',
    });
    file = { id: uploaded.id, data, sha256: uploaded.sha256 };
    const answer = await call(t, 'GET', '/v1/client/jwks', { apiKey: s.app.apiKey });
    jwks = json(answer);
    expect(jwks.keys).toHaveLength(1);
    kid = jwks.keys[0].kid;
    pinned = await pin(jwks);
    // The JWK Set's own answer is signed by the key it publishes.
    await expectSigned(answer, pinned, kid);
  });
  afterAll(() => t.close());

  const client = (method: 'GET' | 'POST', path: string, o: Call = {}) =>
    call(t, method, `/v1/client/${path}`, { apiKey: s.app.apiKey, ...o });
  const session = async () =>
    json(await client('POST', 'login', { body: { username: 'buyer', password: 'securepass', hwid: 'HW-1' } })).data.token as string;
  const axora = (path: string, o: Call = {}) => call(t, 'GET', `/app/auth/${path}`, o);

  type Case = [name: string, status: number, code: string | null, run: (nonce: string) => Promise<Answer>];
  const cases: Case[] = [
    ['login', 200, null, (nonce) => client('POST', 'login', { nonce, body: { username: 'buyer', password: 'securepass', hwid: 'HW-1' } })],
    [
      'login, wrong password',
      401,
      'INVALID_CREDENTIALS',
      (nonce) => client('POST', 'login', { nonce, body: { username: 'buyer', password: 'nope' } }),
    ],
    ['login, validation', 400, 'VALIDATION_FAILED', (nonce) => client('POST', 'login', { nonce, body: { username: 5, password: null } })],
    ['login, malformed JSON', 400, 'BAD_REQUEST', (nonce) => client('POST', 'login', { nonce, body: '{"username": "buyer", "pass' })],
    [
      'login, banned',
      403,
      'USER_BANNED',
      (nonce) => client('POST', 'login', { nonce, body: { username: 'banned', password: 'securepass' } }),
    ],
    [
      'register',
      200,
      null,
      async (nonce) => {
        const [licenseKey] = await keys(s);
        return client('POST', 'register', {
          nonce,
          body: { username: `new-${randomBytes(4).toString('hex')}`, password: 'securepass', licenseKey },
        });
      },
    ],
    [
      'register, unknown key',
      401,
      'INVALID_LICENSE',
      (nonce) => client('POST', 'register', { nonce, body: { username: 'someone', password: 'securepass', licenseKey: 'NOPE-NOPE' } }),
    ],
    [
      'license',
      200,
      null,
      async (nonce) => {
        const [licenseKey] = await keys(s);
        return client('POST', 'license', { nonce, body: { licenseKey, hwid: 'HW-KEY' } });
      },
    ],
    ['license, unknown key', 401, 'INVALID_LICENSE', (nonce) => client('POST', 'license', { nonce, body: { licenseKey: 'NOPE-NOPE' } })],
    ['session', 200, null, async (nonce) => client('GET', 'session', { nonce, token: await session() })],
    ['session, no token', 401, 'UNAUTHORIZED', (nonce) => client('GET', 'session', { nonce })],
    ['logout', 200, null, async (nonce) => client('POST', 'logout', { nonce, token: await session(), body: {} })],
    ['logout, bad token', 401, 'UNAUTHORIZED', (nonce) => client('POST', 'logout', { nonce, token: 'not-a-token', body: {} })],
    ['file metadata', 200, null, async (nonce) => client('GET', `files/${file.id}`, { nonce, token: await session() })],
    [
      'file metadata, unknown file',
      404,
      'NOT_FOUND',
      async (nonce) => client('GET', `files/file_${'0'.repeat(32)}`, { nonce, token: await session() }),
    ],
    [
      'file bytes, unknown file',
      404,
      'NOT_FOUND',
      async (nonce) => client('GET', `files/file_${'0'.repeat(32)}/bytes`, { nonce, token: await session() }),
    ],
    [
      'file bytes, range not satisfiable',
      416,
      'BAD_REQUEST',
      async (nonce) => client('GET', `files/${file.id}/bytes`, { nonce, token: await session(), headers: { range: 'bytes=999999999-' } }),
    ],
    ['unknown client route', 404, 'NOT_FOUND', (nonce) => client('GET', 'no-such-route', { nonce })],
  ];

  it.each(cases)('%s: %d, signed with the active key, the nonce echoed', async (_name, status, code, run) => {
    const nonce = freshNonce();
    const a = await run(nonce);
    expect(a.status).toBe(status);
    const body = json(a);
    if (code === null) expect(body.success).toBe(true);
    else expect(body).toMatchObject({ success: false, error: { code } });
    await expectSigned(a, pinned, kid, nonce);
  });

  it('the JWK Set (not enveloped): 200, signed with the key it publishes, the nonce echoed', async () => {
    const nonce = freshNonce();
    const a = await client('GET', 'jwks', { nonce });
    expect(a.status).toBe(200);
    expect(json(a)).toEqual(jwks);
    await expectSigned(a, pinned, kid, nonce);
  });

  it('a 304 Not Modified is signed over the empty body it has, not the JSON it would have had', async () => {
    const first = await client('GET', 'jwks');
    expect(first.headers.etag).toEqual(expect.any(String));
    const nonce = freshNonce();
    const again = await client('GET', 'jwks', { nonce, headers: { 'if-none-match': first.headers.etag } });
    expect(again.status).toBe(304);
    expect(again.raw).toHaveLength(0);
    expect(again.headers['content-digest']).toBe(digestOf(Buffer.alloc(0)));
    await expectSigned(again, pinned, kid, nonce);
  });

  it('without a Keyhold-Nonce the parameters end with alg="ed25519"', async () => {
    const a = await client('POST', 'login', { body: { username: 'buyer', password: 'nope' } });
    expect(a.status).toBe(401);
    await expectSigned(a, pinned, kid);
    expect(a.headers['signature-input']).toMatch(/;alg="ed25519"$/);
  });

  it('a whole download: Content-Digest is the SHA-256 of the file, the same as X-File-Sha256', async () => {
    const nonce = freshNonce();
    const a = await client('GET', `files/${file.id}/bytes`, { nonce, token: await session() });
    expect(a.status).toBe(200);
    expect(a.raw.equals(file.data)).toBe(true);
    expect(a.headers['x-file-sha256']).toBe(file.sha256);
    expect(a.headers['content-digest']).toBe(`sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    expect(a.headers['content-digest']).toBe(digestOf(file.data));
    await expectSigned(a, pinned, kid, nonce);
    // One byte of the file changed: the client's digest no longer matches what was signed.
    const altered = Buffer.from(a.raw);
    altered[altered.length - 1] ^= 0xff;
    expect(await verifies(pinned, { ...a, raw: altered })).toBe(false);
  });

  it("a ranged download (206): signed over the whole file's Repr-Digest and the Content-Range sent", async () => {
    const nonce = freshNonce();
    const a = await client('GET', `files/${file.id}/bytes`, { nonce, token: await session(), headers: { range: 'bytes=100-4195' } });
    expect(a.status).toBe(206);
    expect(a.raw.equals(file.data.subarray(100, 4196))).toBe(true);
    expect(a.headers['content-range']).toBe(`bytes 100-4195/${file.data.length}`);
    expect(a.headers['repr-digest']).toBe(digestOf(file.data));
    expect(a.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(a.headers['x-file-sha256'], 'hex').toString('base64')}:`);
    await expectSigned(a, pinned, kid, nonce);
    // The covered fields are covered: another range, another file's digest, or a 200 do not verify.
    const other = `sha-256=:${createHash('sha256').update('another file').digest('base64')}:`;
    expect(await verifies(pinned, { ...a, headers: { ...a.headers, 'content-range': `bytes 0-4095/${file.data.length}` } })).toBe(false);
    expect(await verifies(pinned, { ...a, headers: { ...a.headers, 'repr-digest': other } })).toBe(false);
    expect(await verifies(pinned, { ...a, status: 200 })).toBe(false);
    expect(await verifies(pinned, { ...a, path: `/v1/client/files/${file.id}` })).toBe(false);
  });

  describe('Axora', () => {
    it.each([
      ['success', 200, 'buyer+securepass+3.7.4'],
      ['wrong password', 401, 'buyer+wrong+3.7.4'],
      ['banned', 401, 'banned+securepass+3.7.4'],
      // The endpoint names a known app even when the rest of the URL is malformed.
      ['too few parts', 400, 'buyer+securepass'],
      ['too many parts', 400, 'buyer+securepass+3.7.4+HW+extra'],
      ['an empty part', 400, 'buyer++3.7.4'],
    ])('%s: %d, signed', async (_name, status, rest) => {
      const nonce = freshNonce();
      const a = await axora(`${s.app.endpoint}+${rest}`, { nonce });
      expect(a.status).toBe(status);
      expect(json(a).authenticated).toBe(status === 200);
      await expectSigned(a, pinned, kid, nonce);
    });

    it('@path is the path as sent: %2B and %20 kept, not decoded', async () => {
      const path = `/app/auth/${s.app.endpoint}+tanish+open%20sesame%2B1+3.7.4`;
      const nonce = freshNonce();
      const a = await call(t, 'GET', path, { nonce });
      expect(a.status).toBe(200);
      expect(json(a)).toMatchObject({ authenticated: true, endpoint: s.app.endpoint });
      await expectSigned(a, pinned, kid, nonce);
      // Decoded, or spelled with other escapes, it is another path: the signature does not hold for it.
      for (const spelling of [
        `/app/auth/${s.app.endpoint}+tanish+open%20sesame+1+3.7.4`,
        `/app/auth/${s.app.endpoint}+tanish+open%20sesame%2b1+3.7.4`,
        `/app/auth/${s.app.endpoint}+tanish+open+sesame%2B1+3.7.4`,
      ]) {
        expect(await verifies(pinned, { ...a, path: spelling })).toBe(false);
      }
    });

    it('an unknown endpoint has no key to sign with: unsigned', async () => {
      const a = await axora('AAAAAAAAAAAAAAAAAAAA+buyer+securepass+3.7.4', { nonce: freshNonce() });
      expect(a.status).toBe(404);
      expect(json(a)).toEqual({ authenticated: false, message: 'App disabled or not found' });
      expectUnsigned(a);
    });
  });

  it("@path keeps a client route's escapes as sent and leaves the query out", async () => {
    const token = await session();
    const nonce = freshNonce();
    const withQuery = await client('GET', 'session?probe=1&x=%20', { nonce, token });
    expect(withQuery.status).toBe(200);
    await expectSigned(withQuery, pinned, kid, nonce);
    const escaped = await client('GET', `files/${file.id.replace('_', '%5F')}`, { nonce, token });
    expect(escaped.path).toContain('%5F');
    await expectSigned(escaped, pinned, kid, nonce);
    expect(await verifies(pinned, { ...escaped, path: `/v1/client/files/${file.id}` })).toBe(false);
    // Express routes case-insensitively; the signature covers the spelling that was sent.
    const upper = await call(t, 'POST', '/V1/CLIENT/login', { apiKey: s.app.apiKey, nonce, body: { username: 'buyer', password: 'nope' } });
    expect(upper.status).toBe(401);
    await expectSigned(upper, pinned, kid, nonce);
    expect(await verifies(pinned, { ...upper, path: '/v1/client/login' })).toBe(false);
  });

  it("an APP_DISABLED answer is the (known) app's, signed with its key", async () => {
    const other = await s.client.apps.create({ name: 'Disabled soon' });
    const otherJwks = json(await call(t, 'GET', '/v1/client/jwks', { apiKey: other.apiKey })) as JsonWebKeySet;
    await s.client.apps.update(other.id, { status: 'DISABLED' });
    const nonce = freshNonce();
    const a = await call(t, 'POST', '/v1/client/login', { apiKey: other.apiKey, nonce, body: { username: 'u', password: 'p' } });
    expect([a.status, json(a).error.code]).toEqual([403, 'APP_DISABLED']);
    await expectSigned(a, await pin(otherJwks), otherJwks.keys[0].kid, nonce);
    // Each app signs with its own key: not with this app's.
    expect(await verifies(pinned, a)).toBe(false);
  });

  describe('Keyhold-Nonce: 8 to 128 characters of A-Z a-z 0-9 - _ . ~', () => {
    it.each([
      ['7 characters', 'Zq7Zq7Z'],
      ['129 characters', 'N'.repeat(129)],
      ['a space', 'nonce with spaces'],
      ['a double quote', 'nonce"quoted"value'],
      ['a comma', 'nonce,comma,value'],
      ['a plus and a slash', 'nonce+plus/slash'],
    ])('%s: 400 VALIDATION_FAILED, signed, the bad nonce not echoed', async (_name, bad) => {
      const a = await client('POST', 'login', { nonce: bad, body: { username: 'buyer', password: 'securepass', hwid: 'HW-1' } });
      expect(a.status).toBe(400);
      expect(json(a)).toMatchObject({ success: false, error: { code: 'VALIDATION_FAILED' } });
      await expectSigned(a, pinned, kid);
      expect(a.headers['signature-input']).not.toContain('nonce');
      expect(a.raw.toString('utf8')).not.toContain(bad);
      // The same on Axora.
      const ax = await axora(`${s.app.endpoint}+buyer+securepass+3.7.4`, { nonce: bad });
      expect(ax.status).toBe(400);
      await expectSigned(ax, pinned, kid);
      expect(ax.raw.toString('utf8')).not.toContain(bad);
    });

    it.each([
      ['8 characters', 'abcdefgh'],
      ['128 characters', 'x'.repeat(128)],
      ['every allowed character', 'AZaz09-_.~'],
    ])('%s: accepted and echoed', async (_name, nonce) => {
      const a = await client('POST', 'login', { nonce, body: { username: 'buyer', password: 'securepass', hwid: 'HW-1' } });
      expect(a.status).toBe(200);
      await expectSigned(a, pinned, kid, nonce);
    });

    it("a replayed answer carries the other request's nonce: a client checking its own nonce refuses it", async () => {
      const first = freshNonce();
      const a = await client('POST', 'login', { nonce: first, body: { username: 'buyer', password: 'securepass', hwid: 'HW-1' } });
      await expectSigned(a, pinned, kid, first);
      const second = freshNonce();
      // Genuine, but not an answer to a request that sent `second`...
      expect(a.headers['signature-input'].endsWith(`;nonce="${second}"`)).toBe(false);
      // ...and made to look like one, it no longer verifies.
      const relabelled = a.headers['signature-input'].replace(`nonce="${first}"`, `nonce="${second}"`);
      expect(await verifies(pinned, { ...a, headers: { ...a.headers, 'signature-input': relabelled } })).toBe(false);
    });
  });

  it('an answer for an unknown or missing API key is unsigned', async () => {
    for (const apiKey of [undefined, 'ak_unknown', 'x'.repeat(200)]) {
      const a = await call(t, 'POST', '/v1/client/login', {
        apiKey,
        nonce: freshNonce(),
        body: { username: 'buyer', password: 'securepass' },
      });
      expect([a.status, json(a).error.code]).toEqual([401, 'INVALID_KEY']);
      expectUnsigned(a);
    }
    const jwksAnswer = await call(t, 'GET', '/v1/client/jwks', { apiKey: 'ak_unknown' });
    expect(jwksAnswer.status).toBe(401);
    expectUnsigned(jwksAnswer);
  });

  it('seller routes are not signed, whatever the request carries', async () => {
    const asSeller = { authorization: `Bearer ${s.token}` };
    for (const path of [
      '/v1/admin/apps',
      `/v1/admin/apps/${s.app.id}`,
      `/v1/admin/apps/${s.app.id}/signing-keys`,
      '/v1/admin/users?appId=x',
    ]) {
      const a = await call(t, 'GET', path, { apiKey: s.app.apiKey, nonce: freshNonce(), headers: asSeller });
      expect(a.status).toBeLessThan(500);
      expectUnsigned(a);
    }
    const login = await call(t, 'POST', '/v1/auth/login', {
      apiKey: s.app.apiKey,
      nonce: freshNonce(),
      body: { email: 'x@example.com', password: 'nope' },
    });
    expect(login.status).toBeGreaterThanOrEqual(400);
    expectUnsigned(login);
  });

  describe('every covered component is covered', () => {
    let a: Answer;
    let nonce: string;
    beforeAll(async () => {
      nonce = freshNonce();
      a = await client('POST', 'login', { nonce, body: { username: 'buyer', password: 'securepass', hwid: 'HW-1' } });
      expect(a.status).toBe(200);
    });

    it('the genuine answer verifies', async () => {
      await expectSigned(a, pinned, kid, nonce);
    });

    it('any byte of the body changed', async () => {
      expect(a.raw.length).toBeGreaterThan(100);
      for (let i = 0; i < a.raw.length; i++) {
        const altered = Buffer.from(a.raw);
        altered[i] ^= 0x01;
        expect(await verifies(pinned, { ...a, raw: altered })).toBe(false);
      }
      expect(await verifies(pinned, { ...a, raw: Buffer.concat([a.raw, Buffer.from(' ')]) })).toBe(false);
      expect(await verifies(pinned, { ...a, raw: a.raw.subarray(0, -1) })).toBe(false);
    });

    it('the status', async () => {
      for (const status of [201, 204, 400, 401, 403, 404, 429, 500]) expect(await verifies(pinned, { ...a, status })).toBe(false);
    });

    it('the method', async () => {
      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD']) expect(await verifies(pinned, { ...a, method })).toBe(false);
    });

    it('the path', async () => {
      for (const path of [
        '/v1/client/register',
        '/v1/client/license',
        '/v1/client/logins',
        '/v1/client/login/',
        '/v1/client/Login',
        '/app/auth/login',
      ]) {
        expect(await verifies(pinned, { ...a, path })).toBe(false);
      }
    });

    it('the signature parameters and the signature', async () => {
      const input = a.headers['signature-input'];
      const created = Number(/;created=(\d+);/.exec(input)![1]);
      for (const changed of [
        input.replace(`created=${created}`, `created=${created - 1}`),
        input.replace(`nonce="${nonce}"`, `nonce="${freshNonce()}"`),
        input.replace(`;nonce="${nonce}"`, ''),
      ]) {
        expect(changed).not.toBe(input);
        expect(await verifies(pinned, { ...a, headers: { ...a.headers, 'signature-input': changed } })).toBe(false);
      }
      const sig = Buffer.from(/^keyhold=:(.+):$/.exec(a.headers.signature)![1], 'base64');
      sig[10] ^= 0x01;
      expect(await verifies(pinned, { ...a, headers: { ...a.headers, signature: `keyhold=:${sig.toString('base64')}:` } })).toBe(false);
    });

    it("another app's key", async () => {
      const other = await sellerWithApp(t.url, 'Other');
      const otherJwks = json(await call(t, 'GET', '/v1/client/jwks', { apiKey: other.app.apiKey })) as JsonWebKeySet;
      // Even under this answer's kid, another key does not verify it.
      const impostor = await pin({ keys: [{ ...otherJwks.keys[0], kid }] });
      expect(await verifies(impostor, a)).toBe(false);
    });
  });
});

describe('signed answers: a rate-limited answer (429) is signed too', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_CLIENT_PER_MIN: '3' });
  });
  afterAll(() => t.close());

  it('on the client API and on Axora', async () => {
    const s = await sellerWithApp(t.url);
    await s.client.apps.update(s.app.id, { hwidLock: false });
    const jwks = json(await call(t, 'GET', '/v1/client/jwks', { apiKey: s.app.apiKey })) as JsonWebKeySet;
    const pinned = await pin(jwks);
    const kid = jwks.keys[0].kid;

    const hit = (nonce: string) =>
      call(t, 'POST', '/v1/client/login', { apiKey: s.app.apiKey, nonce, body: { username: 'u', password: 'p' } });
    let limited: { a: Answer; nonce: string } | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const nonce = freshNonce();
      const a = await hit(nonce);
      if (a.status === 429) limited = { a, nonce };
      else await expectSigned(a, pinned, kid, nonce);
    }
    expect(limited).toBeDefined();
    expect(json(limited!.a)).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests, try again later' } });
    await expectSigned(limited!.a, pinned, kid, limited!.nonce);

    let axoraLimited: { a: Answer; nonce: string } | undefined;
    for (let i = 0; i < 10 && !axoraLimited; i++) {
      const nonce = freshNonce();
      const a = await call(t, 'GET', `/app/auth/${s.app.endpoint}+u+wrong+1.0.0`, { nonce });
      if (a.status === 429) axoraLimited = { a, nonce };
      else await expectSigned(a, pinned, kid, nonce);
    }
    expect(axoraLimited).toBeDefined();
    expect(json(axoraLimited!.a)).toEqual({ authenticated: false, message: 'Too many requests, try again later' });
    await expectSigned(axoraLimited!.a, pinned, kid, axoraLimited!.nonce);
  });
});
