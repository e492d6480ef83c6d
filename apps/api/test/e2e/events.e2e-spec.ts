import type { EventResponse, WebhookMessage } from '@keyhold/contracts';
import { verifyWebhook } from '@keyhold/sdk';
import { DataSource } from 'typeorm';
import { MAX_DENIALS_IN_FLIGHT } from '../../src/client/auth-denials';
import { fromPublicId } from '../../src/common/ids';
import { EventsRepository } from '../../src/events/events.repository';
import { WebhookWorker } from '../../src/webhooks/webhook-worker';
import { credential, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { eventsOf } from '../utils/events';
import { createTestApp, TestApp } from '../utils/test-app';
import { sleep, WebhookReceiver } from '../utils/webhook-receiver';

/**
 * The event log (issue 17): `GET /v1/admin/events` and its CSV export, refused end-user
 * authentications recorded as `auth.denied`, and the country of the client IP (resolved offline)
 * on every sign-in event, its webhooks and the overview's per-country counts. One proxy is
 * trusted (TRUST_PROXY=true), so a test speaks from a public address by X-Forwarded-For; without
 * the header the client is the loopback socket, which has no country.
 */
jest.setTimeout(120_000);

// Public addresses whose country the bundled table (IP2Location LITE) gives.
const US_IP = '8.8.8.8';
const GB_IP = '81.2.69.142';
const PASSWORD = 'securepass';

describe('event log', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: 'true',
      WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_RETRY_BASE_MS: '1',
      WEBHOOK_POLL_INTERVAL_MS: '3600000', // the webhook test runs the worker itself
    });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  /** An end-user call of the fixture's app, from `ip` (X-Forwarded-For) or, without one, from the loopback socket. */
  function client(s: SellerFixture, path: 'login' | 'register' | 'license', body: object, ip?: string) {
    const req = t.http.post(`/v1/client/${path}`).set('x-api-key', s.app.apiKey);
    return (ip ? req.set('x-forwarded-for', ip) : req).send(body);
  }

  const axora = (s: SellerFixture, parts: string[], ip?: string) => {
    const req = t.http.get(`/app/auth/${[s.app.endpoint, ...parts].join('+')}`);
    return ip ? req.set('x-forwarded-for', ip) : req;
  };

  /** Every event of the app the log lists (all pages at once), newest first. */
  async function logOf(s: SellerFixture, query: { name?: EventResponse['name']; q?: string } = {}): Promise<EventResponse[]> {
    return (await s.client.events.list({ appId: s.app.id, limit: 500, ...query })).data;
  }

  const denials = async (s: SellerFixture) => (await logOf(s, { name: 'auth.denied' })).map((e) => e.data);

  async function deniedEverywhere(): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM events WHERE name = 'auth.denied'`);
    return n;
  }

  describe('auth.denied', () => {
    let s: SellerFixture;
    beforeEach(async () => {
      s = await sellerWithApp(t.url, 'Denials');
      await credential(s, 'alice', PASSWORD);
      // The device lock is on by default: the first login binds HW-1.
      await client(s, 'login', { username: 'alice', password: PASSWORD, hwid: 'HW-1' }).expect(200);
    });

    it('records each refused client login with its reason, the username, ip, hwid and country', async () => {
      const wrongPassword = await client(s, 'login', { username: 'alice', password: 'wrong', hwid: 'HW-1' }, GB_IP).expect(401);
      expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
      expect((await client(s, 'login', { username: 'alice', password: PASSWORD, hwid: 'HW-2' }).expect(403)).body.error.code).toBe(
        'HWID_MISMATCH',
      );
      await s.client.blacklist.add({ appId: s.app.id, type: 'hwid', value: 'HW-STOLEN' });
      expect(
        (await client(s, 'login', { username: 'alice', password: PASSWORD, hwid: 'HW-STOLEN' }, US_IP).expect(403)).body.error.code,
      ).toBe('BLACKLISTED');
      await client(s, 'login', { username: 'nobody', password: PASSWORD }).expect(401);

      expect(await denials(s)).toEqual([
        { reason: 'INVALID_CREDENTIALS', username: 'nobody', ip: '127.0.0.1', hwid: null, country: null },
        { reason: 'BLACKLISTED', username: 'alice', ip: US_IP, hwid: 'HW-STOLEN', country: 'US' },
        { reason: 'HWID_MISMATCH', username: 'alice', ip: '127.0.0.1', hwid: 'HW-2', country: null },
        { reason: 'INVALID_CREDENTIALS', username: 'alice', ip: GB_IP, hwid: 'HW-1', country: 'GB' },
      ]);
      // A refusal changed nothing else: the one login's events are still the only others.
      expect((await logOf(s)).filter((e) => e.name !== 'auth.denied').map((e) => e.name)).toEqual(['session.create', 'user.login']);
    });

    it('records refused license logins and registrations with the key’s last 4 characters only', async () => {
      const [expiring, redeemed] = await keys(s, 2);
      const expiringId = (await s.client.licenses.list({ appId: s.app.id, q: expiring })).data[0].id;
      await s.client.licenses.update(expiringId, { expiresAt: '2020-01-01T00:00:00Z' });
      expect((await client(s, 'license', { licenseKey: expiring, hwid: 'HW-9' }).expect(403)).body.error.code).toBe('LICENSE_EXPIRED');
      expect((await client(s, 'license', { licenseKey: 'NOPE-NOPE-NOPE-ZZ99' }).expect(401)).body.error.code).toBe('INVALID_LICENSE');
      await client(s, 'register', { username: 'bob', password: PASSWORD, licenseKey: redeemed }).expect(200);
      expect(
        (await client(s, 'register', { username: 'carol', password: PASSWORD, licenseKey: redeemed }).expect(409)).body.error.code,
      ).toBe('LICENSE_USED');

      expect(await denials(s)).toEqual([
        { reason: 'LICENSE_USED', username: 'carol', keyLast4: redeemed.slice(-4), ip: '127.0.0.1', hwid: null, country: null },
        { reason: 'INVALID_LICENSE', keyLast4: 'ZZ99', ip: '127.0.0.1', hwid: null, country: null },
        { reason: 'LICENSE_EXPIRED', keyLast4: expiring.slice(-4), ip: '127.0.0.1', hwid: 'HW-9', country: null },
      ]);
      // The key itself is never stored with a refusal.
      const raw = JSON.stringify(await eventsOf(t, s.app.id, 'auth.denied'));
      expect(raw).not.toContain(expiring);
      expect(raw).not.toContain('NOPE-NOPE');
    });

    it('records UPDATE_REQUIRED, and Axora’s refusals with the domain’s reason', async () => {
      await s.client.apps.update(s.app.id, { enforceVersion: true, version: '2.0.0' });
      expect(
        (await client(s, 'login', { username: 'alice', password: PASSWORD, hwid: 'HW-1', version: '1.0.0' }).expect(426)).body.error.code,
      ).toBe('UPDATE_REQUIRED');
      await axora(s, ['alice', 'wrong', '2.0.0', 'HW-1'], US_IP).expect(401);
      await axora(s, ['alice', PASSWORD, '1.9.0', 'HW-1']).expect(426);
      await axora(s, ['alice', PASSWORD, '2.0.0']).expect(400); // the device lock needs a hardware id
      await axora(s, ['alice', PASSWORD, '2.0.0', 'HW-1']).expect(200);

      expect(await denials(s)).toEqual([
        { reason: 'HWID_MISMATCH', username: 'alice', ip: '127.0.0.1', hwid: null, country: null },
        { reason: 'UPDATE_REQUIRED', username: 'alice', ip: '127.0.0.1', hwid: 'HW-1', country: null },
        { reason: 'INVALID_CREDENTIALS', username: 'alice', ip: US_IP, hwid: 'HW-1', country: 'US' },
        { reason: 'UPDATE_REQUIRED', username: 'alice', ip: '127.0.0.1', hwid: 'HW-1', country: null },
      ]);
    });

    it('records what the client sent as it can: a JSON null hardware id is none, a NUL in an Axora URL is left out', async () => {
      await client(s, 'login', { username: 'alice', password: 'wrong', hwid: null }).expect(401);
      await client(s, 'license', { licenseKey: 'ABCD', hwid: null }).expect(401);
      // An Axora URL may carry %00, which decodes to a NUL that jsonb refuses. Refused before any
      // lookup (the device lock wants a hardware id), it is recorded without the NUL.
      await axora(s, ['ali%00ce', PASSWORD, s.app.version]).expect(400);
      expect(await denials(s)).toEqual([
        { reason: 'HWID_MISMATCH', username: 'alice', ip: '127.0.0.1', hwid: null, country: null },
        { reason: 'INVALID_LICENSE', keyLast4: 'ABCD', ip: '127.0.0.1', hwid: null, country: null },
        { reason: 'INVALID_CREDENTIALS', username: 'alice', ip: '127.0.0.1', hwid: null, country: null },
      ]);
    });

    it('records nothing for an unknown API key or Axora endpoint: no app to attach it to', async () => {
      const before = await deniedEverywhere();
      await t.http.post('/v1/client/login').set('x-api-key', 'ak_unknown').send({ username: 'alice', password: 'wrong' }).expect(401);
      await t.http.get(`/app/auth/AAAAAAAAAAAAAAAAAAAA+alice+wrong+1.0.0+HW-1`).expect(404);
      expect(await deniedEverywhere()).toBe(before);
    });

    it('a flood of refused logins answers every one of them (never 500), and the server stays up', async () => {
      const flood = await Promise.all(
        Array.from({ length: 40 }, (_, i) => client(s, 'login', { username: 'alice', password: `wrong-${i}`, hwid: 'HW-1' })),
      );
      const statuses = flood.map((r) => r.status);
      // 503 is the password-hashing admission control shedding load (it is not a refusal: not recorded).
      expect(statuses.filter((code) => code !== 401 && code !== 503)).toEqual([]);
      const refused = statuses.filter((code) => code === 401).length;
      expect(refused).toBeGreaterThan(0);
      const recorded = (await denials(s)).length;
      // Each refusal is recorded once at most; a burst past MAX_DENIALS_IN_FLIGHT writes drops some.
      expect(recorded).toBeLessThanOrEqual(refused);
      expect(recorded).toBeGreaterThanOrEqual(Math.min(refused, MAX_DENIALS_IN_FLIGHT));
      await t.http.get('/health').expect(200);
      await client(s, 'login', { username: 'alice', password: PASSWORD, hwid: 'HW-1' }).expect(200);
    });

    it('a failed write of the event leaves the refusal as it was: still 401, not 500', async () => {
      const repository = t.app.get(EventsRepository);
      const spy = jest.spyOn(repository, 'insertWithOutbox').mockRejectedValueOnce(new Error('database went away'));
      try {
        const res = await client(s, 'login', { username: 'alice', password: 'wrong', hwid: 'HW-1' }).expect(401);
        expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
      expect(await denials(s)).toEqual([]);
    });
  });

  describe('country', () => {
    let s: SellerFixture;
    beforeEach(async () => {
      s = await sellerWithApp(t.url, 'Countries');
      await s.client.apps.update(s.app.id, { hwidLock: false });
      await credential(s, 'alice', PASSWORD);
    });

    it('is resolved from the client IP behind the trusted proxy, and null for loopback', async () => {
      await client(s, 'login', { username: 'alice', password: PASSWORD }, US_IP).expect(200);
      // The proxy appends what it saw; only that entry is believed, not the one the client wrote.
      await client(s, 'login', { username: 'alice', password: PASSWORD }, `${US_IP}, ${GB_IP}`).expect(200);
      await client(s, 'login', { username: 'alice', password: PASSWORD }).expect(200);
      const [key] = await keys(s, 1);
      await client(s, 'license', { licenseKey: key }, GB_IP).expect(200);

      const logins = await logOf(s, { name: 'user.login' });
      expect(logins.map((e) => [e.data.ip, e.data.country])).toEqual([
        ['127.0.0.1', null],
        [GB_IP, 'GB'],
        [US_IP, 'US'],
      ]);
      const sessions = await logOf(s, { name: 'session.create' });
      expect(sessions.map((e) => e.data.country)).toEqual(['GB', null, 'GB', 'US']);
      expect((await logOf(s, { name: 'license.activate' })).map((e) => e.data)).toEqual([
        expect.objectContaining({ ip: GB_IP, country: 'GB', hwid: null }),
      ]);

      // The overview's chart: username and license-key logins per country, most first, unknown last.
      expect(await s.client.apps.countryStats(s.app.id)).toEqual([
        { country: 'GB', logins: 2 },
        { country: 'US', logins: 1 },
        { country: null, logins: 1 },
      ]);
      expect(await s.client.apps.countryStats(s.app.id, { days: 1 })).toHaveLength(3);
      await db.query(`UPDATE events SET created_at = now() - interval '40 days' WHERE app_id = $1 AND data->>'country' = 'GB'`, [
        fromPublicId('app', s.app.id),
      ]);
      expect(await s.client.apps.countryStats(s.app.id)).toEqual([
        { country: 'US', logins: 1 },
        { country: null, logins: 1 },
      ]);
      expect(await s.client.apps.countryStats(s.app.id, { days: 60 })).toHaveLength(3);
    });

    it('the countries chart validates its window and keeps to the seller’s own apps', async () => {
      for (const days of ['0', '366', 'abc', '1.5']) {
        const res = await t.http.get(`/v1/admin/apps/${s.app.id}/stats/countries?days=${days}`).set('authorization', `Bearer ${s.token}`);
        expect([days, res.status, res.body.error?.code]).toEqual([days, 400, 'VALIDATION_FAILED']);
      }
      const other = await sellerWithApp(t.url, 'Other seller');
      await expect(other.client.apps.countryStats(s.app.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(await s.client.apps.countryStats(s.app.id)).toEqual([]);
    });

    it('is on the webhook payloads of sign-in events and of auth.denied', async () => {
      const receiver = await new WebhookReceiver().start();
      try {
        const hook = await s.client.webhooks.create({
          appId: s.app.id,
          url: receiver.url('/events'),
          events: ['user.login', 'auth.denied'],
        });
        await client(s, 'login', { username: 'alice', password: PASSWORD, hwid: 'HW-1' }, US_IP).expect(200);
        await client(s, 'login', { username: 'alice', password: 'wrong', hwid: 'HW-1' }, GB_IP).expect(401);

        const worker = t.app.get(WebhookWorker);
        const until = Date.now() + 20_000;
        while (receiver.accepted('/events').length < 2) {
          if (Date.now() > until) throw new Error('timed out waiting for webhook deliveries');
          await worker.runOnce();
          await sleep(5);
        }
        const messages: WebhookMessage[] = [];
        for (const r of receiver.accepted('/events'))
          messages.push(await verifyWebhook(hook.secret, r.headers as Record<string, string>, r.body));
        expect(messages.map((m) => ({ event: m.event, data: m.data }))).toEqual([
          {
            event: 'user.login',
            data: { userId: expect.stringMatching(/^usr_/), username: 'alice', ip: US_IP, hwid: 'HW-1', country: 'US' },
          },
          { event: 'auth.denied', data: { reason: 'INVALID_CREDENTIALS', username: 'alice', ip: GB_IP, hwid: 'HW-1', country: 'GB' } },
        ]);
        // The log and the webhook name the same event.
        const logged = (await logOf(s)).filter((e) => e.name === 'user.login' || e.name === 'auth.denied');
        expect(messages.map((m) => m.id).reverse()).toEqual(logged.map((e) => e.id));
      } finally {
        await receiver.stop();
      }
    });
  });

  describe('the list and its export', () => {
    let s: SellerFixture;
    beforeAll(async () => {
      s = await sellerWithApp(t.url, 'Event list');
      await s.client.apps.update(s.app.id, { hwidLock: false });
      await credential(s, 'alice', PASSWORD);
      await credential(s, 'bob', PASSWORD);
      await client(s, 'login', { username: 'alice', password: PASSWORD, hwid: 'HW-A' }, US_IP).expect(200);
      await client(s, 'login', { username: 'bob', password: PASSWORD, hwid: 'HW-B' }).expect(200);
      await client(s, 'login', { username: 'bob', password: 'wrong', hwid: 'HW-B' }, GB_IP).expect(401);
      await client(s, 'login', { username: 'alice', password: PASSWORD, hwid: 'HW-A' }).expect(200);
      const [key] = await keys(s, 1);
      await client(s, 'license', { licenseKey: key, hwid: 'HW-K' }).expect(200);
      // A seller's test send is the endpoint's, not something that happened in the app: not in the log.
      const hook = await s.client.webhooks.create({ appId: s.app.id, url: 'http://127.0.0.1:9/none', events: ['license.expire'] });
      await s.client.webhooks.test(hook.id);
    });

    it('lists every event of the app newest first, in the order they were recorded', async () => {
      const page = await s.client.events.list({ appId: s.app.id });
      const recorded = await eventsOf(t, s.app.id);
      const product = recorded.filter((e) => e.name !== 'webhook.test');
      expect(product).toHaveLength(recorded.length - 1);
      expect(page.data.map((e) => [e.name, e.data])).toEqual(product.map((e) => [e.name, e.data]).reverse());
      expect(page.meta).toEqual({ total: product.length, page: 1, limit: 50, totalCapped: false, nextCursor: null });
      for (const e of page.data) {
        expect(e.id).toMatch(/^evt_[0-9a-f]{32}$/);
        expect(new Date(e.createdAt).toISOString()).toBe(e.createdAt);
      }
      expect(page.data.map((e) => e.name).slice(0, 3)).toEqual(['session.create', 'license.activate', 'session.create']);
    });

    it('walks every page by cursor: each event once, none skipped, in order', async () => {
      const all = await logOf(s);
      const walked: EventResponse[] = [];
      let cursor: string | undefined;
      const pages: number[] = [];
      do {
        const page = await s.client.events.list({ appId: s.app.id, limit: 2, cursor });
        expect(page.meta.total).toBe(all.length);
        expect(page.data.length).toBeLessThanOrEqual(2);
        walked.push(...page.data);
        pages.push(page.meta.page);
        cursor = page.meta.nextCursor ?? undefined;
      } while (cursor);
      expect(walked.map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect(pages).toEqual(Array.from({ length: Math.ceil(all.length / 2) }, (_, i) => i + 1));
      // A cursor goes on from where it was, even after newer events came in on top.
      const first = await s.client.events.list({ appId: s.app.id, limit: 3 });
      await client(s, 'login', { username: 'alice', password: PASSWORD }).expect(200);
      const next = await s.client.events.list({ appId: s.app.id, limit: 3, cursor: first.meta.nextCursor! });
      expect(next.data.map((e) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id));
    });

    it('filters by name and finds events by username, ip, hwid, country, reason and key', async () => {
      const denied = await logOf(s, { name: 'auth.denied' });
      expect(denied.map((e) => e.data)).toEqual([
        { reason: 'INVALID_CREDENTIALS', username: 'bob', ip: GB_IP, hwid: 'HW-B', country: 'GB' },
      ]);
      const page = await s.client.events.list({ appId: s.app.id, name: 'user.login' });
      const logins = (await eventsOf(t, s.app.id, 'user.login')).reverse();
      expect(logins.length).toBeGreaterThanOrEqual(3);
      expect(page.meta.total).toBe(logins.length);
      expect(page.data.map((e) => [e.name, e.data])).toEqual(logins.map((e) => ['user.login', e.data]));

      const names = async (q: string, name?: EventResponse['name']) => (await logOf(s, { q, name })).map((e) => e.name);
      expect(await names('bob', 'user.login')).toEqual(['user.login']);
      expect(await names('81.2.69')).toEqual(['auth.denied']);
      expect(await names('HW-K')).toEqual(['session.create', 'license.activate']);
      expect(await names('hw-k')).toEqual(['session.create', 'license.activate']); // case-insensitive
      expect(await names('INVALID_CRED')).toEqual(['auth.denied']);
      expect(await names('100%')).toEqual([]); // LIKE wildcards are literal
      expect(await names('userId')).toEqual([]); // the names of the data's fields are not searched
    });

    it('exports the list as CSV, honouring the filters', async () => {
      const res = await t.http.get(`/v1/admin/events/export?appId=${s.app.id}&name=auth.denied`).set('authorization', `Bearer ${s.token}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="events.csv"');
      const [denied] = await logOf(s, { name: 'auth.denied' });
      expect(res.text).toBe(
        'id,createdAt,event,username,userId,licenseId,key,keyLast4,ip,country,hwid,reason,data\n' +
          `${denied.id},${denied.createdAt},auth.denied,bob,,,,,${GB_IP},GB,HW-B,INVALID_CREDENTIALS,` +
          `"${JSON.stringify(denied.data).replace(/"/g, '""')}"\n`,
      );

      const everything = (await s.client.events.exportCsv({ appId: s.app.id })).trimEnd().split('\n');
      const all = await logOf(s);
      expect(everything.slice(1).map((line) => line.split(',')[0])).toEqual(all.map((e) => e.id));
      const searched = (await s.client.events.exportCsv({ appId: s.app.id, q: 'HW-K' })).trimEnd().split('\n').slice(1);
      expect(searched.map((line) => line.split(',')[2])).toEqual(['session.create', 'license.activate']);
    });

    it('refuses junk queries with 400, never 500', async () => {
      const seller = { authorization: `Bearer ${s.token}` };
      const bad = [
        '',
        `appId=${s.app.id}&limit=0`,
        `appId=${s.app.id}&limit=501`,
        `appId=${s.app.id}&limit=ten`,
        `appId=${s.app.id}&name=user.logout`,
        `appId=${s.app.id}&name=webhook.test`,
        `appId=${s.app.id}&cursor=not-a-cursor`,
        `appId=${s.app.id}&cursor=${Buffer.from('99999999999999999999.2').toString('base64url')}`,
        `appId=${s.app.id}&cursor=${Buffer.from('5.1').toString('base64url')}`,
        `appId=${s.app.id}&q=${'x'.repeat(101)}`,
        `appId=${s.app.id}&page=2`,
        `appId=${s.app.id}&appId=${s.app.id}`,
      ];
      for (const query of bad) {
        const res = await t.http.get(`/v1/admin/events?${query}`).set(seller);
        expect([query, res.status, res.body.error?.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      }
      for (const query of ['', `appId=${s.app.id}&name=nope`, `appId=${s.app.id}&cursor=x`]) {
        const res = await t.http.get(`/v1/admin/events/export?${query}`).set(seller);
        expect([query, res.status, res.headers['content-type']]).toEqual([query, 400, expect.stringMatching(/^application\/json/)]);
      }
    });

    it("another seller's app is not found, an unknown one neither; the store integration key is refused", async () => {
      const other = await sellerWithApp(t.url, 'Other seller');
      await expect(other.client.events.list({ appId: s.app.id })).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
      await expect(other.client.events.exportCsv({ appId: s.app.id })).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
      await expect(s.client.events.list({ appId: 'app_00000000000000000000000000000000' })).rejects.toMatchObject({ status: 404 });
      // Its own app's log is empty: nothing of the first seller's leaks in.
      expect((await other.client.events.list({ appId: other.app.id })).data).toEqual([]);
      for (const path of [`/v1/admin/events?appId=${s.app.id}`, `/v1/admin/events/export?appId=${s.app.id}`]) {
        await t.http.get(path).expect(401);
        const res = await t.http.get(path).set('authorization', `Bearer ${s.app.apiSecret}`);
        expect([path, res.status]).toEqual([path, 401]);
      }
    });

    it('is documented in OpenAPI', async () => {
      const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
      expect(doc.paths['/v1/admin/events'].get.summary).toBe("List an app's events, newest first");
      expect(doc.paths['/v1/admin/events/export'].get.responses['200']).toBeDefined();
      expect(doc.paths['/v1/admin/apps/{id}/stats/countries'].get.summary).toMatch(/country/);
      expect(doc.paths['/v1/admin/webhooks'].post.description).toContain('| auth.denied |');
    });
  });
});
