import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runInThisContext } from 'node:vm';
import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { credential } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { eventsOf } from '../utils/events';
import { createTestApp, TestApp } from '../utils/test-app';

const fixtures = join(__dirname, '..', 'fixtures');
const python = process.env.AXORA_PYTHON ?? 'python3';

type SeedJs = (
  endpoint: string,
  username: string,
  password: string,
  version: string,
  hardwareId?: string | null,
) => Promise<Record<string, unknown>>;

/** The seed's JavaScript authenticateUser, unchanged but for its domain. */
function seedJsClient(base: string): SeedJs {
  const source = readFileSync(join(fixtures, 'axora-seed-client.js'), 'utf8').replaceAll('https://axora.tanishmehta.com', base);
  const quiet = { log: () => undefined, error: () => undefined };
  // Compiled as the file it is (its own name in stack traces), with fetch and a quiet console in scope.
  const load = runInThisContext(`(function (fetch, console) {\n${source}\nreturn authenticateUser;\n})`, {
    filename: 'axora-seed-client.js',
  }) as (f: typeof fetch, c: typeof quiet) => SeedJs;
  return load(fetch, quiet);
}

/** The seed's Python authenticate_user, unchanged but for its domain, in a real python3. */
async function seedPython(
  base: string,
  ...args: Array<string | null>
): Promise<{ ok: boolean; result?: Record<string, unknown>; error?: string }> {
  const { stdout } = await promisify(execFile)(python, [join(fixtures, 'run_axora_python.py'), base, JSON.stringify(args)]);
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('Axora authentication URL', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url, 'Axora App');
    await s.client.apps.update(s.app.id, { hwidLock: false, version: '3.7.4' });
    await credential(s, 'tanish', 'toomuchpain');
  });

  const get = (path: string) => t.http.get(`/app/auth/${path}`);

  it("answers the seed's success shape, unwrapped", async () => {
    const res = await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4`).expect(200);
    expect(res.body).toEqual({
      authenticated: true,
      app_id: s.app.id,
      app_name: 'Axora App',
      endpoint: s.app.endpoint,
      message: 'Authentication successful',
    });
    const names = (await eventsOf(t, s.app.id)).map((e) => e.name);
    expect(names).toEqual(['user.login']);
    // Axora answers no token, so it opens no session that nobody could use.
    const [{ n }] = await t.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM sessions WHERE app_id = $1', [fromPublicId('app', s.app.id)]);
    expect(n).toBe(0);
  });

  it('App disabled or not found: 404 for an unknown endpoint, a disabled app, and the wrong case', async () => {
    const expected = { authenticated: false, message: 'App disabled or not found' };
    expect((await get(`AAAAAAAAAAAAAAAAAAAA+tanish+toomuchpain+3.7.4`).expect(404)).body).toEqual(expected);
    expect((await get(`${s.app.endpoint.toLowerCase()}+tanish+toomuchpain+3.7.4`).expect(404)).body).toEqual(expected);
    await s.client.apps.update(s.app.id, { status: 'DISABLED' });
    expect((await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4`).expect(404)).body).toEqual(expected);
  });

  it('Credential disabled or invalid: 401 for a wrong password, an unknown user, a banned user, the wrong case', async () => {
    const expected = { authenticated: false, message: 'Credential disabled or invalid' };
    for (const path of ['tanish+wrong', 'nobody+toomuchpain', 'TANISH+toomuchpain']) {
      expect((await get(`${s.app.endpoint}+${path}+3.7.4`).expect(401)).body).toEqual(expected);
    }
    const user = (await s.client.users.list({ appId: s.app.id })).data[0];
    await s.client.users.update(user.id, { banned: true });
    expect((await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4`).expect(401)).body).toEqual(expected);
  });

  it('Update required: 426 with the required version, only while enforcement is on', async () => {
    await get(`${s.app.endpoint}+tanish+toomuchpain+1.0.0`).expect(200);
    await s.client.apps.update(s.app.id, { enforceVersion: true });
    const res = await get(`${s.app.endpoint}+tanish+toomuchpain+1.0.0`).expect(426);
    expect(res.body).toEqual({ authenticated: false, message: 'Update required. Current version: 3.7.4' });
    await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4`).expect(200);
  });

  it('This user is logged into another device: 403 with the lock on; the first hwid binds; a reset frees it', async () => {
    await s.client.apps.update(s.app.id, { hwidLock: true });
    const missing = await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4`).expect(400);
    expect(missing.body.authenticated).toBe(false);
    expect(missing.body.message).toMatch(/Hardware ID required/);
    await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4+L5J3K4H7N8`).expect(200);
    await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4+L5J3K4H7N8`).expect(200);
    const other = await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4+OTHERPC123`).expect(403);
    expect(other.body).toEqual({ authenticated: false, message: 'This user is logged into another device' });
    // The same binding holds on the Authon client API: one domain, two protocols.
    await t.http
      .post('/v1/client/login')
      .set('x-api-key', s.app.apiKey)
      .send({ username: 'tanish', password: 'toomuchpain', hwid: 'OTHERPC123' })
      .expect(403);
    const user = (await s.client.users.list({ appId: s.app.id })).data[0];
    await s.client.users.update(user.id, { resetHwid: true });
    await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4+OTHERPC123`).expect(200);
  });

  it('expired and blacklisted credentials get clear messages; malformed URLs are 400', async () => {
    const user = (await s.client.users.list({ appId: s.app.id })).data[0];
    await s.client.users.update(user.id, { expiresAt: '2020-01-01T00:00:00Z' });
    expect((await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4`).expect(403)).body).toEqual({
      authenticated: false,
      message: 'Credential expired',
    });
    await s.client.users.update(user.id, { expiresAt: null });
    await s.client.blacklist.add({ appId: s.app.id, type: 'hwid', value: 'BANNEDPC' });
    const bl = await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4+BANNEDPC`).expect(403);
    expect(bl.body).toEqual({ authenticated: false, message: 'Access denied: IP or hardware ID is blacklisted' });
    for (const path of [`${s.app.endpoint}+tanish+toomuchpain`, `${s.app.endpoint}+a+b+c+d+e`, `${s.app.endpoint}++toomuchpain+3.7.4`]) {
      const res = await get(path).expect(400);
      expect(res.body).toEqual({ authenticated: false, message: expect.stringMatching(/^Malformed authentication URL/) });
    }
  });

  describe("the seed's clients, unchanged", () => {
    it('JavaScript authenticateUser: success with and without a hardware id, and each failure', async () => {
      const authenticateUser = seedJsClient(t.url);
      await expect(authenticateUser(s.app.endpoint, 'tanish', 'toomuchpain', '3.7.4')).resolves.toMatchObject({
        authenticated: true,
        app_id: s.app.id,
      });
      await s.client.apps.update(s.app.id, { hwidLock: true });
      await expect(authenticateUser(s.app.endpoint, 'tanish', 'toomuchpain', '3.7.4', 'L5J3K4H7N8')).resolves.toMatchObject({
        authenticated: true,
      });
      await expect(authenticateUser(s.app.endpoint, 'tanish', 'toomuchpain', '3.7.4', 'OTHERPC')).rejects.toThrow(
        'This user is logged into another device',
      );
      await expect(authenticateUser(s.app.endpoint, 'tanish', 'nope', '3.7.4', 'L5J3K4H7N8')).rejects.toThrow(
        'Credential disabled or invalid',
      );
      await s.client.apps.update(s.app.id, { enforceVersion: true });
      await expect(authenticateUser(s.app.endpoint, 'tanish', 'toomuchpain', '1.0.0', 'L5J3K4H7N8')).rejects.toThrow(
        'Update required. Current version: 3.7.4',
      );
      await expect(authenticateUser('NoSuchEndpoint', 'tanish', 'toomuchpain', '3.7.4')).rejects.toThrow('App disabled or not found');
    });

    it('Python authenticate_user: success with and without a hardware id, and each failure', async () => {
      expect(await seedPython(t.url, s.app.endpoint, 'tanish', 'toomuchpain', '3.7.4')).toEqual({
        ok: true,
        result: {
          authenticated: true,
          app_id: s.app.id,
          app_name: 'Axora App',
          endpoint: s.app.endpoint,
          message: 'Authentication successful',
        },
      });
      await s.client.apps.update(s.app.id, { hwidLock: true });
      expect((await seedPython(t.url, s.app.endpoint, 'tanish', 'toomuchpain', '3.7.4', 'L5J3K4H7N8')).ok).toBe(true);
      // The seed's Python client reports failures by status code only.
      expect(await seedPython(t.url, s.app.endpoint, 'tanish', 'toomuchpain', '3.7.4', 'OTHERPC')).toEqual({
        ok: false,
        error: 'Authentication failed: 403',
      });
      expect(await seedPython(t.url, s.app.endpoint, 'tanish', 'wrong', '3.7.4', 'L5J3K4H7N8')).toEqual({
        ok: false,
        error: 'Authentication failed: 401',
      });
      await s.client.apps.update(s.app.id, { enforceVersion: true });
      expect(await seedPython(t.url, s.app.endpoint, 'tanish', 'toomuchpain', '9.9.9', 'L5J3K4H7N8')).toEqual({
        ok: false,
        error: 'Authentication failed: 426',
      });
      expect(await seedPython(t.url, 'NoSuchEndpoint', 'tanish', 'toomuchpain', '3.7.4')).toEqual({
        ok: false,
        error: 'Authentication failed: 404',
      });
    });

    it('a password with + & = % a space and a non-ASCII letter works through the Python client', async () => {
      const password = 'p+a&s=s%w o·rdé';
      await credential(s, 'special', password);
      const res = await seedPython(t.url, s.app.endpoint, 'special', password, '3.7.4');
      expect(res).toMatchObject({ ok: true, result: { authenticated: true } });
      expect((await seedPython(t.url, s.app.endpoint, 'special', 'p a&s=s%w o·rdé', '3.7.4')).ok).toBe(false);
    });
  });

  it('the app settings and endpoint are managed from the admin API; a regenerated endpoint replaces the old one', async () => {
    const regenerated = await s.client.apps.regenerateEndpoint(s.app.id);
    await get(`${s.app.endpoint}+tanish+toomuchpain+3.7.4`).expect(404);
    await get(`${regenerated.endpoint}+tanish+toomuchpain+3.7.4`).expect(200);
  });

  it('/docs documents the route and the encoding rule', async () => {
    const spec = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const route = spec.paths['/app/auth/{endpoint}+{username}+{password}+{version}+{hardware_id}'];
    expect(route.get.description).toContain('split on literal `+` first');
    expect(Object.keys(route.get.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '426', '429']));
  });
});
