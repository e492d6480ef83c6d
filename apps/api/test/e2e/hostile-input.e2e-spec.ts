import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { credential, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** `{"x":[[[…]]]}` with `depth` levels of arrays and objects in all. */
const nested = (depth: number) => `{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

describe('Hostile input: answered with a clear 4xx, never a 500, never a stopped process', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url, 'Hardened');
  });
  afterAll(() => t.close());

  const db = () => t.app.get(DataSource);
  const seller = (method: 'patch' | 'post', path: string) => t.http[method](path).set('authorization', `Bearer ${s.token}`);
  /** A POST of exactly these bytes (fetch, not supertest: supertest re-encodes a compressed Buffer). */
  const raw = async (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) };
  };

  describe('nesting', () => {
    it.each([33, 1_000, 5_000, 100_000])(
      'a body nested %i levels deep answers 400 BAD_REQUEST on public and seller routes',
      async (depth) => {
        for (const path of ['/v1/auth/login', '/health', '/v1/admin/apps']) {
          const res = await raw(path, nested(depth), { authorization: `Bearer ${s.token}` });
          expect(res.status).toBe(400);
          expect(res.body.error).toEqual({ code: 'BAD_REQUEST', message: 'JSON body is nested deeper than 32 levels' });
        }
        await t.http.get('/health').expect(200);
      },
    );

    it('32 levels are parsed (and then validated)', async () => {
      const res = await raw('/v1/auth/login', nested(32));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('brackets inside strings do not count as depth', async () => {
      const res = await raw('/v1/auth/login', JSON.stringify({ email: 'a@example.com', password: '[['.repeat(20) + '\\"{{' }));
      expect(res.status).toBe(401);
    });
  });

  describe('encodings', () => {
    it('gzip that is not gzip, brotli that is not brotli, and an unknown encoding answer 400 BAD_REQUEST', async () => {
      for (const encoding of ['gzip', 'br', 'deflate', 'x-unknown']) {
        const res = await raw('/v1/auth/login', Buffer.from('definitely not compressed'), { 'content-encoding': encoding });
        expect({ encoding, status: res.status, code: res.body.error?.code }).toEqual({ encoding, status: 400, code: 'BAD_REQUEST' });
      }
    });

    it('real gzip is read', async () => {
      const body = gzipSync(JSON.stringify({ email: 'nobody@example.com', password: 'wrong password' }));
      const res = await raw('/v1/auth/login', body, { 'content-encoding': 'gzip' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('a gzip bomb is cut at the body limit (counted after decompression): 413', async () => {
      const bomb = gzipSync(`{"email":"${'a'.repeat(3 * 1024 * 1024)}"}`);
      expect(bomb.length).toBeLessThan(100_000);
      const res = await raw('/v1/auth/login', bomb, { 'content-encoding': 'gzip' });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('strings PostgreSQL cannot store', () => {
    it('a lone surrogate answers 400 VALIDATION_FAILED naming the field, on sign-up and login', async () => {
      for (const path of ['/v1/auth/register', '/v1/auth/login']) {
        const res = await raw(path, '{"email":"x\\ud800@example.com","password":"correct horse","name":"X"}');
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details).toEqual([{ field: 'email', reason: expect.stringContaining('lone surrogate') }]);
      }
    });

    it('in a nested value or a key too, while a real surrogate pair (an emoji) is fine', async () => {
      const bad = await raw(
        '/v1/admin/resellers',
        '{"username":"abc","password":"12345678","appIds":[],"subscriptions":["\\udc00"],"prices":[]}',
        {
          authorization: `Bearer ${s.token}`,
        },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].field).toBe('subscriptions[0]');
      const key = await raw('/v1/auth/login', '{"\\ud800":1}');
      expect(key.body.error.code).toBe('VALIDATION_FAILED');
      const emoji = await seller('patch', `/v1/admin/apps/${s.app.id}`).send({ name: 'Hardened \u{1F512}' }).expect(200);
      expect(emoji.body.data.name).toBe('Hardened \u{1F512}');
    });

    it('a NUL character answers 400 BAD_REQUEST', async () => {
      const res = await raw('/v1/auth/login', '{"email":"a\\u0000@example.com","password":"x"}');
      expect(res.body.error).toEqual({ code: 'BAD_REQUEST', message: 'Request body contains a NUL character' });
    });
  });

  describe('reserved keys count as unknown fields', () => {
    it.each(['constructor', 'prototype', '__proto__'])('%s is refused on seller routes, top level and nested', async (key) => {
      const top = await raw(
        `/v1/admin/licenses/generate`,
        `{"appId":"${s.app.id}","count":1,"durationDays":1,"subscription":"x","${key}":{}}`,
        {
          authorization: `Bearer ${s.token}`,
        },
      );
      expect(top.status).toBe(400);
      expect(top.body.error.details).toEqual([{ field: key, reason: `property ${key} should not exist` }]);
      const deep = await raw(
        '/v1/admin/resellers',
        `{"username":"abc","password":"12345678","appIds":[],"subscriptions":[],"prices":[{"durationDays":1,"credits":1,"${key}":1}]}`,
        { authorization: `Bearer ${s.token}` },
      );
      expect(deep.status).toBe(400);
      expect(deep.body.error.details).toEqual([{ field: `prices[0].${key}`, reason: `property ${key} should not exist` }]);
      const [{ n }] = await db().query('SELECT count(*)::int AS n FROM licenses WHERE app_id = $1', [fromPublicId('app', s.app.id)]);
      expect(n).toBe(0);
    });

    it('client routes ignore them like any unknown field', async () => {
      await credential(s, 'proto-user', 'pw');
      const res = await raw(
        '/v1/client/login',
        '{"username":"proto-user","password":"pw","constructor":{"x":1},"__proto__":{"admin":true}}',
        {
          'x-api-key': s.app.apiKey,
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.data.user.username).toBe('proto-user');
    });
  });

  describe('explicit null', () => {
    it.each([['name'], ['version'], ['enforceVersion'], ['hwidLock'], ['registrationEnabled'], ['status']])(
      'PATCH app {%s: null} answers 400 VALIDATION_FAILED and changes nothing',
      async (field) => {
        const before = (await seller('patch', `/v1/admin/apps/${s.app.id}`).send({}).expect(200)).body.data;
        const res = await seller('patch', `/v1/admin/apps/${s.app.id}`).send({ [field]: null });
        expect(res.status).toBe(400);
        expect(res.body.error.details).toEqual([{ field, reason: `${field} cannot be null` }]);
        const after = (await seller('patch', `/v1/admin/apps/${s.app.id}`).send({}).expect(200)).body.data;
        expect(after).toEqual(before);
      },
    );

    it('on users, licenses, resellers, webhooks and files the non-clearable fields refuse null', async () => {
      const user = await credential(s, 'null-user', 'pw');
      const [key] = await keys(s);
      const { data: list } = await s.client.licenses.list({ appId: s.app.id, q: key });
      const cases: Array<[string, Record<string, null>]> = [
        [`/v1/admin/users/${user.id}`, { banned: null }],
        [`/v1/admin/users/${user.id}`, { password: null }],
        [`/v1/admin/users/${user.id}`, { resetHwid: null }],
        [`/v1/admin/licenses/${list[0].id}`, { banned: null }],
        [`/v1/admin/licenses/${list[0].id}`, { resetHwid: null }],
        [`/v1/admin/resellers/rsl_00000000000000000000000000000000`, { status: null }],
        [`/v1/admin/webhooks/wh_00000000000000000000000000000000`, { events: null }],
        [`/v1/admin/webhooks/wh_00000000000000000000000000000000`, { enabled: null }],
        [`/v1/admin/files/file_00000000000000000000000000000000`, { name: null }],
      ];
      for (const [path, body] of cases) {
        const res = await seller('patch', path).send(body);
        expect({ path, body, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          body,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    });

    it('clears the fields that can be empty: expiry, note, ban reason, a user subscription', async () => {
      const user = await credential(s, 'clear-user', 'pw', { subscription: 'gold', expiresAt: '2099-01-01T00:00:00Z' });
      const cleared = await seller('patch', `/v1/admin/users/${user.id}`).send({ subscription: null, expiresAt: null }).expect(200);
      expect(cleared.body.data).toMatchObject({ subscription: null, expiresAt: null });
      const [key] = await keys(s);
      const { data } = await s.client.licenses.list({ appId: s.app.id, q: key });
      await seller('patch', `/v1/admin/licenses/${data[0].id}`)
        .send({ note: 'n', banned: true, banReason: 'r', expiresAt: '2099-01-01T00:00:00Z' })
        .expect(200);
      const res = await seller('patch', `/v1/admin/licenses/${data[0].id}`)
        .send({ note: null, banReason: null, expiresAt: null })
        .expect(200);
      expect(res.body.data).toMatchObject({ note: null, banReason: null, expiresAt: null, banned: true });
    });
  });

  describe('passwords longer than bcrypt reads (72 bytes) are refused, not cut', () => {
    const euro72 = '€'.repeat(24); // 72 bytes
    const euro73 = `${euro72}a`;

    it('seller sign-up and login, reseller creation, user creation and change, client register and login', async () => {
      const user = await credential(s, 'long-pw', 'pw');
      const [key] = await keys(s);
      const api = { 'x-api-key': s.app.apiKey };
      const cases: Array<[string, string, object, Record<string, string>]> = [
        ['post', '/v1/auth/register', { email: 'long@example.com', password: euro73, name: 'L' }, {}],
        ['post', '/v1/auth/login', { email: 'long@example.com', password: euro73 }, {}],
        [
          'post',
          '/v1/admin/resellers',
          { username: 'longpw', password: euro73, appIds: [], subscriptions: [], prices: [] },
          { authorization: `Bearer ${s.token}` },
        ],
        ['post', '/v1/admin/users', { appId: s.app.id, username: 'long2', password: euro73 }, { authorization: `Bearer ${s.token}` }],
        ['patch', `/v1/admin/users/${user.id}`, { password: euro73 }, { authorization: `Bearer ${s.token}` }],
        ['post', '/v1/client/register', { username: 'long3', password: euro73, licenseKey: key }, api],
        ['post', '/v1/client/login', { username: 'long-pw', password: euro73 }, api],
        ['post', '/v1/reseller/auth/login', { sellerId: s.auth.seller.id, username: 'whoever', password: euro73 }, {}],
      ];
      for (const [method, path, body, headers] of cases) {
        const r = (method === 'post' ? t.http.post(path) : t.http.patch(path)).set(headers);
        const res = await r.send(body);
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
      }
      // Nothing was created or changed by any of them.
      await t.http.post('/v1/client/login').set(api).send({ username: 'long-pw', password: 'pw' }).expect(200);
      await t.http.post('/v1/client/license').set(api).send({ licenseKey: key }).expect(200);
    });

    it('exactly 72 bytes works end to end, and a longer password never matches on Axora', async () => {
      await t.http
        .post('/v1/admin/users')
        .set('authorization', `Bearer ${s.token}`)
        .send({ appId: s.app.id, username: 'euro', password: euro72 })
        .expect(201);
      await t.http.post('/v1/client/login').set('x-api-key', s.app.apiKey).send({ username: 'euro', password: euro72 }).expect(200);
      await seller('patch', `/v1/admin/apps/${s.app.id}`).send({ hwidLock: false, enforceVersion: false }).expect(200);
      const ok = await t.http.get(`/app/auth/${s.app.endpoint}+euro+${encodeURIComponent(euro72)}+1.0.0`);
      expect(ok.status).toBe(200);
      const longer = await t.http.get(`/app/auth/${s.app.endpoint}+euro+${encodeURIComponent(euro73)}+1.0.0`);
      expect(longer.status).toBe(401);
    });
  });

  it('an array of 10,000 wrong items answers with the first 50 field errors, not 10,000', async () => {
    const prices = Array.from({ length: 10_000 }, () => ({ durationDays: 'x', credits: -1 }));
    const res = await raw(
      '/v1/admin/resellers',
      JSON.stringify({ username: 'many', password: '12345678', appIds: [], subscriptions: [], prices }),
      {
        authorization: `Bearer ${s.token}`,
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toHaveLength(50);
  });

  it('the process is still serving after all of the above', async () => {
    await t.http.get('/health').expect(200);
  });
});
