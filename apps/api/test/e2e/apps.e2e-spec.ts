import { createTestApp, TestApp } from '../utils/test-app';
import { sellerWithApp } from '../factories/sellers';

describe('apps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

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
    const updated = await s.client.apps.update(s.app.id, {
      name: 'Renamed',
      version: '2.0.0',
      status: 'DISABLED',
      enforceVersion: true,
      hwidLock: false,
      registrationEnabled: false,
    });
    expect(updated).toMatchObject({
      name: 'Renamed',
      version: '2.0.0',
      status: 'DISABLED',
      enforceVersion: true,
      hwidLock: false,
      registrationEnabled: false,
    });
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
    const res = await t.http
      .patch(`/v1/admin/apps/${s.app.id}`)
      .set('authorization', `Bearer ${s.token}`)
      .send({ status: 'PAUSED', hwidLock: 'yes' })
      .expect(400);
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
