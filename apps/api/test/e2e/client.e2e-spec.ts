import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { KeyholdError } from '@keyhold/sdk';
import { LicenseExpirySweeper } from '../../src/licenses/license-expiry.sweeper';
import { credential, endUser, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { eventsOf } from '../utils/events';
import { createTestApp, TestApp } from '../utils/test-app';

const PAST = '2020-01-01T00:00:00Z';

describe('client API (Authon)', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
  });

  const post = (path: string, body: object, apiKey = s.app.apiKey) => t.http.post(`/v1/client/${path}`).set('x-api-key', apiKey).send(body);

  describe('version: the app\'s "enforce version" on the client routes', () => {
    const UPDATE = { success: false, error: { code: 'UPDATE_REQUIRED', message: 'Update required. Current version: 2.1.0' } };
    const enforce = () => s.client.apps.update(s.app.id, { version: '2.1.0', enforceVersion: true });

    it('426 UPDATE_REQUIRED for another version or none, on login, register and license login, and nothing changes', async () => {
      await credential(s);
      const [regKey, licKey] = await keys(s, 2);
      await enforce();
      const attempts: Array<[string, object]> = [
        ['login', { username: 'testuser', password: 'securepass', hwid: 'PC-1' }],
        ['register', { username: 'newuser', password: 'securepass', licenseKey: regKey, hwid: 'PC-1' }],
        ['license', { licenseKey: licKey, hwid: 'PC-1' }],
      ];
      for (const [path, body] of attempts) {
        for (const version of [undefined, '2.0.9', '2.1.0 ']) {
          const res = await post(path, version === undefined ? body : { ...body, version }).expect(426);
          expect(res.body).toEqual(UPDATE);
        }
      }
      // Refused before anything was kept: no hardware id bound, no key used, no user made, no session.
      const users = await s.client.users.list({ appId: s.app.id });
      expect(users.data.map((u) => [u.username, u.hwid])).toEqual([['testuser', null]]);
      const licenses = await s.client.licenses.list({ appId: s.app.id });
      expect(licenses.data.map((l) => l.status)).toEqual(['unused', 'unused']);
      // The right version passes all three.
      for (const [path, body] of attempts) await post(path, { ...body, version: '2.1.0' }).expect(200);
    });

    it('checks credentials first: a wrong password or an unknown key is still 401 whatever the version', async () => {
      await credential(s);
      await enforce();
      expect((await post('login', { username: 'testuser', password: 'nope', version: '1.0' }).expect(401)).body.error.code).toBe(
        'INVALID_CREDENTIALS',
      );
      expect((await post('license', { licenseKey: 'NOPE', version: '1.0' }).expect(401)).body.error.code).toBe('INVALID_LICENSE');
    });

    it('with enforcement off the version is accepted whatever it is, and an over-long one is a validation error', async () => {
      await credential(s);
      await post('login', { username: 'testuser', password: 'securepass', version: '0.0.1' }).expect(200);
      const res = await post('login', { username: 'testuser', password: 'securepass', version: 'x'.repeat(65) }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('the seed error table, row by row', () => {
    it('401 INVALID_KEY: missing, unknown and rotated X-Api-Key', async () => {
      for (const req of [
        t.http.post('/v1/client/login').send({ username: 'a', password: 'b' }),
        post('login', { username: 'a', password: 'b' }, 'ak_unknown'),
      ]) {
        const res = await req.expect(401);
        expect(res.body).toEqual({ success: false, error: { code: 'INVALID_KEY', message: 'API key is missing or invalid' } });
      }
      await s.client.apps.rotateKey(s.app.id);
      expect((await post('login', { username: 'a', password: 'b' }).expect(401)).body.error.code).toBe('INVALID_KEY');
    });

    it('401 INVALID_CREDENTIALS: the same answer for an unknown user and a wrong password', async () => {
      await credential(s, 'testuser', 'securepass');
      const wrong = await post('login', { username: 'testuser', password: 'nope' }).expect(401);
      const unknown = await post('login', { username: 'ghost', password: 'nope' }).expect(401);
      expect(wrong.body).toEqual({ success: false, error: { code: 'INVALID_CREDENTIALS', message: 'Username or password is incorrect' } });
      expect(unknown.body).toEqual(wrong.body);
    });

    it('403 HWID_MISMATCH: the first login binds the hardware id, another one is refused', async () => {
      await credential(s);
      const first = await post('login', { username: 'testuser', password: 'securepass', hwid: 'ABCD-1234-EFGH' }).expect(200);
      expect(first.body.data.user.hwid).toBe('ABCD-1234-EFGH');
      await post('login', { username: 'testuser', password: 'securepass', hwid: 'ABCD-1234-EFGH' }).expect(200);
      const other = await post('login', { username: 'testuser', password: 'securepass', hwid: 'OTHER-PC' }).expect(403);
      expect(other.body).toEqual({
        success: false,
        error: { code: 'HWID_MISMATCH', message: 'Hardware ID does not match registered device' },
      });
      // No hardware id at all, for a bound user, is a mismatch too.
      expect((await post('login', { username: 'testuser', password: 'securepass' }).expect(403)).body.error.code).toBe('HWID_MISMATCH');
    });

    it('403 BLACKLISTED: an IP, a CIDR range, and a hardware id', async () => {
      await credential(s);
      const entry = await s.client.blacklist.add({ appId: s.app.id, type: 'hwid', value: 'BAD-PC', reason: 'chargeback' });
      const res = await post('login', { username: 'testuser', password: 'securepass', hwid: 'BAD-PC' }).expect(403);
      expect(res.body).toEqual({ success: false, error: { code: 'BLACKLISTED', message: 'User IP or HWID is blacklisted' } });
      await s.client.blacklist.remove(entry.id);
      await post('login', { username: 'testuser', password: 'securepass', hwid: 'BAD-PC' }).expect(200);

      const range = await s.client.blacklist.add({ appId: s.app.id, type: 'ip', value: '127.0.0.0/8' });
      expect(range.value).toBe('127.0.0.0/8');
      for (const path of ['login', 'register', 'license']) {
        const r = await post(path, { username: 'testuser', password: 'securepass', licenseKey: 'X', hwid: 'BAD-PC' }).expect(403);
        expect(r.body.error.code).toBe('BLACKLISTED');
      }
      // The same entry twice is a conflict (409), however it is written (the stored network is compared).
      for (const value of ['127.0.0.0/8', '127.1.2.3/8']) {
        const dup = await t.http
          .post('/v1/admin/blacklist')
          .set({ authorization: `Bearer ${s.token}` })
          .send({ appId: s.app.id, type: 'ip', value })
          .expect(409);
        expect(dup.body).toEqual({ success: false, error: { code: 'CONFLICT', message: '127.0.0.0/8 is already blacklisted' } });
      }
      expect((await s.client.blacklist.list(s.app.id)).map((e) => e.value)).toEqual(['127.0.0.0/8']);
      await s.client.blacklist.remove(range.id);
      await s.client.blacklist.add({ appId: s.app.id, type: 'ip', value: '127.0.0.1' });
      expect((await post('login', { username: 'testuser', password: 'securepass', hwid: 'BAD-PC' }).expect(403)).body.error.code).toBe(
        'BLACKLISTED',
      );
    });

    it('403 LICENSE_EXPIRED: once expiresAt has passed', async () => {
      const u = await credential(s);
      await s.client.users.update(u.id, { expiresAt: PAST });
      const res = await post('login', { username: 'testuser', password: 'securepass' }).expect(403);
      expect(res.body).toEqual({ success: false, error: { code: 'LICENSE_EXPIRED', message: 'License key has expired' } });
    });

    it('404 NOT_FOUND: unknown routes and ids', async () => {
      const res = await t.http.get('/v1/client/no-such-route').set('x-api-key', s.app.apiKey).expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      const lic = await t.http
        .get('/v1/admin/licenses/lic_' + '0'.repeat(32))
        .set('authorization', `Bearer ${s.token}`)
        .expect(404);
      expect(lic.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'License not found' } });
    });
  });

  describe('login', () => {
    it("answers the seed's shape to the field", async () => {
      await credential(s, 'testuser', 'securepass', { subscription: 'premium', expiresAt: '2099-12-31T23:59:59Z' });
      const res = await post('login', { username: 'testuser', password: 'securepass', hwid: 'ABCD-1234-EFGH' }).expect(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          token: expect.stringMatching(/^eyJhbG/),
          user: {
            id: expect.stringMatching(/^usr_[0-9a-f]{32}$/),
            username: 'testuser',
            hwid: 'ABCD-1234-EFGH',
            subscription: 'premium',
            expiresAt: '2099-12-31T23:59:59.000Z',
          },
        },
      });
    });

    it("the seed's curl example works verbatim", async () => {
      await credential(s, 'user1', 'pass123');
      // Async: the server runs in this process, so a blocking child would deadlock it.
      const { stdout: out } = await promisify(execFile)('curl', [
        '-s',
        '-X',
        'POST',
        `${t.url}/v1/client/login`,
        '-H',
        'Content-Type: application/json',
        '-H',
        `X-Api-Key: ${s.app.apiKey}`,
        '-d',
        '{"username": "user1", "password": "pass123", "hwid": "ABC-DEF-123"}',
      ]);
      const body = JSON.parse(out);
      expect(body.success).toBe(true);
      expect(body.data.user).toMatchObject({ username: 'user1', hwid: 'ABC-DEF-123' });
    });

    it('USER_BANNED, and unknown fields are ignored on client routes', async () => {
      const u = await credential(s);
      await post('login', { username: 'testuser', password: 'securepass', futureField: 1 }).expect(200);
      await s.client.users.update(u.id, { banned: true, banReason: 'cheating' });
      const res = await post('login', { username: 'testuser', password: 'securepass' }).expect(403);
      expect(res.body.error).toEqual({ code: 'USER_BANNED', message: 'User is banned' });
    });

    it('with the device lock off, the hardware id is recorded but never checked', async () => {
      await s.client.apps.update(s.app.id, { hwidLock: false });
      await credential(s);
      await post('login', { username: 'testuser', password: 'securepass', hwid: 'PC-1' }).expect(200);
      const res = await post('login', { username: 'testuser', password: 'securepass', hwid: 'PC-2' }).expect(200);
      expect(res.body.data.user.hwid).toBe('PC-2');
    });

    it('a disabled app answers APP_DISABLED before anything else', async () => {
      await s.client.apps.update(s.app.id, { status: 'DISABLED' });
      const res = await post('login', { username: 'x', password: 'y' }).expect(403);
      expect(res.body.error.code).toBe('APP_DISABLED');
    });

    it('a NUL character, an unparsable date or an IP with a zone id is a 400, never a 500', async () => {
      const u = await credential(s);
      expect((await post('login', { username: 'a\u0000b', password: 'x' }).expect(400)).body.error.code).toBe('BAD_REQUEST');
      expect((await post('register', { username: 'nul', password: 'securepass', licenseKey: 'K\u0000' }).expect(400)).body.error.code).toBe(
        'BAD_REQUEST',
      );
      const auth = { authorization: `Bearer ${s.token}` };
      for (const expiresAt of ['2026-W01', '20261231', '2026-12-31', '2026-02-30T00:00:00Z']) {
        const res = await t.http.patch(`/v1/admin/users/${u.id}`).set(auth).send({ expiresAt });
        expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const zone = await t.http
        .post('/v1/admin/blacklist')
        .set(auth)
        .send({ appId: s.app.id, type: 'ip', value: 'fe80::1%eth0' })
        .expect(400);
      expect(zone.body.error.code).toBe('VALIDATION_FAILED');
      const axora = await t.http.get(`/app/auth/${s.app.endpoint}+a%00b+x+1.0.0+HW`).expect(400);
      expect(axora.body.authenticated).toBe(false);
      const search = await t.http.get(`/v1/admin/users?appId=${s.app.id}&q=%00`).set(auth);
      expect(search.status).toBe(400);
    });

    it('validates types, and a JSON body that is not an object', async () => {
      const res = await post('login', { username: 5, password: null }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['username', 'password']));
    });
  });

  describe('register', () => {
    it('redeems a key: the user gets its subscription and expiry, the key is used by that user', async () => {
      const [key] = await keys(s, 1, 30, 'premium');
      const res = await post('register', { username: 'newuser', password: 'securepass', licenseKey: key, hwid: 'ABCD-1234-EFGH' }).expect(
        200,
      );
      expect(res.body).toEqual({
        success: true,
        data: { token: expect.any(String), user: { id: expect.stringMatching(/^usr_/), username: 'newuser' } },
      });
      const login = await post('login', { username: 'newuser', password: 'securepass', hwid: 'ABCD-1234-EFGH' }).expect(200);
      expect(login.body.data.user.subscription).toBe('premium');
      const days = (Date.parse(login.body.data.user.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
      const [lic] = (await s.client.licenses.list({ appId: s.app.id })).data;
      expect(lic).toMatchObject({
        key,
        status: 'used',
        usedBy: { id: res.body.data.user.id, username: 'newuser' },
        hwid: 'ABCD-1234-EFGH',
      });
    });

    it("a redeemed key shows its user's device: a reset of either frees both, a new login shows the new one", async () => {
      const [key] = await keys(s);
      const reg = await post('register', { username: 'mover', password: 'securepass', licenseKey: key, hwid: 'OLD-PC' }).expect(200);
      const userId = reg.body.data.user.id as string;
      const licenseOf = async () => (await s.client.licenses.list({ appId: s.app.id })).data[0];

      await s.client.users.update(userId, { resetHwid: true });
      expect((await licenseOf()).hwid).toBeNull();
      await post('login', { username: 'mover', password: 'securepass', hwid: 'NEW-PC' }).expect(200);
      expect((await licenseOf()).hwid).toBe('NEW-PC');

      // Reset from the key's row: the user's lock is freed too, so another device may log in.
      await s.client.licenses.update((await licenseOf()).id, { resetHwid: true });
      expect((await s.client.users.get(userId)).hwid).toBeNull();
      await post('login', { username: 'mover', password: 'securepass', hwid: 'THIRD-PC' }).expect(200);
      expect((await licenseOf()).hwid).toBe('THIRD-PC');
    });

    it('a lifetime key gives a user that never expires', async () => {
      const [key] = await keys(s, 1, null);
      await post('register', { username: 'forever', password: 'securepass', licenseKey: key }).expect(200);
      const login = await post('login', { username: 'forever', password: 'securepass' }).expect(200);
      expect(login.body.data.user.expiresAt).toBeNull();
    });

    it('unknown, used, banned and expired keys; a taken username; another app’s key', async () => {
      const [k1, k2, k3, k4] = await keys(s, 4);
      const reg = (username: string, licenseKey: string) => post('register', { username, password: 'securepass', licenseKey });
      expect((await reg('a', 'NOPE-NOPE').expect(401)).body.error.code).toBe('INVALID_LICENSE');
      await reg('a', k1).expect(200);
      expect((await reg('b', k1).expect(409)).body.error.code).toBe('LICENSE_USED');
      const taken = await reg('a', k2).expect(409);
      expect(taken.body.error).toEqual({ code: 'USERNAME_TAKEN', message: 'Username is already taken' });
      // The failed registration changed nothing: k2 is still unused.
      const k2row = (await s.client.licenses.list({ appId: s.app.id, q: k2 })).data[0];
      expect(k2row.status).toBe('unused');
      const k3row = (await s.client.licenses.list({ appId: s.app.id, q: k3 })).data[0];
      await s.client.licenses.update(k3row.id, { banned: true });
      expect((await reg('c', k3).expect(403)).body.error.code).toBe('LICENSE_BANNED');
      const k4row = (await s.client.licenses.list({ appId: s.app.id, q: k4 })).data[0];
      await s.client.licenses.update(k4row.id, { expiresAt: PAST });
      expect((await reg('d', k4).expect(403)).body.error.code).toBe('LICENSE_EXPIRED');

      const other = await sellerWithApp(t.url);
      const [foreign] = await keys(other, 1);
      expect((await reg('e', foreign).expect(401)).body.error.code).toBe('INVALID_LICENSE');
    });

    it('50 concurrent registrations with one key: exactly one success, the rest 409 LICENSE_USED', async () => {
      const [key] = await keys(s, 1);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => post('register', { username: `racer${i}`, password: 'securepass', licenseKey: key })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((x) => x === 200)).toHaveLength(1);
      expect(statuses.filter((x) => x === 409)).toHaveLength(49);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('LICENSE_USED');
      const users = await s.client.users.list({ appId: s.app.id });
      expect(users.meta.total).toBe(1);
      expect(await eventsOf(t, s.app.id, 'user.register')).toHaveLength(1);
      expect(await eventsOf(t, s.app.id, 'license.activate')).toHaveLength(1);
    });

    it('is refused while registration is turned off', async () => {
      const [key] = await keys(s, 1);
      await s.client.apps.update(s.app.id, { registrationEnabled: false });
      expect((await post('register', { username: 'x', password: 'securepass', licenseKey: key }).expect(403)).body.error.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('license login', () => {
    it('the first use activates the key, starts its clock and binds the hardware id', async () => {
      const [key] = await keys(s, 1, 7);
      const res = await post('license', { licenseKey: key, hwid: 'ABCD-1234-EFGH' }).expect(200);
      expect(res.body).toEqual({
        success: true,
        data: { token: expect.any(String), license: { key, expiresAt: expect.any(String), hwid: 'ABCD-1234-EFGH' } },
      });
      const days = (Date.parse(res.body.data.license.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      const again = await post('license', { licenseKey: key, hwid: 'ABCD-1234-EFGH' }).expect(200);
      expect(again.body.data.license.expiresAt).toBe(res.body.data.license.expiresAt);
      expect((await post('license', { licenseKey: key, hwid: 'OTHER' }).expect(403)).body.error.code).toBe('HWID_MISMATCH');
      expect(await eventsOf(t, s.app.id, 'license.activate')).toHaveLength(1);
      const apps = await s.client.apps.list();
      expect(apps[0]._count).toEqual({ appUsers: 0, licenses: 1 }); // a license-only login creates no user
    });

    it('banned, expired, unknown, and a key registered to a user', async () => {
      const [k1, k2, k3] = await keys(s, 3);
      const rows = (await s.client.licenses.list({ appId: s.app.id })).data;
      const byKey = (k: string) => rows.find((r) => r.key === k)!;
      await s.client.licenses.update(byKey(k1).id, { banned: true, banReason: 'refund' });
      expect((await post('license', { licenseKey: k1 }).expect(403)).body.error.code).toBe('LICENSE_BANNED');
      await post('license', { licenseKey: k2 }).expect(200);
      await s.client.licenses.update(byKey(k2).id, { expiresAt: PAST });
      expect((await post('license', { licenseKey: k2 }).expect(403)).body.error.code).toBe('LICENSE_EXPIRED');
      expect((await post('license', { licenseKey: 'NOPE' }).expect(401)).body.error.code).toBe('INVALID_LICENSE');
      await post('register', { username: 'owner', password: 'securepass', licenseKey: k3 }).expect(200);
      expect((await post('license', { licenseKey: k3 }).expect(409)).body.error.code).toBe('LICENSE_USED');
      // The ban answers first, before "registered to a user".
      await s.client.licenses.update(byKey(k3).id, { banned: true });
      expect((await post('license', { licenseKey: k3 }).expect(403)).body.error.code).toBe('LICENSE_BANNED');
    });
  });

  describe('sessions', () => {
    it('session and logout through the SDK', async () => {
      await credential(s, 'testuser', 'securepass', { subscription: 'premium' });
      const c = endUser(t.url, s);
      await c.login({ username: 'testuser', password: 'securepass', hwid: 'PC' });
      const info = await c.session();
      expect(info.session.id).toMatch(/^ses_/);
      expect(info.user).toMatchObject({ username: 'testuser', subscription: 'premium', hwid: 'PC' });
      const token = c.token!;
      await c.logout();
      const res = await t.http.get('/v1/client/session').set('x-api-key', s.app.apiKey).set('authorization', `Bearer ${token}`).expect(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    });

    it('a license session returns the license', async () => {
      const [key] = await keys(s, 1, null, 'basic');
      const c = endUser(t.url, s);
      await c.licenseLogin({ licenseKey: key });
      expect((await c.session()).license).toEqual({ key, expiresAt: null, hwid: null, subscription: 'basic' });
    });

    it('banning, expiring or deleting a user, or banning a key, ends its sessions at once', async () => {
      const check = (token: string) =>
        t.http.get('/v1/client/session').set('x-api-key', s.app.apiKey).set('authorization', `Bearer ${token}`);
      const u1 = await credential(s, 'u1');
      const u2 = await credential(s, 'u2');
      const u3 = await credential(s, 'u3');
      const [key] = await keys(s, 1);
      const login = async (username: string) =>
        (await post('login', { username, password: 'securepass' }).expect(200)).body.data.token as string;
      const [t1, t2, t3] = [await login('u1'), await login('u2'), await login('u3')];
      const t4 = (await post('license', { licenseKey: key }).expect(200)).body.data.token as string;
      for (const tok of [t1, t2, t3, t4]) await check(tok).expect(200);
      await s.client.users.update(u1.id, { banned: true });
      await s.client.users.update(u2.id, { expiresAt: PAST });
      await s.client.users.remove(u3.id);
      const lic = (await s.client.licenses.list({ appId: s.app.id })).data[0];
      await s.client.licenses.update(lic.id, { banned: true });
      for (const tok of [t1, t2, t3, t4]) expect((await check(tok).expect(401)).body.error.code).toBe('UNAUTHORIZED');
    });

    it('a client token works only with its own app, and seller tokens never work on client routes', async () => {
      await credential(s);
      const token = (await post('login', { username: 'testuser', password: 'securepass' }).expect(200)).body.data.token;
      const other = await sellerWithApp(t.url);
      await t.http.get('/v1/client/session').set('x-api-key', other.app.apiKey).set('authorization', `Bearer ${token}`).expect(401);
      await t.http.get('/v1/client/session').set('x-api-key', s.app.apiKey).set('authorization', `Bearer ${s.token}`).expect(401);
      await t.http.get('/v1/admin/apps').set('authorization', `Bearer ${token}`).expect(401);
    });
  });

  describe('events', () => {
    it('records each event once, with the seed fields, in the transaction of its change', async () => {
      const [key] = await keys(s, 1);
      const reg = await post('register', { username: 'evuser', password: 'securepass', licenseKey: key, hwid: 'HW-1' }).expect(200);
      const userId = reg.body.data.user.id;
      await post('login', { username: 'evuser', password: 'securepass', hwid: 'HW-1' }).expect(200);
      await s.client.users.update(userId, { banned: true, banReason: 'abuse' });
      const lic = (await s.client.licenses.list({ appId: s.app.id })).data[0];
      await s.client.licenses.remove(lic.id);

      const events = await eventsOf(t, s.app.id);
      expect(events.map((e) => e.name)).toEqual([
        'user.register',
        'license.activate',
        'session.create',
        'user.login',
        'session.create',
        'user.ban',
        'license.delete',
      ]);
      const login = events.find((e) => e.name === 'user.login')!;
      expect(login.data).toEqual({ userId, username: 'evuser', ip: '127.0.0.1', hwid: 'HW-1', country: null });
      expect(events.find((e) => e.name === 'user.ban')!.data).toEqual({ userId, username: 'evuser', reason: 'abuse' });
      expect(events.find((e) => e.name === 'license.delete')!.data).toEqual({ licenseId: lic.id, key, userId });
      expect(events.find((e) => e.name === 'license.activate')!.data).toMatchObject({
        licenseId: lic.id,
        key,
        userId,
        ip: '127.0.0.1',
        hwid: 'HW-1',
      });
      expect(events.find((e) => e.name === 'session.create')!.data).toMatchObject({
        sessionId: expect.stringMatching(/^ses_/),
        userId,
        ip: '127.0.0.1',
      });
    });

    it('a rolled-back change records nothing', async () => {
      const [k1, k2] = await keys(s, 2);
      await post('register', { username: 'taken', password: 'securepass', licenseKey: k1 }).expect(200);
      const earlier = await eventsOf(t, s.app.id);
      await post('register', { username: 'taken', password: 'securepass', licenseKey: k2 }).expect(409);
      await post('register', { username: 'fresh', password: 'securepass', licenseKey: k1 }).expect(409);
      // Only the refusals themselves are recorded (auth.denied, after the rollback).
      const after = await eventsOf(t, s.app.id);
      expect(after.slice(0, earlier.length)).toEqual(earlier);
      expect(after.slice(earlier.length).map((e) => [e.name, e.data.reason])).toEqual([
        ['auth.denied', 'USERNAME_TAKEN'],
        ['auth.denied', 'LICENSE_USED'],
      ]);
    });

    it('license.expire: once per license, even with two sweepers racing', async () => {
      const [key] = await keys(s, 1, 1);
      await post('license', { licenseKey: key }).expect(200);
      const lic = (await s.client.licenses.list({ appId: s.app.id })).data[0];
      await s.client.licenses.update(lic.id, { expiresAt: new Date(Date.now() - 1000).toISOString() });
      const sweeper = t.app.get(LicenseExpirySweeper);
      // Three racing sweeps (other tests' expired keys in this database are swept too).
      const counts = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      expect(await sweeper.sweep()).toBe(0);
      const expired = await eventsOf(t, s.app.id, 'license.expire');
      expect(expired).toHaveLength(1);
      expect(expired[0].data).toMatchObject({ licenseId: lic.id, key });
    });
  });

  it('app stats count users and keys, and logins and registrations per day', async () => {
    const [k1, k2] = await keys(s, 3); // the third stays unused
    await post('register', { username: 'stat1', password: 'securepass', licenseKey: k1 }).expect(200);
    await post('login', { username: 'stat1', password: 'securepass' }).expect(200);
    await post('login', { username: 'stat1', password: 'securepass' }).expect(200);
    const lic = (await s.client.licenses.list({ appId: s.app.id, q: k2 })).data[0];
    await s.client.licenses.update(lic.id, { banned: true });
    const stats = await s.client.apps.stats(s.app.id);
    expect(stats.users).toEqual({ total: 1, active: 1, expired: 0, banned: 0 });
    expect(stats.licenses).toEqual({ total: 3, unused: 1, used: 1, expired: 0, banned: 1 });
    expect(stats.perDay).toHaveLength(30);
    expect(stats.perDay[29]).toEqual({ date: new Date().toISOString().slice(0, 10), logins: 2, registrations: 1 });
    expect(stats.perDay.slice(0, 29).every((d) => d.logins === 0 && d.registrations === 0)).toBe(true);
    const other = await sellerWithApp(t.url);
    await expect(other.client.apps.stats(s.app.id)).rejects.toMatchObject({ status: 404 });
  });

  it('the SDK surfaces the seed codes as typed errors', async () => {
    const c = endUser(t.url, s);
    const error = await c.login({ username: 'nobody', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyholdError);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored and the socket address counts', async () => {
    await s.client.blacklist.add({ appId: s.app.id, type: 'ip', value: '198.51.100.7' });
    await credential(s);
    await post('login', { username: 'testuser', password: 'securepass' }).set('x-forwarded-for', '198.51.100.7').expect(200);
  });
});
