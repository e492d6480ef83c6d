import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { fromPublicId, toPublicId } from '../../src/common/ids';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { RetentionRepository } from '../../src/retention/retention.repository';
import { RetentionService } from '../../src/retention/retention.service';
import { credential, endUser } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Retention on a real database (PostgreSQL, and PGlite): rows are made through the API, aged in
 * the database, and pruned by the real service. Defaults: sessions 30 days, events 90, attempts 30.
 */
jest.setTimeout(90_000);

describe('retention', () => {
  let t: TestApp;
  let db: DataSource;
  let config: AppConfig;
  let retention: RetentionService;
  let s: SellerFixture;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({
      WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '3600000', // no delivery attempt is made behind the tests' backs
      RETENTION_INTERVAL_MS: '86400000',
    });
    db = t.app.get(DataSource);
    config = t.app.get<AppConfig>(APP_CONFIG);
    retention = t.app.get(RetentionService);
    await retention.idle(); // the first check at start
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
  });

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => db.query(text, params);
  const appId = () => fromPublicId('app', s.app.id);
  const ago = (days: number) => `now() - make_interval(days => ${days})`;

  /** `count` client sessions of a new end user of the fixture's app (each login also records events). */
  async function sessions(count: number): Promise<string[]> {
    const username = `user${++n}`;
    await credential(s, username, 'password1');
    for (let i = 0; i < count; i++) await endUser(t.url, s).login({ username, password: 'password1' });
    const rows = await sql<{ id: string }>(
      `SELECT s.id FROM sessions s JOIN app_users u ON u.id = s.user_id WHERE u.username = $1 ORDER BY s.created_at, s.id`,
      [username],
    );
    expect(rows).toHaveLength(count);
    return rows.map((r) => r.id);
  }

  const remainingSessions = async () =>
    (await sql<{ id: string }>(`SELECT id FROM sessions WHERE app_id = $1`, [appId()])).map((r) => r.id).sort();

  it('checks at start whether a run is due, and records that it ran', async () => {
    const [task] = await sql<{ holder: string; lease_until: Date | null; last_started_at: Date; last_finished_at: Date }>(
      `SELECT holder, lease_until, last_started_at, last_finished_at FROM scheduled_tasks WHERE name = 'retention'`,
    );
    expect(task).toMatchObject({ holder: retention.holder, lease_until: null });
    expect(new Date(task.last_finished_at).getTime()).toBeGreaterThanOrEqual(new Date(task.last_started_at).getTime());
    // Not due again for an interval.
    expect(await retention.run()).toBeNull();
  });

  it('removes sessions that expired or were revoked more than RETENTION_SESSIONS_DAYS ago, and no other', async () => {
    const [expiredLong, expiredRecently, revokedLong, revokedRecently, openOld] = await sessions(5);
    await sql(`UPDATE sessions SET created_at = ${ago(32)}, expires_at = ${ago(31)} WHERE id = $1`, [expiredLong]);
    await sql(`UPDATE sessions SET created_at = ${ago(30)}, expires_at = ${ago(29)} WHERE id = $1`, [expiredRecently]);
    // Revoked 31 days ago, expired only 10 days ago: the revocation counts.
    await sql(`UPDATE sessions SET created_at = ${ago(40)}, revoked_at = ${ago(31)}, expires_at = ${ago(10)} WHERE id = $1`, [revokedLong]);
    await sql(`UPDATE sessions SET created_at = ${ago(40)}, revoked_at = ${ago(1)} WHERE id = $1`, [revokedRecently]);
    // Started long ago but still open (a long CLIENT_TOKEN_TTL_SECONDS): not ended, so kept.
    await sql(`UPDATE sessions SET created_at = ${ago(400)} WHERE id = $1`, [openOld]);

    const result = await retention.run({ ignoreSchedule: true });
    expect(result).toEqual({ sessions: 2, events: 0, webhookAttempts: 0 });
    expect(await remainingSessions()).toEqual([expiredRecently, revokedRecently, openOld].sort());
  });

  it('removes events older than RETENTION_EVENTS_DAYS with their finished deliveries and attempts, never one with a delivery pending', async () => {
    const endpoint = await s.client.webhooks.create({ appId: s.app.id, url: 'http://127.0.0.1:9/hook', events: ['user.login'] });
    await sessions(4); // four user.login events, each with a delivery (and a session.create without)
    const logins = await sql<{ event_id: string; delivery_id: string }>(
      `SELECT e.id AS event_id, d.id AS delivery_id FROM events e JOIN webhook_deliveries d ON d.event_id = e.id
        WHERE e.app_id = $1 ORDER BY e.seq`,
      [appId()],
    );
    expect(logins).toHaveLength(4);
    const [succeeded, failed, pending, recent] = logins;
    await sql(`UPDATE events SET created_at = ${ago(91)} WHERE app_id = $1`, [appId()]);
    await sql(`UPDATE events SET created_at = ${ago(89)} WHERE id = $1`, [recent.event_id]);
    await sql(`UPDATE webhook_deliveries SET status = 'succeeded' WHERE id = ANY($1::uuid[])`, [
      [succeeded.delivery_id, recent.delivery_id],
    ]);
    await sql(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1`, [failed.delivery_id]);
    for (const d of [succeeded, failed, pending]) {
      await sql(`INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms) VALUES ($1, ${ago(1)}, 500, 12)`, [
        d.delivery_id,
      ]);
    }
    const before = await sql<{ id: string; name: string }>(`SELECT id, name FROM events WHERE app_id = $1`, [appId()]);
    const oldSessionEvents = before.filter((e) => e.name !== 'user.login').map((e) => e.id);
    expect(oldSessionEvents.length).toBeGreaterThanOrEqual(4);

    const result = await retention.run({ ignoreSchedule: true });
    expect(result).toEqual({ sessions: 0, events: 2 + oldSessionEvents.length, webhookAttempts: 0 });
    const events = (await sql<{ id: string }>(`SELECT id FROM events WHERE app_id = $1`, [appId()])).map((e) => e.id).sort();
    expect(events).toEqual([pending.event_id, recent.event_id].sort());
    const deliveries = await sql<{ id: string; status: string }>(
      `SELECT d.id, d.status FROM webhook_deliveries d WHERE d.endpoint_id = $1 ORDER BY d.event_seq`,
      [fromPublicId('webhook', endpoint.id)],
    );
    expect(deliveries).toEqual([
      { id: pending.delivery_id, status: 'pending' },
      { id: recent.delivery_id, status: 'succeeded' },
    ]);
    const attempts = await sql<{ delivery_id: string }>(`SELECT delivery_id FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[])`, [
      logins.map((l) => l.delivery_id),
    ]);
    expect(attempts).toEqual([{ delivery_id: pending.delivery_id }]);

    // The seller's delivery log still reads, and a pruned delivery is simply gone.
    const log = await s.client.webhooks.deliveries(endpoint.id);
    expect(log.data.map((d) => d.status).sort()).toEqual(['pending', 'succeeded']);
    const prunedId = toPublicId('delivery', succeeded.delivery_id);
    await expect(s.client.webhooks.redeliver(endpoint.id, prunedId)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });

    // Once its delivery is done, the old event goes too.
    await sql(`UPDATE webhook_deliveries SET status = 'succeeded' WHERE id = $1`, [pending.delivery_id]);
    expect(await retention.run({ ignoreSchedule: true })).toEqual({ sessions: 0, events: 1, webhookAttempts: 0 });
    expect(await sql(`SELECT 1 FROM webhook_deliveries WHERE id = $1`, [pending.delivery_id])).toEqual([]);
  });

  it('an old event whose finished delivery is redelivered stays, also when the redelivery races the pruning', async () => {
    const endpoint = await s.client.webhooks.create({ appId: s.app.id, url: 'http://127.0.0.1:9/hook', events: ['user.login'] });
    await sessions(2);
    const deliveries = await sql<{ id: string; event_id: string }>(
      `SELECT id, event_id FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY event_seq`,
      [fromPublicId('webhook', endpoint.id)],
    );
    await sql(`UPDATE webhook_deliveries SET status = 'failed' WHERE endpoint_id = $1`, [fromPublicId('webhook', endpoint.id)]);
    await sql(`UPDATE events SET created_at = ${ago(91)} WHERE app_id = $1 AND name = 'user.login'`, [appId()]);
    const [redelivered, racing] = deliveries;

    // Redelivered before the run: pending again, so its event is kept.
    await s.client.webhooks.redeliver(endpoint.id, toPublicId('delivery', redelivered.id));
    const kept = [redelivered.event_id];
    if (t.databaseKind === 'postgres') {
      // Another process is redelivering right now (its transaction holds the delivery): the run
      // neither waits for it nor takes the event; it is left for a later run. (PGlite has one
      // connection: no second transaction can be open while the run goes.)
      const other = new Client({ connectionString: (db.options as { url: string }).url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1`, [racing.id]);
        expect(await retention.run({ ignoreSchedule: true })).toEqual({ sessions: 0, events: 0, webhookAttempts: 0 });
        await other.query('COMMIT');
      } finally {
        await other.end();
      }
      kept.push(racing.event_id);
    }
    const result = await retention.run({ ignoreSchedule: true });
    expect(result).toEqual({ sessions: 0, events: 2 - kept.length, webhookAttempts: 0 });
    const events = (await sql<{ id: string }>(`SELECT id FROM events WHERE app_id = $1 AND name = 'user.login'`, [appId()]))
      .map((e) => e.id)
      .sort();
    expect(events).toEqual(kept.sort());
    const log = await s.client.webhooks.deliveries(endpoint.id);
    expect(log.data.map((d) => d.status)).toEqual(kept.map(() => 'pending'));
  });

  it('removes webhook attempts older than RETENTION_WEBHOOK_ATTEMPTS_DAYS, keeping their delivery and the newer attempts', async () => {
    const endpoint = await s.client.webhooks.create({ appId: s.app.id, url: 'http://127.0.0.1:9/hook', events: ['user.login'] });
    await sessions(1);
    const [delivery] = await sql<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE endpoint_id = $1`, [
      fromPublicId('webhook', endpoint.id),
    ]);
    for (const days of [45, 31, 29, 0]) {
      await sql(`INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms) VALUES ($1, ${ago(days)}, $2, 5)`, [
        delivery.id,
        500 + days,
      ]);
    }
    expect(await retention.run({ ignoreSchedule: true })).toEqual({ sessions: 0, events: 0, webhookAttempts: 2 });
    const [listed] = (await s.client.webhooks.deliveries(endpoint.id)).data;
    expect(listed.status).toBe('pending');
    expect(listed.attemptLog.map((a) => a.statusCode)).toEqual([529, 500]);
  });

  it('an age of 0 keeps that kind forever', async () => {
    const [session] = await sessions(1);
    await sql(`UPDATE sessions SET created_at = ${ago(4000)}, expires_at = ${ago(3999)}, revoked_at = ${ago(3999)} WHERE id = $1`, [
      session,
    ]);
    await sql(`UPDATE events SET created_at = ${ago(4000)} WHERE app_id = $1`, [appId()]);
    const eventCount = async () =>
      Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE app_id = $1`, [appId()]))[0].n);
    const events = await eventCount();
    expect(events).toBeGreaterThan(0);

    const keepAll = { ...config, retention: { ...config.retention, sessionsDays: 0, eventsDays: 0, webhookAttemptsDays: 0 } };
    const forever = new RetentionService(new RetentionRepository(db), keepAll);
    expect(await forever.run({ ignoreSchedule: true })).toEqual({ sessions: 0, events: 0, webhookAttempts: 0 });
    expect(await remainingSessions()).toEqual([session]);
    expect(await eventCount()).toBe(events);

    // The defaults do remove them: they were prunable.
    expect(await retention.run({ ignoreSchedule: true })).toEqual({ sessions: 1, events, webhookAttempts: 0 });
    expect(await remainingSessions()).toEqual([]);
  });

  it('prunes in bounded batches until nothing old is left', async () => {
    const ids = await sessions(11);
    await sql(`UPDATE sessions SET created_at = ${ago(60)}, expires_at = ${ago(59)} WHERE id = ANY($1::uuid[])`, [ids]);
    await sql(`UPDATE events SET created_at = ${ago(100)} WHERE app_id = $1`, [appId()]);
    const events = Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE app_id = $1`, [appId()]))[0].n);
    expect(events).toBeGreaterThan(11);
    expect(await retention.run({ ignoreSchedule: true, batchSize: 3 })).toEqual({ sessions: 11, events, webhookAttempts: 0 });
    expect(await remainingSessions()).toEqual([]);
    expect(await sql(`SELECT 1 FROM events WHERE app_id = $1`, [appId()])).toEqual([]);
  });

  describe('once across several API processes', () => {
    const setTask = (set: string) => sql(`UPDATE scheduled_tasks SET ${set} WHERE name = 'retention'`);

    it('of processes racing for a due run, exactly one prunes; the others wait for the next interval', async () => {
      const ids = await sessions(6);
      await sql(`UPDATE sessions SET expires_at = ${ago(31)} WHERE id = ANY($1::uuid[])`, [ids]);
      await setTask(`last_started_at = ${ago(2)}, lease_until = NULL`); // due

      // This app's service, two more on its DataSource, and on PostgreSQL two on a DataSource of
      // their own (as other API processes would have).
      const services = [
        retention,
        new RetentionService(new RetentionRepository(db), config),
        new RetentionService(new RetentionRepository(db), config),
      ];
      let other: DataSource | undefined;
      if (t.databaseKind === 'postgres') {
        other = await new DataSource({ ...db.options, migrationsRun: false }).initialize();
        services.push(
          new RetentionService(new RetentionRepository(other), config),
          new RetentionService(new RetentionRepository(other), config),
        );
      }
      try {
        const results = await Promise.all(services.flatMap((r) => [r.run({ batchSize: 2 }), r.run({ batchSize: 2 })]));
        const ran = results.filter((r) => r !== null);
        expect(ran).toEqual([{ sessions: 6, events: 0, webhookAttempts: 0 }]);
        expect(await remainingSessions()).toEqual([]);
        // Not due again until an interval has passed, whichever process asks.
        expect(await Promise.all(services.map((r) => r.run()))).toEqual(services.map(() => null));
      } finally {
        await other?.destroy();
      }
    });

    it('a lease held by a live process is respected; one left by a process that died runs out and is taken over', async () => {
      const [session] = await sessions(1);
      await sql(`UPDATE sessions SET expires_at = ${ago(31)} WHERE id = $1`, [session]);
      await setTask(`holder = 'another-process', lease_until = now() + interval '1 minute'`);
      expect(await retention.run({ ignoreSchedule: true })).toBeNull();
      expect(await remainingSessions()).toEqual([session]);

      await setTask(`lease_until = now() - interval '1 second'`); // its holder was killed mid-run
      expect(await retention.run({ ignoreSchedule: true })).toEqual({ sessions: 1, events: 0, webhookAttempts: 0 });
      expect(await remainingSessions()).toEqual([]);
      const [task] = await sql<{ holder: string; lease_until: Date | null }>(
        `SELECT holder, lease_until FROM scheduled_tasks WHERE name = 'retention'`,
      );
      expect(task).toEqual({ holder: retention.holder, lease_until: null });
    });

    it('a run whose lease was taken over stops at its next batch and leaves the new holder alone', async () => {
      const ids = await sessions(60);
      await sql(`UPDATE sessions SET expires_at = ${ago(31)} WHERE id = ANY($1::uuid[])`, [ids]);
      const running = retention.run({ ignoreSchedule: true, batchSize: 1 });
      // As soon as it holds the lease, another process takes it over (as if this one had stalled past it).
      const steal = () =>
        sql(
          `WITH taken AS (
             UPDATE scheduled_tasks SET holder = 'another-process', lease_until = now() + interval '1 minute'
              WHERE name = 'retention' AND holder = $1 AND lease_until IS NOT NULL RETURNING 1
           ) SELECT 1 FROM taken`,
          [retention.holder],
        );
      while ((await steal()).length === 0);
      const result = await running;
      expect(result?.sessions).toBeGreaterThan(0);
      expect(result?.sessions).toBeLessThan(ids.length);
      expect(await remainingSessions()).toHaveLength(ids.length - (result?.sessions ?? 0));
      const [task] = await sql<{ holder: string; lease_until: Date | null }>(
        `SELECT holder, lease_until FROM scheduled_tasks WHERE name = 'retention'`,
      );
      expect(task.holder).toBe('another-process');
      expect(task.lease_until).not.toBeNull();
      await setTask(`lease_until = NULL`);
    });
  });
});
