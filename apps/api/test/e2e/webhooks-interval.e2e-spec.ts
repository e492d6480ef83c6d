import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { credential } from '../factories/client';
import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';
import { sleep, WebhookReceiver } from '../utils/webhook-receiver';

jest.setTimeout(60_000);

/** The worker as production runs it: on its interval, with no help from the test. */
describe('webhooks: the interval worker', () => {
  let t: TestApp;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    t = await createTestApp({
      WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '20',
      WEBHOOK_TIMEOUT_MS: '3000',
      WEBHOOK_RETRY_BASE_MS: '1',
    });
    await receiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function waitFor(done: () => boolean, ms = 20_000): Promise<void> {
    const until = Date.now() + ms;
    while (!done()) {
      if (Date.now() > until) throw new Error('timed out');
      await sleep(10);
    }
  }

  it('delivers on its own, in order, and a receiver that hangs holds up no other endpoint', async () => {
    const s = await sellerWithApp(t.url);
    const slow = await s.client.webhooks.create({ appId: s.app.id, url: receiver.url('/slow'), events: ['user.ban'] });
    const fast = await s.client.webhooks.create({ appId: s.app.id, url: receiver.url('/fast'), events: ['user.ban'] });
    // The slow receiver never answers its first request (the 3 s timeout ends it), then answers.
    receiver.answer = (path, _id, index) => (path === '/slow' && index === 0 ? { status: 200, hang: true } : { status: 200, body: 'ok' });

    for (let i = 0; i < 5; i++) {
      const u = await credential(s, `user${i}`, 'password1');
      await s.client.users.update(u.id, { banned: true });
    }
    const events: Array<{ id: string }> = await t.app
      .get(DataSource)
      .query(`SELECT id FROM events WHERE app_id = $1 ORDER BY seq`, [fromPublicId('app', s.app.id)]);
    const expected = events.map((e) => `evt_${e.id.replace(/-/g, '')}`);
    expect(expected).toHaveLength(5);

    // All five reach the fast endpoint while the slow one's first request is still hanging.
    await waitFor(() => receiver.accepted('/fast').length === 5);
    expect(receiver.to('/slow')).toHaveLength(1);
    expect((await s.client.webhooks.deliveries(slow.id)).data.every((d) => d.attemptLog.length === 0)).toBe(true);

    // After the timeout the slow endpoint gets everything too, in order, its first one retried.
    await waitFor(() => receiver.accepted('/slow').length === 5);
    await sleep(100);
    expect(receiver.accepted('/fast').map((r) => r.id)).toEqual(expected);
    expect(receiver.accepted('/slow').map((r) => r.id)).toEqual(expected);
    expect(receiver.to('/slow').map((r) => r.id)).toEqual([expected[0], ...expected]);
    expect(receiver.maxInFlightPerPath.get('/slow')).toBe(1);
    expect(receiver.maxInFlightPerPath.get('/fast')).toBe(1);
    expect(receiver.concurrentDuplicates).toEqual([]);

    const first = (await s.client.webhooks.deliveries(slow.id)).data.find((d) => d.eventId === expected[0])!;
    expect(first).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(first.attemptLog[0]).toMatchObject({ statusCode: null, error: 'Timed out after 3000 ms' });
    expect((await s.client.webhooks.get(fast.id)).consecutiveFailures).toBe(0);
  });
});
