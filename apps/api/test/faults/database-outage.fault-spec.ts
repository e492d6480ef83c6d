import type { NestExpressApplication } from '@nestjs/platform-express';
import type { WebhookMessage } from '@keyhold/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyholdApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { Pool } from 'pg';
import { externalDatabase, ListeningClient, POOL_RESILIENCE } from '../../src/database/database-options';
import { credential } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { PausablePostgres, startPausablePostgres } from '../utils/pausable-postgres';
import { testEnv } from '../utils/test-app';
import { sleep, WebhookReceiver } from '../utils/webhook-receiver';

/**
 * The database goes away while requests flow, and comes back. Keyhold runs in this process on a
 * PostgreSQL server of the test's own (scripts/postgres.mjs), which the test stops with
 * `pg_ctl -m fast stop` and starts again on the same port. During the outage every answer is 503
 * SERVICE_UNAVAILABLE with Retry-After (the envelope on /v1, Axora's own shape on /app/auth,
 * /health's own body), never a 500 and never a hang; afterwards everything works again without a
 * restart, the webhook worker and the license sweeper included.
 */
jest.setTimeout(60_000);

/** Longest any answer may take, outage or not (the pool's connect timeout is 5 s). */
const MAX_ANSWER_MS = 6000;
/** How long the outage lasts while requests flow. */
const OUTAGE_MS = 4000;
/** How soon after the server is back every kind of request must succeed again. */
const HEAL_WITHIN_MS = 5000;

type ProbeName = 'client login' | 'admin read' | 'admin write' | 'axora' | 'health';

interface Answer {
  probe: ProbeName;
  start: number;
  end: number;
  status: number;
  retryAfter: string | null;
  body: unknown;
  /** A network failure or a timeout (no HTTP answer at all). */
  failure?: string;
}

describe('database outage', () => {
  let pg: PausablePostgres;
  let app: NestExpressApplication;
  let url: string;
  let dataDir: string;
  let s: SellerFixture;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    pg = await startPausablePostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'keyhold-outage-'));
    const config = loadConfig({
      ...testEnv(dataDir),
      WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      LICENSE_SWEEP_INTERVAL_MS: '200',
    });
    app = await createKeyholdApp(config, externalDatabase(pg.url, 10));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    await receiver.start();
  });

  afterAll(async () => {
    // If a test failed mid-outage, the server must be back for the app to close cleanly.
    await pg?.resume().catch(() => undefined);
    await app?.close();
    await receiver.stop();
    await pg?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives a connection the server ends while it is checked out and not yet listened to', async () => {
    // The gap pg-pool and TypeORM leave: a client handed out by the pool has no 'error' listener of
    // theirs until its user attaches one. Before ListeningClient, the server ending it there (as a
    // fast shutdown does) emitted 'error' to nobody and stopped the process (a CI run of this suite).
    const pool = new Pool({ connectionString: pg.url, max: 2, Client: ListeningClient, ...POOL_RESILIENCE });
    pool.on('error', () => undefined);
    try {
      const held = await pool.connect();
      const pid = ((await held.query('SELECT pg_backend_pid() AS pid')) as { rows: { pid: number }[] }).rows[0].pid;
      // 'end', not 'error': a listener of the test's own on 'error' would hide the gap.
      const ended = new Promise<void>((resolve) => held.once('end', () => resolve()));
      const other = await pool.connect();
      await other.query('SELECT pg_terminate_backend($1)', [pid]);
      other.release();
      await ended;
      // Still alive here; the dead client fails its queries and the pool drops it on release.
      await expect(held.query('SELECT 1')).rejects.toThrow();
      held.release();
      expect(((await pool.query('SELECT 1 AS one')) as { rows: { one: number }[] }).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('answers 503 with Retry-After while PostgreSQL is down, and heals by itself when it is back', async () => {
    s = await sellerWithApp(url, 'Outage App');
    await s.client.apps.update(s.app.id, { hwidLock: false });
    await credential(s, 'alice', 'pass123');
    const mallory = await credential(s, 'mallory', 'pass456');
    const hook = await s.client.webhooks.create({ appId: s.app.id, url: receiver.url('/outage'), events: ['license.expire', 'user.ban'] });
    expect(hook.enabled).toBe(true);

    // -- the requests that flow throughout --
    const json = { 'content-type': 'application/json' };
    const probes: Record<ProbeName, () => Promise<Response>> = {
      'client login': () =>
        fetch(`${url}/v1/client/login`, {
          method: 'POST',
          headers: { ...json, 'x-api-key': s.app.apiKey },
          body: JSON.stringify({ username: 'alice', password: 'pass123', hwid: 'HW-1' }),
          signal: AbortSignal.timeout(15_000),
        }),
      'admin read': () =>
        fetch(`${url}/v1/admin/apps`, { headers: { authorization: `Bearer ${s.token}` }, signal: AbortSignal.timeout(15_000) }),
      'admin write': () =>
        fetch(`${url}/v1/admin/licenses/generate`, {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${s.token}` },
          body: JSON.stringify({ appId: s.app.id, count: 5, durationDays: 30, subscription: 'premium', note: 'outage traffic' }),
          signal: AbortSignal.timeout(15_000),
        }),
      axora: () =>
        fetch(`${url}/app/auth/${s.app.endpoint}+alice+pass123+${encodeURIComponent(s.app.version)}`, {
          signal: AbortSignal.timeout(15_000),
        }),
      health: () => fetch(`${url}/health`, { signal: AbortSignal.timeout(15_000) }),
    };
    const names = Object.keys(probes) as ProbeName[];
    const answers: Answer[] = [];
    let flowing = true;
    const send = async (probe: ProbeName): Promise<Answer> => {
      const start = Date.now();
      try {
        const res = await probes[probe]();
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* kept as text: the assertions below will say it is not JSON */
        }
        return { probe, start, end: Date.now(), status: res.status, retryAfter: res.headers.get('retry-after'), body };
      } catch (e) {
        return { probe, start, end: Date.now(), status: 0, retryAfter: null, body: null, failure: String(e) };
      }
    };
    const flow = async (offset: number) => {
      for (let i = offset; flowing; i++) {
        answers.push(await send(names[i % names.length]));
        await sleep(10);
      }
    };

    // Before the outage: everything works.
    for (const probe of names) {
      const a = await send(probe);
      expect({ probe, ok: a.status >= 200 && a.status < 300 }).toEqual({ probe, ok: true });
    }

    // A key that expires during the outage: only a sweeper that survived it can announce it.
    const [expiringKey] = (
      await s.client.licenses.generate({
        appId: s.app.id,
        count: 1,
        durationDays: 30,
        subscription: 'premium',
        note: 'expires during the outage',
      })
    ).keys;
    const expiring = (await s.client.licenses.list({ appId: s.app.id, q: expiringKey })).data[0];
    expect(expiring.key).toBe(expiringKey);
    // A webhook that fails until the outage starts, so its delivery waits for a retry across it.
    let outageStarted = false;
    receiver.answer = (_path, _id, _index) => (outageStarted ? { status: 200, body: 'ok' } : { status: 503, body: 'not yet' });
    await s.client.users.update(mallory.id, { banned: true, banReason: 'outage test' });

    const flows = [0, 1, 2, 3, 4, 5].map((i) => flow(i));
    await sleep(500);
    const expiresAt = Date.now() + 2000;
    await s.client.licenses.update(expiring.id, { expiresAt: new Date(expiresAt).toISOString() });

    // -- the outage --
    const pauseStart = Date.now();
    await pg.pause();
    const paused = Date.now();
    outageStarted = true;
    // Otherwise the expiry below could have been announced before the server went away.
    expect(paused).toBeLessThan(expiresAt);
    await sleep(OUTAGE_MS);
    const resumeStart = Date.now();
    await pg.resume();
    const resumed = Date.now();

    // -- healing: each kind of request succeeds again, without restarting anything --
    const healedAt = new Map<ProbeName, number>();
    while (healedAt.size < names.length && Date.now() - resumed < HEAL_WITHIN_MS + MAX_ANSWER_MS) {
      for (const a of answers)
        if (a.start >= resumed && a.status >= 200 && a.status < 300 && !healedAt.has(a.probe)) healedAt.set(a.probe, a.end);
      await sleep(50);
    }
    const allHealed = Math.max(...[...healedAt.values()]);
    await sleep(1000); // and then stays healed
    flowing = false;
    await Promise.all(flows);

    const during = answers.filter((a) => a.start >= paused && a.end <= resumeStart);
    const after = answers.filter((a) => a.start > allHealed);

    // Nothing ever answers 500, fails without an answer, or hangs.
    const bad = answers.filter((a) => a.status === 0 || (a.status >= 500 && a.status !== 503) || a.end - a.start > MAX_ANSWER_MS);
    const summary = (a: Answer) => ({ probe: a.probe, status: a.status, ms: a.end - a.start, body: a.body, failure: a.failure });
    expect({ count: bad.length, first: bad.slice(0, 5).map(summary) }).toEqual({ count: 0, first: [] });

    // During the outage: 503, with Retry-After, in each protocol's own shape, for every kind of request.
    expect(new Set(during.map((a) => a.probe))).toEqual(new Set(names));
    expect(during.length).toBeGreaterThan(names.length * 3);
    for (const a of during) {
      const seen = { probe: a.probe, status: a.status, retryAfter: a.retryAfter, body: a.body };
      const shape =
        a.probe === 'axora'
          ? { authenticated: false, message: expect.stringMatching(/unavailable/i) as string }
          : a.probe === 'health'
            ? {
                status: 'error',
                database: 'down',
                databaseKind: 'postgres',
                version: expect.any(String) as string,
                uptimeSeconds: expect.any(Number) as number,
              }
            : { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/unavailable/i) as string } };
      expect(seen).toEqual({ probe: a.probe, status: 503, retryAfter: expect.stringMatching(/^[1-9]\d*$/) as string, body: shape });
    }

    // Healed within a few seconds of the server being back, and every answer since is a success.
    expect(new Set(healedAt.keys())).toEqual(new Set(names));
    expect(allHealed - resumed).toBeLessThan(HEAL_WITHIN_MS);
    expect(new Set(after.map((a) => a.probe))).toEqual(new Set(names));
    expect(after.filter((a) => a.status < 200 || a.status >= 300).map((a) => ({ probe: a.probe, status: a.status, body: a.body }))).toEqual(
      [],
    );

    // The background loops survived: the sweeper announces the expiry that happened while the
    // database was down, and the webhook worker delivers it and the retry that waited across the outage.
    const delivered = async (event: string) => {
      for (const until = Date.now() + 10_000; Date.now() < until; await sleep(100)) {
        const hit = receiver.accepted('/outage').find((r) => (JSON.parse(r.body) as WebhookMessage).event === event);
        if (hit) return hit;
      }
      throw new Error(`no ${event} delivered after the outage`);
    };
    const expired = await delivered('license.expire');
    const expiredMessage = JSON.parse(expired.body) as WebhookMessage<{ licenseId: string }>;
    expect(expiredMessage.data.licenseId).toBe(expiring.id);
    // Recorded (the event's time is the database's) after the server was stopped: by a sweeper that
    // lived through the outage.
    expect(new Date(expiredMessage.timestamp).getTime()).toBeGreaterThanOrEqual(paused);
    expect(expired.at).toBeGreaterThanOrEqual(resumeStart);
    const ban = await delivered('user.ban');
    expect(ban.at).toBeGreaterThanOrEqual(resumeStart);
    // It was tried (and refused) before the outage, and waited across it.
    expect(receiver.to('/outage').filter((r) => r.id === ban.id && r.status === 503).length).toBeGreaterThan(0);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up', databaseKind: 'postgres' });
    // Timing for the report: how long healing took.
    process.stdout.write(
      `database outage: ${during.length} answers during a ${resumeStart - paused} ms outage, all 503; stop took ${paused - pauseStart} ms, ` +
        `start ${resumed - resumeStart} ms; every request kind healed ${allHealed - resumed} ms after the server was back\n`,
    );
  });
});
