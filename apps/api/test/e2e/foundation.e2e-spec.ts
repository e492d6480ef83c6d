import { createTestApp, TestApp } from '../utils/test-app';
import { sellerWithApp } from '../factories/sellers';

describe('foundation: envelope, sellers, apps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('health and docs', () => {
    it('GET /health checks the database', async () => {
      const res = await t.http.get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up' });
    });

    it('serves the OpenAPI spec with every module documented', async () => {
      const res = await t.http.get('/docs/openapi.json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/auth/register', '/v1/admin/apps', '/v1/admin/apps/{id}']));
      const html = await t.http.get('/docs').redirects(1).expect(200);
      expect(html.text).toContain('swagger');
    });
  });

  describe('error envelope', () => {
    it('unknown route: 404 NOT_FOUND in the envelope', async () => {
      const res = await t.http.get('/v1/does-not-exist').expect(404);
      expect(res.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Route GET /v1/does-not-exist does not exist' } });
    });

    it('malformed JSON: 400 BAD_REQUEST, not an HTML page', async () => {
      const res = await t.http.post('/v1/auth/login').set('content-type', 'application/json').send('{"email": ').expect(400);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    });

    it('oversized body: 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await t.http
        .post('/v1/auth/login')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ email: 'a'.repeat(2 * 1024 * 1024) }))
        .expect(413);
      expect(res.body).toEqual({ success: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' } });
    });

    it('validation failure names each field', async () => {
      const res = await t.http.post('/v1/auth/register').send({ email: 'not-an-email', password: 3, name: '' }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const fields = res.body.error.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'name']));
    });

    it('unknown fields are rejected on seller routes', async () => {
      const res = await t.http
        .post('/v1/auth/register')
        .send({ email: 'x@example.com', password: 'long enough', name: 'X', admin: true })
        .expect(400);
      expect(res.body.error.details).toEqual([{ field: 'admin', reason: 'property admin should not exist' }]);
    });

    it('a JSON array or scalar body is a validation failure, not a crash', async () => {
      const res = await t.http.post('/v1/auth/login').set('content-type', 'application/json').send('[1,2]').expect(400);
      expect(res.body.success).toBe(false);
      const scalar = await t.http.post('/v1/auth/login').set('content-type', 'application/json').send('"x"');
      expect(scalar.status).toBe(400);
    });
  });

  describe('sellers', () => {
    it('register, login, me', async () => {
      const reg = await t.http.post('/v1/auth/register').send({ email: 'Owner@Example.com', password: 'password123', name: 'Owner' }).expect(201);
      expect(reg.body.data.seller).toEqual({ id: expect.stringMatching(/^sel_[0-9a-f]{32}$/), email: 'owner@example.com', name: 'Owner', createdAt: expect.any(String) });
      expect(JSON.stringify(reg.body)).not.toMatch(/password/i);

      const login = await t.http.post('/v1/auth/login').send({ email: 'owner@example.com', password: 'password123' }).expect(200);
      const me = await t.http.get('/v1/auth/me').set('authorization', `Bearer ${login.body.data.token}`).expect(200);
      expect(me.body.data.seller.id).toBe(reg.body.data.seller.id);
    });

    it('a second account with the same email is 409 EMAIL_TAKEN', async () => {
      await t.http.post('/v1/auth/register').send({ email: 'dup@example.com', password: 'password123', name: 'A' }).expect(201);
      const res = await t.http.post('/v1/auth/register').send({ email: 'DUP@example.com', password: 'password123', name: 'B' }).expect(409);
      expect(res.body.error.code).toBe('EMAIL_TAKEN');
    });

    it('wrong password and unknown email get the same 401 INVALID_CREDENTIALS', async () => {
      await t.http.post('/v1/auth/register').send({ email: 'pw@example.com', password: 'password123', name: 'A' }).expect(201);
      const wrong = await t.http.post('/v1/auth/login').send({ email: 'pw@example.com', password: 'nope-nope' }).expect(401);
      const unknown = await t.http.post('/v1/auth/login').send({ email: 'ghost@example.com', password: 'nope-nope' }).expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('missing, malformed and forged tokens are 401 UNAUTHORIZED', async () => {
      for (const header of [undefined, 'Bearer nonsense', 'Basic abc', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln']) {
        const req = t.http.get('/v1/auth/me');
        if (header) req.set('authorization', header);
        const res = await req.expect(401);
        expect(res.body.error.code).toBe('UNAUTHORIZED');
      }
    });
  });

  describe('apps', () => {
    it('create shows the secret once; list has the seed item shape', async () => {
      const s = await sellerWithApp(t.url, 'My App');
      expect(s.app.apiSecret).toMatch(/^as_/);
      expect(s.app.endpoint).toMatch(/^[A-Za-z0-9]{20}$/);
      const res = await t.http.get('/v1/admin/apps').set('authorization', `Bearer ${s.token}`).expect(200);
      expect(res.body.success).toBe(true);
      expect(res.body.data).toHaveLength(1);
      expect(res.body.meta).toEqual({ total: 1, page: 1, limit: 1 });
      const item = res.body.data[0];
      expect(item).toMatchObject({
        id: s.app.id,
        name: 'My App',
        apiKey: expect.stringMatching(/^ak_/),
        version: '1.0.0',
        status: 'ACTIVE',
        _count: { appUsers: 0, licenses: 0 },
      });
      expect(item).not.toHaveProperty('apiSecret');
      expect(JSON.stringify(res.body)).not.toContain(s.app.apiSecret);
    });

    it('update settings and status, rotate the key, regenerate the endpoint, delete', async () => {
      const s = await sellerWithApp(t.url);
      const updated = await s.client.apps.update(s.app.id, { name: 'Renamed', version: '2.0.0', status: 'DISABLED', enforceVersion: true, hwidLock: false, registrationEnabled: false });
      expect(updated).toMatchObject({ name: 'Renamed', version: '2.0.0', status: 'DISABLED', enforceVersion: true, hwidLock: false, registrationEnabled: false });
      const rotated = await s.client.apps.rotateKey(s.app.id);
      expect(rotated.apiKey).not.toBe(s.app.apiKey);
      const regenerated = await s.client.apps.regenerateEndpoint(s.app.id);
      expect(regenerated.endpoint).not.toBe(s.app.endpoint);
      await expect(s.client.apps.remove(s.app.id)).resolves.toEqual({ id: s.app.id, deleted: true });
      await expect(s.client.apps.get(s.app.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });

    it('a partial update changes only what was sent, and answers the whole app', async () => {
      const s = await sellerWithApp(t.url, 'Partial');
      const updated = await s.client.apps.update(s.app.id, { version: '1.2.3' });
      expect(updated).toMatchObject({ name: 'Partial', version: '1.2.3', status: 'ACTIVE', hwidLock: true, registrationEnabled: true });
      expect(await s.client.apps.get(s.app.id)).toEqual(updated);
    });

    it('rejects bad settings without changing anything', async () => {
      const s = await sellerWithApp(t.url);
      const res = await t.http.patch(`/v1/admin/apps/${s.app.id}`).set('authorization', `Bearer ${s.token}`).send({ status: 'PAUSED', hwidLock: 'yes' }).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['hwidLock', 'status']);
      expect(await s.client.apps.get(s.app.id)).toMatchObject({ status: 'ACTIVE', hwidLock: true });
    });

    it('malformed and unknown ids are 404', async () => {
      const s = await sellerWithApp(t.url);
      for (const id of ['nope', 'app_123', 'usr_' + '0'.repeat(32), 'app_' + '0'.repeat(32)]) {
        const res = await t.http.get(`/v1/admin/apps/${id}`).set('authorization', `Bearer ${s.token}`).expect(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
    });

    it("tenant isolation: another seller's app is 404 to read, change, rotate and delete", async () => {
      const a = await sellerWithApp(t.url, 'A app');
      const b = await sellerWithApp(t.url, 'B app');
      expect((await b.client.apps.list()).map((x) => x.id)).toEqual([b.app.id]);
      const auth = { authorization: `Bearer ${b.token}` };
      await t.http.get(`/v1/admin/apps/${a.app.id}`).set(auth).expect(404);
      await t.http.patch(`/v1/admin/apps/${a.app.id}`).set(auth).send({ name: 'hijack' }).expect(404);
      await t.http.post(`/v1/admin/apps/${a.app.id}/rotate-key`).set(auth).expect(404);
      await t.http.post(`/v1/admin/apps/${a.app.id}/regenerate-endpoint`).set(auth).expect(404);
      await t.http.delete(`/v1/admin/apps/${a.app.id}`).set(auth).expect(404);
      expect(await a.client.apps.get(a.app.id)).toMatchObject({ name: 'A app', apiKey: a.app.apiKey, endpoint: a.app.endpoint });
    });
  });
});
