import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** A key redeemed by a registration stays bound to its user's access (contract: Hardening). */
describe('Redeemed keys', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url, 'Bound keys');
    await s.client.apps.update(s.app.id, { hwidLock: false });
  });
  afterAll(() => t.close());

  const client = (path: string, body: object, token?: string) => {
    const r = t.http.post(`/v1/client/${path}`).set('x-api-key', s.app.apiKey);
    if (token) r.set('authorization', `Bearer ${token}`);
    return r.send(body);
  };
  const session = (token: string) =>
    t.http.get('/v1/client/session').set('x-api-key', s.app.apiKey).set('authorization', `Bearer ${token}`);
  const axora = (username: string, password: string) => t.http.get(`/app/auth/${s.app.endpoint}+${username}+${password}+1.0.0`);
  const licenseOf = async (key: string) => (await s.client.licenses.list({ appId: s.app.id, q: key })).data[0];

  /** A user registered with a fresh key, with an open session. */
  async function registered(username: string) {
    const [key] = await keys(s);
    const res = await client('register', { username, password: 'pw', licenseKey: key }).expect(200);
    return { key, token: res.body.data.token as string, userId: res.body.data.user.id as string };
  }

  it("finds the key a user redeemed by the user's id, whatever its username looks like; a malformed id is 400", async () => {
    const al = await registered('al');
    const alex = await registered('alex'); // "al" is part of this name: a search by name would find both
    const byId = (userId: string) => s.client.licenses.list({ appId: s.app.id, userId });
    expect((await byId(al.userId)).data.map((l) => l.key)).toEqual([al.key]);
    expect((await byId(alex.userId)).data.map((l) => l.key)).toEqual([alex.key]);
    expect((await byId('usr_00000000000000000000000000000000')).data).toEqual([]);
    await t.http.get(`/v1/admin/licenses?appId=${s.app.id}&userId=al`).set('authorization', `Bearer ${s.token}`).expect(400);
  });

  it('banning the key blocks its user on the Authon routes and Axora, and ends the user’s sessions', async () => {
    const r = await registered('ban-me');
    await session(r.token).expect(200);
    const license = await licenseOf(r.key);
    await s.client.licenses.update(license.id, { banned: true, banReason: 'chargeback' });

    const login = await client('login', { username: 'ban-me', password: 'pw' });
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('LICENSE_BANNED');
    expect((await session(r.token)).status).toBe(401);
    const ax = await axora('ban-me', 'pw');
    expect(ax.status).toBe(401);
    expect(ax.body).toEqual({ authenticated: false, message: 'Credential disabled or invalid' });

    // Unbanning the key gives the user back its access.
    await s.client.licenses.update(license.id, { banned: false });
    await client('login', { username: 'ban-me', password: 'pw' }).expect(200);
    await axora('ban-me', 'pw').expect(200);
  });

  it('a key stays used after its user is deleted: register and license login answer 409 LICENSE_USED', async () => {
    const r = await registered('delete-me');
    await s.client.users.remove(r.userId);
    const license = await licenseOf(r.key);
    expect(license.status).toBe('used');
    expect(license.usedBy).toBeNull();

    const again = await client('register', { username: 'thief', password: 'pw', licenseKey: r.key });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LICENSE_USED');
    const keyOnly = await client('license', { licenseKey: r.key });
    expect(keyOnly.status).toBe(409);
    expect(keyOnly.body.error.code).toBe('LICENSE_USED');
    const [{ n }] = await t.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM sessions WHERE license_id = $1', [fromPublicId('license', license.id)]);
    expect(n).toBe(0);
  });

  it('deleting a redeemed key deletes the user who registered with it, and its sessions', async () => {
    const r = await registered('goes-with-key');
    const license = await licenseOf(r.key);
    await s.client.licenses.remove(license.id);

    expect((await session(r.token)).status).toBe(401);
    const login = await client('login', { username: 'goes-with-key', password: 'pw' });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('INVALID_CREDENTIALS');
    const users = await s.client.users.list({ appId: s.app.id, q: 'goes-with-key' });
    expect(users.data).toEqual([]);
    const [deleted] = await t.app
      .get(DataSource)
      .query<Array<{ data: Record<string, unknown> }>>(
        `SELECT data FROM events WHERE app_id = $1 AND name = 'license.delete' ORDER BY seq DESC LIMIT 1`,
        [fromPublicId('app', s.app.id)],
      );
    expect(deleted.data).toMatchObject({ licenseId: license.id, key: r.key, userId: r.userId });
  });

  it('deleting a key used by license login alone leaves every user alone', async () => {
    const bystander = await registered('bystander');
    const [key] = await keys(s);
    await client('license', { licenseKey: key }).expect(200);
    await s.client.licenses.remove((await licenseOf(key)).id);
    await client('login', { username: 'bystander', password: 'pw' }).expect(200);
    await session(bystander.token).expect(200);
  });
});
