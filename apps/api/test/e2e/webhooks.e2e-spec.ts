import type { WebhookEndpointWithSecretResponse, WebhookEventName, WebhookMessage } from '@keyhold/contracts';
import { WEBHOOK_EVENTS } from '@keyhold/contracts';
import { KeyholdError, verifyWebhook } from '@keyhold/sdk';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { EventsService } from '../../src/events/events.service';
import { LicenseExpirySweeper } from '../../src/licenses/license-expiry.sweeper';
import { WebhookWorker } from '../../src/webhooks/webhook-worker';
import { credential, endUser, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';
import { ReceivedRequest, sleep, WebhookReceiver } from '../utils/webhook-receiver';

/**
 * Webhooks end to end: a real HTTP receiver on 127.0.0.1, the real worker (driven by runOnce so
 * each test decides when deliveries go out), on PGlite and on a real PostgreSQL.
 */
// Retries, leases and a whole retry round run for real here (seconds, not minutes).
jest.setTimeout(90_000);

describe('webhooks', () => {
  let t: TestApp;
  let worker: WebhookWorker;
  let config: AppConfig;
  let db: DataSource;
  const receiver = new WebhookReceiver();
  let s: SellerFixture;
  let pathCount = 0;

  beforeAll(async () => {
    t = await createTestApp({
      WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_RETRY_BASE_MS: '1',
      WEBHOOK_TIMEOUT_MS: '1000', // a lease of 2 × 1 s + 1 s
      WEBHOOK_POLL_INTERVAL_MS: '3600000', // the tests run the worker themselves
    });
    worker = t.app.get(WebhookWorker);
    config = t.app.get<AppConfig>(APP_CONFIG);
    db = t.app.get(DataSource);
    await receiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
    receiver.answer = () => ({ status: 200, body: 'ok' });
  });
  afterEach(async () => {
    // Left-over deliveries of one test must not slow the next one down.
    for (const w of await s.client.webhooks.list(s.app.id)) await s.client.webhooks.remove(w.id);
  });

  /** A path of its own for each endpoint, so the receiver tells endpoints apart. */
  const newPath = () => `/hook-${++pathCount}`;

  async function endpoint(events: readonly WebhookEventName[] = WEBHOOK_EVENTS, path = newPath(), fixture = s) {
    const created = await fixture.client.webhooks.create({ appId: fixture.app.id, url: receiver.url(path), events: [...events] });
    return { ...created, path };
  }

  /** Runs the worker until `done()` holds (or fails after `ms`). */
  async function pump(done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > until) throw new Error('timed out waiting for webhook deliveries');
      await worker.runOnce();
      await sleep(3);
    }
  }

  /** Events of the app, oldest first, with the ids receivers see. */
  async function eventRows(appPublicId: string) {
    const rows: Array<{ id: string; name: string; data: Record<string, unknown>; created_at: Date }> = await db.query(
      `SELECT id, name, data, created_at FROM events WHERE app_id = $1 ORDER BY seq`,
      [fromPublicId('app', appPublicId)],
    );
    return rows.map((r) => ({
      id: `evt_${r.id.replace(/-/g, '')}`,
      name: r.name,
      data: r.data,
      timestamp: new Date(r.created_at).toISOString(),
    }));
  }

  async function verified(secret: string, r: ReceivedRequest): Promise<WebhookMessage> {
    const headers = r.headers as Record<string, string>;
    const viaPackage = new Webhook(secret).verify(r.body, headers) as WebhookMessage;
    const viaSdk = await verifyWebhook(secret, headers, r.body);
    expect(viaSdk).toEqual(viaPackage);
    expect(r.id).toBe(viaSdk.id);
    return viaSdk;
  }

  const ids = (requests: ReceivedRequest[]) => requests.map((r) => r.id);

  describe('admin routes', () => {
    it('creates with a secret shown once, lists, reads, updates, rotates and deletes', async () => {
      const created = await s.client.webhooks.create({ appId: s.app.id, url: receiver.url('/crud'), events: ['user.login', 'user.ban'] });
      expect(created).toMatchObject({
        id: expect.stringMatching(/^wh_[0-9a-f]{32}$/),
        appId: s.app.id,
        url: receiver.url('/crud'),
        events: ['user.login', 'user.ban'],
        enabled: true,
        disabledReason: null,
        consecutiveFailures: 0,
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      });
      const read = await s.client.webhooks.get(created.id);
      expect(read).not.toHaveProperty('secret');
      expect(await s.client.webhooks.list(s.app.id)).toEqual([read]);

      const updated = await s.client.webhooks.update(created.id, { events: ['license.delete'], enabled: false });
      expect(updated).toMatchObject({ events: ['license.delete'], enabled: false, disabledReason: null });

      const rotated = await s.client.webhooks.rotateSecret(created.id);
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(created.secret);

      expect(await s.client.webhooks.remove(created.id)).toEqual({ id: created.id, deleted: true });
      await expect(s.client.webhooks.get(created.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(await s.client.webhooks.list(s.app.id)).toEqual([]);
    });

    it("are documented in OpenAPI with the payload, the signature and each event's data", async () => {
      const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/admin/webhooks',
          '/v1/admin/webhooks/{id}',
          '/v1/admin/webhooks/{id}/rotate-secret',
          '/v1/admin/webhooks/{id}/test',
          '/v1/admin/webhooks/{id}/deliveries',
          '/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver',
        ]),
      );
      const description: string = doc.paths['/v1/admin/webhooks'].post.description;
      for (const text of ['webhook-signature', 'whsec_', ...WEBHOOK_EVENTS.map((e) => `| ${e} |`), '| webhook.test |'])
        expect(description).toContain(text);
      expect(Object.keys(doc.components.schemas)).toEqual(
        expect.arrayContaining(['WebhookEndpointWithSecretResponseDto', 'WebhookDeliveryResponseDto']),
      );
    });

    it('validates the body: scheme, events, unknown fields', async () => {
      const bad = [
        { appId: s.app.id, url: 'ftp://127.0.0.1/x', events: ['user.login'] },
        { appId: s.app.id, url: 'not a url', events: ['user.login'] },
        { appId: s.app.id, url: receiver.url(), events: ['user.logout'] },
        { appId: s.app.id, url: receiver.url(), events: [] },
        { appId: s.app.id, url: receiver.url(), events: ['user.login', 'user.login'] },
        { appId: s.app.id, url: receiver.url(), events: ['user.login'], secret: 'whsec_mine' },
        { appId: s.app.id, url: receiver.url() },
      ];
      for (const body of bad) {
        const res = await t.http.post('/v1/admin/webhooks').set('authorization', `Bearer ${s.token}`).send(body).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      const { id } = await endpoint(['user.login']);
      const res = await t.http
        .patch(`/v1/admin/webhooks/${id}`)
        .set('authorization', `Bearer ${s.token}`)
        .send({ url: 'gopher://x' })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      await t.http.get('/v1/admin/webhooks').set('authorization', `Bearer ${s.token}`).expect(400); // appId is required
      await t.http.get('/v1/admin/webhooks').query({ appId: s.app.id }).expect(401);
    });
  });

  describe('delivery', () => {
    it('delivers each of the events once, signed, with the data the change recorded', async () => {
      const all = await endpoint();
      const logins = await endpoint(['user.login']);
      const off = await endpoint();
      await s.client.webhooks.update(off.id, { enabled: false });

      const user = endUser(t.url, s);
      const [registerKey, licenseOnlyKey, doomedKey, expiringKey] = await keys(s, 4);
      const registered = await user.register({ username: 'alice', password: 'wonderland', licenseKey: registerKey, hwid: 'HW-1' });
      await user.login({ username: 'alice', password: 'wonderland', hwid: 'HW-1' });
      await endUser(t.url, s).licenseLogin({ licenseKey: licenseOnlyKey });
      await s.client.users.update(registered.user.id, { banned: true, banReason: 'chargeback' });
      const doomed = (await s.client.licenses.list({ appId: s.app.id, q: doomedKey })).data[0];
      await s.client.licenses.remove(doomed.id);
      const expiring = (await s.client.licenses.list({ appId: s.app.id, q: expiringKey })).data[0];
      await s.client.licenses.update(expiring.id, { expiresAt: '2020-01-01T00:00:00Z' });
      await t.app.get(LicenseExpirySweeper).sweep();

      const events = await eventRows(s.app.id);
      expect(new Set(events.map((e) => e.name))).toEqual(
        new Set(['user.register', 'license.activate', 'session.create', 'user.login', 'user.ban', 'license.delete', 'license.expire']),
      );
      const loginEvents = events.filter((e) => e.name === 'user.login');
      await pump(() => receiver.to(all.path).length >= events.length && receiver.to(logins.path).length >= loginEvents.length);
      await sleep(50);
      await worker.runOnce();

      // Once each, in event order, nothing for the disabled endpoint.
      expect(ids(receiver.to(all.path))).toEqual(events.map((e) => e.id));
      expect(ids(receiver.to(logins.path))).toEqual(loginEvents.map((e) => e.id));
      expect(receiver.to(off.path)).toEqual([]);

      for (const [i, r] of receiver.to(all.path).entries()) {
        const message = await verified(all.secret, r);
        expect(message).toEqual({ id: events[i].id, event: events[i].name, timestamp: events[i].timestamp, data: events[i].data });
        expect(JSON.parse(r.body)).toEqual(message);
        expect(r.headers['content-type']).toBe('application/json');
        expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
        // Another endpoint's secret does not verify it.
        expect(() => new Webhook(logins.secret).verify(r.body, r.headers as Record<string, string>)).toThrow();
      }
      for (const r of receiver.to(logins.path)) await verified(logins.secret, r);

      // The seed's data fields, as the modules record them.
      const data = (name: string) => events.filter((e) => e.name === name).map((e) => e.data);
      const userId = registered.user.id;
      expect(data('user.register')).toEqual([{ userId, username: 'alice', ip: expect.any(String), hwid: 'HW-1', country: null }]);
      expect(data('user.login')).toEqual([{ userId, username: 'alice', ip: expect.any(String), hwid: 'HW-1', country: null }]);
      expect(data('user.ban')).toEqual([{ userId, username: 'alice', reason: 'chargeback' }]);
      expect(data('license.activate')).toEqual([
        {
          licenseId: expect.stringMatching(/^lic_/),
          key: registerKey,
          userId,
          ip: expect.any(String),
          hwid: 'HW-1',
          country: null,
          expiresAt: expect.any(String),
        },
        {
          licenseId: expect.stringMatching(/^lic_/),
          key: licenseOnlyKey,
          ip: expect.any(String),
          hwid: null,
          country: null,
          expiresAt: expect.any(String),
        },
      ]);
      expect(data('license.delete')).toEqual([{ licenseId: doomed.id, key: doomedKey }]);
      expect(data('license.expire')).toEqual([{ licenseId: expiring.id, key: expiringKey, expiresAt: '2020-01-01T00:00:00.000Z' }]);
      expect(data('session.create')).toHaveLength(3);
      expect(data('session.create')[2]).toEqual({
        sessionId: expect.stringMatching(/^ses_/),
        licenseId: expect.stringMatching(/^lic_/),
        ip: expect.any(String),
        hwid: null,
        country: null,
      });

      // The log: every delivery succeeded on its first attempt.
      const log = await s.client.webhooks.deliveries(all.id, { limit: 100 });
      expect(log.meta.total).toBe(events.length);
      expect(log.data.map((d) => d.eventId)).toEqual(events.map((e) => e.id).reverse());
      for (const d of log.data) {
        expect(d).toMatchObject({
          id: expect.stringMatching(/^whd_/),
          status: 'succeeded',
          attempts: 1,
          nextAttemptAt: null,
          lastStatusCode: 200,
          lastError: null,
        });
        expect(d.attemptLog).toEqual([
          { attemptedAt: expect.any(String), statusCode: 200, latencyMs: expect.any(Number), error: null, responseExcerpt: 'ok' },
        ]);
      }
    });

    it('a receiver that is down (500, then refusing connections) gets everything afterwards, in order', async () => {
      const down = await endpoint(['user.login', 'session.create']);
      const healthy = await endpoint(['user.login', 'session.create']);
      await credential(s, 'bob', 'builder1');
      receiver.answer = (path) => (path === down.path ? { status: 500, body: 'maintenance' } : { status: 200, body: 'ok' });
      for (let i = 0; i < 4; i++) await endUser(t.url, s).login({ username: 'bob', password: 'builder1' });
      const events = await eventRows(s.app.id);
      expect(events).toHaveLength(8);

      // Three failed attempts answered 500; the healthy endpoint is not held up meanwhile.
      await pump(() => receiver.to(down.path).length >= 3 && receiver.accepted(healthy.path).length === 8);
      expect(ids(receiver.accepted(healthy.path))).toEqual(events.map((e) => e.id));

      // Then the receiver is gone: connections are refused for a few more attempts.
      await receiver.stop();
      const attemptsOfHead = async () => {
        const [row] = await db.query(`SELECT max(attempts) AS n FROM webhook_deliveries WHERE endpoint_id = $1`, [
          fromPublicId('webhook', down.id),
        ]);
        return Number(row.n);
      };
      const before = await attemptsOfHead();
      await pump(async () => (await attemptsOfHead()) >= before + 3);
      await receiver.start();
      receiver.answer = () => ({ status: 200, body: 'ok' });

      await pump(() => receiver.accepted(down.path).length >= 8);
      await sleep(50);
      await worker.runOnce();
      // Everything arrived, once, in event order; only the head of the line was ever retried.
      expect(ids(receiver.accepted(down.path))).toEqual(events.map((e) => e.id));
      const firstOfEach = [...new Set(ids(receiver.to(down.path)))];
      expect(firstOfEach).toEqual(events.map((e) => e.id));
      for (const r of receiver.accepted(down.path)) await verified(down.secret, r);

      const log = await s.client.webhooks.deliveries(down.id, { limit: 100 });
      const head = log.data.find((d) => d.eventId === events[0].id)!;
      expect(head.status).toBe('succeeded');
      expect(head.attempts).toBeGreaterThanOrEqual(7);
      expect(head.attemptLog).toHaveLength(head.attempts);
      expect(head.attemptLog.slice(0, 3).map((a) => [a.statusCode, a.error, a.responseExcerpt])).toEqual([
        [500, 'HTTP 500', 'maintenance'],
        [500, 'HTTP 500', 'maintenance'],
        [500, 'HTTP 500', 'maintenance'],
      ]);
      expect(head.attemptLog.some((a) => a.statusCode === null && /ECONNREFUSED/.test(a.error ?? ''))).toBe(true);
      expect(head.attemptLog.at(-1)).toMatchObject({ statusCode: 200, error: null });
      expect(log.data.filter((d) => d.eventId !== events[0].id).every((d) => d.attempts === 1 && d.status === 'succeeded')).toBe(true);
      expect((await s.client.webhooks.get(down.id)).consecutiveFailures).toBe(0);
    });

    it('a worker killed during a delivery: its lease runs out and the delivery is sent again, not lost', async () => {
      const ep = await endpoint(['user.ban']);
      const u = await credential(s, 'carol', 'password1');
      await s.client.users.update(u.id, { banned: true });
      const [event] = (await eventRows(s.app.id)).filter((e) => e.name === 'user.ban');

      // A second worker claims the delivery and then dies: it never sends, never records.
      const ghost = new WebhookWorker(db, config);
      const claimed = await ghost.claim(20);
      const mine = claimed.find((c) => c.endpointId === fromPublicId('webhook', ep.id));
      expect(mine).toBeDefined();
      const leasedAt = Date.now();

      // While the lease holds, nobody sends it.
      await worker.runOnce();
      await worker.runOnce();
      expect(receiver.to(ep.path)).toEqual([]);

      // After the lease (2 × 1 s + 1 s), it goes out.
      await pump(() => receiver.to(ep.path).length > 0, 15_000);
      expect(Date.now() - leasedAt).toBeGreaterThanOrEqual(2500);
      expect(ids(receiver.to(ep.path))).toEqual([event.id]);
      await verified(ep.secret, receiver.to(ep.path)[0]);
      const [delivery] = (await s.client.webhooks.deliveries(ep.id)).data;
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200 });

      // Should the stalled worker wake up and finish, its outcome cannot overwrite the newer one
      // (its request repeats the same webhook-id, which receivers drop).
      receiver.answer = () => ({ status: 500 });
      await ghost.deliver(mine!);
      const [after] = (await s.client.webhooks.deliveries(ep.id)).data;
      expect(after).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200 });
      expect(after.attemptLog.map((a) => a.statusCode)).toEqual([200, 500]);
    });

    it('a rolled-back change sends nothing', async () => {
      // Not auth.denied: the refused registration below is recorded as one, after its rollback.
      const ep = await endpoint(WEBHOOK_EVENTS.filter((e) => e !== 'auth.denied'));
      const [first, second] = await keys(s, 2);
      await endUser(t.url, s).register({ username: 'dave', password: 'password1', licenseKey: first });
      const committed = await eventRows(s.app.id);
      // The same username again: the whole registration rolls back.
      await expect(endUser(t.url, s).register({ username: 'dave', password: 'password2', licenseKey: second })).rejects.toMatchObject({
        code: 'USERNAME_TAKEN',
      });
      // An event recorded inside a transaction that then fails leaves no delivery behind.
      await expect(
        db.transaction(async (m) => {
          await t.app
            .get(EventsService)
            .record(m, fromPublicId('app', s.app.id)!, 'user.ban', { userId: 'usr_x', username: 'x', reason: null });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');

      expect((await eventRows(s.app.id)).filter((e) => e.name !== 'auth.denied')).toEqual(committed);
      const [row] = await db.query(`SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = $1`, [fromPublicId('webhook', ep.id)]);
      expect(Number(row.n)).toBe(committed.length);
      await pump(() => receiver.to(ep.path).length >= committed.length);
      await sleep(50);
      await worker.runOnce();
      expect(ids(receiver.to(ep.path))).toEqual(committed.map((e) => e.id));
    });

    it('workers racing on one database never send one delivery twice at once (nor twice at all)', async () => {
      const endpoints = [
        await endpoint(['user.login', 'session.create']),
        await endpoint(['user.login']),
        await endpoint(['session.create']),
      ];
      await credential(s, 'erin', 'password1');
      for (let i = 0; i < 6; i++) await endUser(t.url, s).login({ username: 'erin', password: 'password1' });
      const expected = [12, 6, 6];
      receiver.answer = () => ({ status: 200, body: 'ok', delayMs: 20 });

      // Several workers: this app's, two more on its DataSource, and on PostgreSQL two on a
      // DataSource of their own (as another API process would have).
      const workers = [worker, new WebhookWorker(db, config), new WebhookWorker(db, config)];
      let other: DataSource | undefined;
      if (t.databaseKind === 'postgres') {
        other = await new DataSource({ ...db.options, migrationsRun: false }).initialize();
        workers.push(new WebhookWorker(other, config), new WebhookWorker(other, config));
      }
      try {
        const until = Date.now() + 30_000;
        while (endpoints.some((e, i) => receiver.to(e.path).length < expected[i])) {
          if (Date.now() > until) throw new Error('timed out');
          await Promise.all(workers.flatMap((w) => [w.runOnce(), w.runOnce()]));
        }
        await Promise.all(workers.map((w) => w.runOnce()));
      } finally {
        await other?.destroy();
      }
      for (const [i, e] of endpoints.entries()) {
        const got = ids(receiver.to(e.path));
        expect(got).toHaveLength(expected[i]);
        expect(new Set(got).size).toBe(expected[i]);
        expect(receiver.maxInFlightPerPath.get(e.path)).toBe(1);
      }
      expect(receiver.concurrentDuplicates).toEqual([]);
    });

    it('sending never holds up the HTTP server, even with a receiver that does not answer', async () => {
      const ep = await endpoint(['user.ban']);
      receiver.answer = (path) => (path === ep.path ? { status: 200, hang: true } : { status: 200 });
      const u = await credential(s, 'frank', 'password1');
      await s.client.users.update(u.id, { banned: true });
      let attemptOver = false;
      const running = worker.runOnce().finally(() => (attemptOver = true));
      while (receiver.to(ep.path).length === 0) await sleep(5); // the request is in flight
      // The API (and its database, a single connection on PGlite) answers while the attempt hangs.
      expect((await s.client.webhooks.get(ep.id)).enabled).toBe(true);
      expect((await s.client.webhooks.deliveries(ep.id)).data[0]).toMatchObject({ status: 'pending', attempts: 1, attemptLog: [] });
      await t.http.get('/health').expect(200);
      expect(attemptOver).toBe(false);
      expect(await running).toBeGreaterThanOrEqual(1);
      const [delivery] = (await s.client.webhooks.deliveries(ep.id)).data;
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'Timed out after 1000 ms' });
      expect(delivery.attemptLog[0].latencyMs).toBeGreaterThanOrEqual(900);
    });

    it('a worker stopped by a shutdown cuts its requests short and leaves them to be sent again at once', async () => {
      const ep = await endpoint(['user.ban']);
      receiver.answer = (path, _id, index) => (path === ep.path && index === 0 ? { status: 200, hang: true } : { status: 200 });
      const u = await credential(s, 'fiona', 'password1');
      await s.client.users.update(u.id, { banned: true });
      const stopping = new WebhookWorker(db, config);
      const running = stopping.runOnce();
      while (receiver.to(ep.path).length === 0) await sleep(5);
      const started = Date.now();
      await stopping.onModuleDestroy();
      expect(Date.now() - started).toBeLessThan(900); // before the 1 s attempt timeout
      await running;
      expect(await stopping.runOnce()).toBe(0); // a stopped worker claims nothing more

      const [interrupted] = (await s.client.webhooks.deliveries(ep.id)).data;
      expect(interrupted).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Aborted: the server is shutting down' });
      expect((await s.client.webhooks.get(ep.id)).consecutiveFailures).toBe(0);
      await pump(() => receiver.accepted(ep.path).length === 1);
      expect(receiver.accepted(ep.path)[0].id).toBe(receiver.to(ep.path)[0].id);
    });

    it('keeps only the first kilobyte of an answer', async () => {
      const ep = await endpoint(['user.ban']);
      receiver.answer = () => ({ status: 200, body: 'x'.repeat(5000) });
      const u = await credential(s, 'gina', 'password1');
      await s.client.users.update(u.id, { banned: true });
      await pump(() => receiver.to(ep.path).length === 1);
      await pump(async () => (await s.client.webhooks.deliveries(ep.id)).data[0].status === 'succeeded');
      const [delivery] = (await s.client.webhooks.deliveries(ep.id)).data;
      expect(delivery.attemptLog[0].responseExcerpt).toBe('x'.repeat(1024));
    });

    it('disables an endpoint whose attempts keep failing, with the reason; re-enabling resumes', async () => {
      const ep = await endpoint(['user.ban', 'license.delete']);
      receiver.answer = (path) => (path === ep.path ? { status: 503, body: 'down' } : { status: 200 });
      const u = await credential(s, 'hank', 'password1');
      await s.client.users.update(u.id, { banned: true });
      const [key] = await keys(s, 1);
      const license = (await s.client.licenses.list({ appId: s.app.id, q: key })).data[0];
      await s.client.licenses.remove(license.id);

      await pump(async () => !(await s.client.webhooks.get(ep.id)).enabled, 60_000);
      const disabled = await s.client.webhooks.get(ep.id);
      expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: 15 });
      expect(disabled.disabledReason).toBe('Disabled automatically after 15 failed attempts in a row; last error: HTTP 503');
      const log = await s.client.webhooks.deliveries(ep.id);
      const ban = log.data.find((d) => d.event === 'user.ban')!;
      const del = log.data.find((d) => d.event === 'license.delete')!;
      expect(ban).toMatchObject({ status: 'failed', attempts: 15, nextAttemptAt: null, lastStatusCode: 503, lastError: 'HTTP 503' });
      expect(ban.attemptLog).toHaveLength(15);
      // Ordered delivery: the later one waited behind it and was never tried.
      expect(del).toMatchObject({ status: 'pending', attempts: 0 });
      expect(receiver.to(ep.path).every((r) => r.id === ban.eventId)).toBe(true);

      // Events while disabled are not queued for it; test sends and redeliveries are refused.
      const u2 = await credential(s, 'hank2', 'password1');
      await s.client.users.update(u2.id, { banned: true });
      expect((await s.client.webhooks.deliveries(ep.id)).meta.total).toBe(2);
      await expect(s.client.webhooks.test(ep.id)).rejects.toMatchObject({ status: 400, code: 'BAD_REQUEST' });
      await expect(s.client.webhooks.redeliver(ep.id, ban.id)).rejects.toMatchObject({ status: 400, code: 'BAD_REQUEST' });

      // Re-enabled: the reason and count are cleared and the waiting delivery goes out.
      receiver.answer = () => ({ status: 204 });
      const enabled = await s.client.webhooks.update(ep.id, { enabled: true });
      expect(enabled).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
      await pump(() => receiver.accepted(ep.path).length === 1);
      expect(receiver.accepted(ep.path)[0].id).toBe(del.eventId);
    });
  });

  describe('test sends and redeliveries', () => {
    it('a test send delivers a signed webhook.test event to that endpoint only', async () => {
      const ep = await endpoint(['user.login']);
      const other = await endpoint(['user.login']);
      const queued = await s.client.webhooks.test(ep.id);
      expect(queued).toMatchObject({
        id: expect.stringMatching(/^whd_/),
        eventId: expect.stringMatching(/^evt_/),
        event: 'webhook.test',
        status: 'pending',
        attempts: 0,
      });
      await pump(() => receiver.to(ep.path).length === 1);
      const message = await verified(ep.secret, receiver.to(ep.path)[0]);
      expect(message).toEqual({
        id: queued.eventId,
        event: 'webhook.test',
        timestamp: expect.any(String),
        data: { webhookId: ep.id, message: 'Test event from Keyhold' },
      });
      await worker.runOnce();
      expect(receiver.to(other.path)).toEqual([]);
    });

    it('redelivers with the same webhook-id and body, as a new attempt in the log', async () => {
      const ep = await endpoint(['user.ban']);
      const u = await credential(s, 'ivan', 'password1');
      await s.client.users.update(u.id, { banned: true });
      await pump(() => receiver.to(ep.path).length === 1);
      await pump(async () => (await s.client.webhooks.deliveries(ep.id)).data[0].status === 'succeeded');
      const [delivery] = (await s.client.webhooks.deliveries(ep.id)).data;

      const requeued = await s.client.webhooks.redeliver(ep.id, delivery.id);
      expect(requeued).toMatchObject({ id: delivery.id, status: 'pending', attempts: 1, nextAttemptAt: expect.any(String) });
      await pump(() => receiver.to(ep.path).length === 2);
      const [first, again] = receiver.to(ep.path);
      expect(again.id).toBe(first.id);
      expect(again.body).toBe(first.body);
      await verified(ep.secret, again);
      await pump(async () => (await s.client.webhooks.deliveries(ep.id)).data[0].status === 'succeeded');
      const [after] = (await s.client.webhooks.deliveries(ep.id)).data;
      expect(after).toMatchObject({ id: delivery.id, eventId: delivery.eventId, attempts: 2 });
      expect(after.attemptLog).toHaveLength(2);
    });

    it('a rotated secret signs the next deliveries; the old one no longer verifies', async () => {
      const ep = await endpoint(['user.ban']);
      const rotated = await s.client.webhooks.rotateSecret(ep.id);
      const u = await credential(s, 'judy', 'password1');
      await s.client.users.update(u.id, { banned: true });
      await pump(() => receiver.to(ep.path).length === 1);
      const r = receiver.to(ep.path)[0];
      await verified(rotated.secret, r);
      await expect(verifyWebhook(ep.secret, r.headers as Record<string, string>, r.body)).rejects.toThrow('No matching signature');
    });

    it('lists the log page by page and by status', async () => {
      const ep = await endpoint(['user.ban']);
      for (const name of ['kim1', 'kim2', 'kim3']) {
        const u = await credential(s, name, 'password1');
        await s.client.users.update(u.id, { banned: true });
      }
      await pump(() => receiver.to(ep.path).length === 3);
      await pump(async () => (await s.client.webhooks.deliveries(ep.id, { status: 'succeeded' })).meta.total === 3);
      const all = await s.client.webhooks.deliveries(ep.id);
      const page2 = await s.client.webhooks.deliveries(ep.id, { page: 2, limit: 1 });
      expect(page2.meta).toEqual({ total: 3, page: 2, limit: 1 });
      expect(page2.data.map((d) => d.id)).toEqual([all.data[1].id]);
      expect((await s.client.webhooks.deliveries(ep.id, { status: 'failed' })).data).toEqual([]);
      await t.http
        .get(`/v1/admin/webhooks/${ep.id}/deliveries`)
        .query({ status: 'lost' })
        .set('authorization', `Bearer ${s.token}`)
        .expect(400);
    });
  });

  describe('tenant isolation', () => {
    it('another seller can neither see, change, test, redeliver nor delete an endpoint (404)', async () => {
      const mine: WebhookEndpointWithSecretResponse & { path: string } = await endpoint(['user.ban']);
      const u = await credential(s, 'kate', 'password1');
      await s.client.users.update(u.id, { banned: true });
      const [delivery] = (await s.client.webhooks.deliveries(mine.id)).data;
      const intruder = await sellerWithApp(t.url, 'Other');
      const theirs = await endpoint(['user.ban'], newPath(), intruder);

      const denied = async (p: Promise<unknown>) => {
        const e = await p.catch((err: unknown) => err);
        expect(e).toBeInstanceOf(KeyholdError);
        expect(e).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      };
      const w = intruder.client.webhooks;
      await denied(w.get(mine.id));
      await denied(w.update(mine.id, { enabled: false }));
      await denied(w.rotateSecret(mine.id));
      await denied(w.test(mine.id));
      await denied(w.deliveries(mine.id));
      await denied(w.redeliver(mine.id, delivery.id));
      await denied(w.redeliver(theirs.id, delivery.id)); // my delivery under their endpoint
      await denied(w.remove(mine.id));
      await denied(w.list(s.app.id));
      await denied(w.create({ appId: s.app.id, url: receiver.url('/x'), events: ['user.ban'] }));
      await denied(w.get('wh_nothex'));
      await denied(w.redeliver(theirs.id, 'whd_0000'));
      expect(await s.client.webhooks.get(mine.id)).toMatchObject({ enabled: true, id: mine.id });
      expect(await w.list(intruder.app.id)).toHaveLength(1);
    });
  });
});
