import { credential, keys } from '../factories/client';
import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** Another seller's users, keys and blacklist entries: 404 to read, list, change and delete. */
describe('tenant isolation: users, licenses, blacklist', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("seller B can neither read, list, change nor delete seller A's records", async () => {
    const a = await sellerWithApp(t.url, 'A');
    const b = await sellerWithApp(t.url, 'B');
    const user = await credential(a, 'alice', 'securepass');
    await keys(a, 2);
    const license = (await a.client.licenses.list({ appId: a.app.id })).data[0];
    const entry = await a.client.blacklist.add({ appId: a.app.id, type: 'ip', value: '203.0.113.0/24' });
    const asB = { authorization: `Bearer ${b.token}` };
    const expect404 = async (req: { expect: (s: number) => Promise<{ body: { error: { code: string } } }> }) =>
      expect((await req.expect(404)).body.error.code).toBe('NOT_FOUND');

    // Lists scoped to A's app
    await expect404(t.http.get(`/v1/admin/users?appId=${a.app.id}`).set(asB));
    await expect404(t.http.get(`/v1/admin/licenses?appId=${a.app.id}`).set(asB));
    await expect404(t.http.get(`/v1/admin/licenses/export?appId=${a.app.id}`).set(asB));
    await expect404(t.http.get(`/v1/admin/blacklist?appId=${a.app.id}`).set(asB));
    // Writes into A's app
    await expect404(t.http.post('/v1/admin/users').set(asB).send({ appId: a.app.id, username: 'mallory', password: 'securepass' }));
    await expect404(
      t.http.post('/v1/admin/licenses/generate').set(asB).send({ appId: a.app.id, count: 1, durationDays: null, subscription: 'x' }),
    );
    await expect404(t.http.post('/v1/admin/blacklist').set(asB).send({ appId: a.app.id, type: 'hwid', value: 'X' }));
    // A's records by id
    await expect404(t.http.get(`/v1/admin/users/${user.id}`).set(asB));
    await expect404(t.http.patch(`/v1/admin/users/${user.id}`).set(asB).send({ banned: true }));
    await expect404(t.http.delete(`/v1/admin/users/${user.id}`).set(asB));
    await expect404(t.http.get(`/v1/admin/licenses/${license.id}`).set(asB));
    await expect404(t.http.patch(`/v1/admin/licenses/${license.id}`).set(asB).send({ banned: true }));
    await expect404(t.http.delete(`/v1/admin/licenses/${license.id}`).set(asB));
    await expect404(t.http.delete(`/v1/admin/blacklist/${entry.id}`).set(asB));

    // Nothing of A's changed.
    expect(await a.client.users.get(user.id)).toMatchObject({ banned: false, username: 'alice' });
    expect(await a.client.licenses.get(license.id)).toMatchObject({ banned: false });
    expect((await a.client.licenses.list({ appId: a.app.id })).meta.total).toBe(2);
    expect((await a.client.users.list({ appId: a.app.id })).meta.total).toBe(1);
    expect(await a.client.blacklist.list(a.app.id)).toEqual([entry]);
  });
});
