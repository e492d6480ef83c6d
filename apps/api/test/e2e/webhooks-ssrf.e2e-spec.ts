import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { credential } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';
import { sleep, WebhookReceiver } from '../utils/webhook-receiver';

jest.setTimeout(60_000);

/**
 * The SSRF guard with WEBHOOKS_ALLOW_PRIVATE_URLS off (the default): private targets are refused
 * when saved and again at delivery time. Here the interval worker sends (no runOnce).
 * No request leaves this machine: every URL below is refused before any connection, and the one
 * public address (a documentation range) belongs to a disabled endpoint that is never sent to.
 */
describe('webhooks: private URLs refused', () => {
  let t: TestApp;
  let s: SellerFixture;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    t = await createTestApp({ WEBHOOK_POLL_INTERVAL_MS: '50', WEBHOOK_RETRY_BASE_MS: '60000' });
    await receiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
  });

  const create = (url: string, enabled = true) =>
    t.http
      .post('/v1/admin/webhooks')
      .set('authorization', `Bearer ${s.token}`)
      .send({ appId: s.app.id, url, events: ['user.ban'], enabled });

  it('refuses loopback, private, link-local and unresolvable hosts on create and update (400 VALIDATION_FAILED)', async () => {
    for (const url of [
      receiver.url('/hook'),
      `http://localhost:${receiver.port}/hook`,
      'http://[::1]/hook',
      'http://10.0.0.7/hook',
      'http://172.20.1.1/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/hook',
      'http://0.0.0.0/hook',
      'http://[fd00::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://2130706433/hook', // 127.0.0.1 written as a number
      'https://no-such-host.invalid/hook',
    ]) {
      const res = await create(url).expect(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'url', reason: expect.any(String) }] });
    }
    expect((await create('http://10.0.0.7/hook').expect(400)).body.error.details[0].reason).toMatch(
      /^Refused: 10\.0\.0\.7 resolves to 10\.0\.0\.7, a private, loopback or link-local address/,
    );

    // A public address is accepted (created disabled: nothing is ever sent to it).
    const created = await create('https://203.0.113.10/hook', false).expect(201);
    const res = await t.http
      .patch(`/v1/admin/webhooks/${created.body.data.id}`)
      .set('authorization', `Bearer ${s.token}`)
      .send({ url: `http://localhost:${receiver.port}/x` })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((await s.client.webhooks.get(created.body.data.id)).url).toBe('https://203.0.113.10/hook');
    await s.client.webhooks.remove(created.body.data.id);
    expect(await s.client.webhooks.list(s.app.id)).toEqual([]);
  });

  it('checks again at delivery time: a host that now points inward fails the attempt with a clear error', async () => {
    // Two endpoints saved with a public address, then (as a DNS rebinding or a direct edit would)
    // pointed at this machine: one by IP literal, one by a name that resolves to loopback.
    const literal = (await create('https://203.0.113.10/a', false).expect(201)).body.data;
    const named = (await create('https://203.0.113.10/b', false).expect(201)).body.data;
    const db = t.app.get(DataSource);
    await db.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [fromPublicId('webhook', literal.id), receiver.url('/a')]);
    await db.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [
      fromPublicId('webhook', named.id),
      `http://localhost:${receiver.port}/b`,
    ]);
    await s.client.webhooks.update(literal.id, { enabled: true });
    await s.client.webhooks.update(named.id, { enabled: true });

    const u = await credential(s, 'mallory', 'password1');
    await s.client.users.update(u.id, { banned: true });

    // The interval worker attempts both within a few polls.
    const attempted = async (id: string) => (await s.client.webhooks.deliveries(id)).data[0]?.attempts === 1;
    const until = Date.now() + 20_000;
    while (!((await attempted(literal.id)) && (await attempted(named.id)))) {
      if (Date.now() > until) throw new Error('the interval worker did not attempt the deliveries');
      await sleep(50);
    }
    const [a] = (await s.client.webhooks.deliveries(literal.id)).data;
    const [b] = (await s.client.webhooks.deliveries(named.id)).data;
    expect(a).toMatchObject({ status: 'pending', lastStatusCode: null });
    expect(a.lastError).toMatch(/^Refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1, a private, loopback or link-local address/);
    expect(b).toMatchObject({ status: 'pending', lastStatusCode: null });
    expect(b.lastError).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1), a private, loopback or link-local address/);
    expect(a.attemptLog[0]).toMatchObject({ statusCode: null, error: a.lastError, responseExcerpt: null });
    expect(receiver.requests).toEqual([]);
  });
});
