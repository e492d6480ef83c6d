import { Agent } from 'node:http';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { credential, endUser, keys } from '../factories/client';
import { resellerOf, ResellerFixture } from '../factories/resellers';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import {
  Answer,
  casesFor,
  inPool,
  judge,
  OpenApiDocument,
  Problem,
  problemTable,
  prototypeNamesProblems,
  routesOf,
  send,
  SweepCase,
  SweepContext,
} from '../utils/sweep';
import { createTestApp, TestApp } from '../utils/test-app';
import { WebhookReceiver } from '../utils/webhook-receiver';

/**
 * Issue 11, item 2: every documented route and method, read from the running server's own
 * /docs/openapi.json, gets malformed, mistyped, missing, oversized, deeply nested, odd-unicode,
 * explicit-null and extra-field bodies, garbage ids, query strings and credentials. The sweep
 * fails on any 5xx, any answer under /v1 that is not the envelope (Axora: its own documented
 * shape), the few statuses the contract fixes (413, 400 for deep JSON and lone surrogates), and a
 * server that stops answering /health.
 */
jest.setTimeout(180_000);

/** Requests in flight at once: enough to overlap, few enough for a 2-core machine. */
const CONCURRENCY = 4;
/** One password for every principal (sellerWithApp's too), so the baseline logins of each kind succeed. */
const PASSWORD = 'correct horse battery';
const USERNAME = 'sweep-user';
const HWID = 'SWEEP-HWID-0001';
const PRICES = [
  { durationDays: 30, credits: 5 },
  { durationDays: null, credits: 50 },
];

describe('hostile-input sweep over the OpenAPI document', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let s: SellerFixture;
  let reseller: ResellerFixture;
  let userId: string;
  let fileId: string;
  let webhookId: string;
  let ctx: SweepContext;

  beforeAll(async () => {
    t = await createTestApp({ WEBHOOKS_ALLOW_PRIVATE_URLS: 'true' });
    receiver = await new WebhookReceiver().start();
    s = await sellerWithApp(t.url, 'Sweep App');
    const appId = s.app.id;

    // Real records of every kind, so that requests reach validation and the services behind it.
    userId = (await credential(s, USERNAME, PASSWORD, { subscription: 'premium' })).id;
    const [redeemedKey, freshKey] = await keys(s, 3);
    await endUser(t.url, s).licenseLogin({ licenseKey: redeemedKey, hwid: HWID });
    const licenseId = (await s.client.licenses.list({ appId })).data[0].id;
    const client = endUser(t.url, s);
    await client.login({ username: USERNAME, password: PASSWORD, hwid: HWID });
    reseller = await resellerOf(t.url, s, { username: USERNAME, password: PASSWORD, credits: 1_000_000, prices: PRICES });
    await reseller.client.keys.generate({ appId, count: 1, durationDays: 30, subscription: 'premium' });
    const resellerKeyId = (await reseller.client.keys.list({ appId })).data[0].id;
    webhookId = (await s.client.webhooks.create({ appId, url: receiver.url('/sweep'), events: ['user.login'] })).id;
    const delivery = await s.client.webhooks.test(webhookId);
    const blocked = await s.client.blacklist.add({ appId, type: 'hwid', value: 'SWEEP-BLOCKED-HWID' });
    fileId = (
      await s.client.files.upload({ appId, file: new Blob([Uint8Array.from(Buffer.from('sweep file bytes'))]), filename: 'sweep.bin' })
    ).id;

    ctx = {
      credentials: { seller: s.token, reseller: reseller.token, client: client.token!, apiKey: s.app.apiKey },
      pathValues: {
        apps: appId,
        licenses: licenseId,
        users: userId,
        blacklist: blocked.id,
        files: fileId,
        fileId,
        resellers: reseller.reseller.id,
        keys: resellerKeyId,
        webhooks: webhookId,
        deliveries: delivery.id,
        deliveryId: delivery.id,
        // Axora's URL parts
        endpoint: s.app.endpoint,
        username: USERNAME,
        password: PASSWORD,
        version: s.app.version,
        hardware_id: HWID,
      },
      fieldValues: {
        appId,
        appIds: [appId],
        sellerId: s.auth.seller.id,
        resellerId: reseller.reseller.id,
        email: s.auth.seller.email,
        username: USERNAME,
        password: PASSWORD,
        hwid: HWID,
        licenseKey: freshKey,
        key: freshKey,
        subscription: 'premium',
        subscriptions: ['premium'],
        url: receiver.url('/sweep'),
        events: ['user.login'],
      },
      bodyLimitBytes: t.app.get<AppConfig>(APP_CONFIG).bodyLimitBytes,
    };
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /**
   * Puts the fixtures back between routes: the sweep's valid-looking cases rotate the API key,
   * disable the app, change passwords and end sessions, and later routes need them working.
   */
  async function heal(): Promise<void> {
    const appId = s.app.id;
    if ((await t.http.get('/v1/auth/me').set(bearer(ctx.credentials.seller))).status !== 200) {
      const login = await t.http.post('/v1/auth/login').send({ email: s.auth.seller.email, password: PASSWORD });
      ctx.credentials.seller = login.body.data.token;
    }
    const seller = bearer(ctx.credentials.seller);
    const app = await t.http.get(`/v1/admin/apps/${appId}`).set(seller);
    if (app.status !== 200)
      throw new Error(`the sweep's app is gone (${app.status}): a case deleted a fixture before the destructive phase`);
    const a = app.body.data;
    if (a.status !== 'ACTIVE' || a.enforceVersion || !a.hwidLock || !a.registrationEnabled) {
      await t.http
        .patch(`/v1/admin/apps/${appId}`)
        .set(seller)
        .send({ status: 'ACTIVE', enforceVersion: false, hwidLock: true, registrationEnabled: true })
        .expect(200);
    }
    ctx.credentials.apiKey = a.apiKey;
    ctx.pathValues.endpoint = a.endpoint;
    ctx.pathValues.version = a.version;

    // The end user (also Axora's credential) active, with the subscription the file needs.
    const user = (await t.http.get(`/v1/admin/users/${userId}`).set(seller).expect(200)).body.data;
    if (user.banned || user.expiresAt !== null || user.subscription !== 'premium') {
      await t.http
        .patch(`/v1/admin/users/${userId}`)
        .set(seller)
        .send({ banned: false, expiresAt: null, subscription: 'premium' })
        .expect(200);
    }
    await t.http.patch(`/v1/admin/files/${fileId}`).set(seller).send({ subscriptions: [] }).expect(200);
    await t.http
      .patch(`/v1/admin/webhooks/${webhookId}`)
      .set(seller)
      .send({ enabled: true, url: receiver.url('/sweep') })
      .expect(200);
    const session = await t.http.get('/v1/client/session').set({ 'x-api-key': a.apiKey, ...bearer(ctx.credentials.client) });
    if (session.status !== 200) {
      await t.http.patch(`/v1/admin/users/${userId}`).set(seller).send({ password: PASSWORD, resetHwid: true }).expect(200);
      const login = await t.http
        .post('/v1/client/login')
        .set('x-api-key', a.apiKey)
        .send({ username: USERNAME, password: PASSWORD, hwid: HWID })
        .expect(200);
      ctx.credentials.client = login.body.data.token;
    }

    // The reseller active, signed in, and allowed to sell what the baseline asks for.
    await t.http
      .patch(`/v1/admin/resellers/${reseller.reseller.id}`)
      .set(seller)
      .send({ status: 'ACTIVE', appIds: [appId], subscriptions: ['premium'], prices: PRICES })
      .expect(200);
    if ((await t.http.get('/v1/reseller/me').set(bearer(ctx.credentials.reseller))).status !== 200) {
      await t.http.patch(`/v1/admin/resellers/${reseller.reseller.id}`).set(seller).send({ password: PASSWORD }).expect(200);
      const login = await t.http
        .post('/v1/reseller/auth/login')
        .send({ sellerId: s.auth.seller.id, username: USERNAME, password: PASSWORD })
        .expect(200);
      ctx.credentials.reseller = login.body.data.token;
    }
  }

  /** The process still serves: /health answers 200 on a fresh connection. */
  async function healthProblem(after: string): Promise<Problem | undefined> {
    try {
      const res = await t.http.get('/health').timeout(10_000);
      if (res.status === 200 && res.body?.status === 'ok') return undefined;
      return {
        kind: 'no answer',
        route: 'GET /health',
        variant: `after ${after}`,
        status: res.status,
        excerpt: JSON.stringify(res.body).slice(0, 70),
      };
    } catch (err) {
      return { kind: 'no answer', route: 'GET /health', variant: `after ${after}`, status: 0, excerpt: (err as Error).message };
    }
  }

  it('answers every case of every documented route without a 5xx, in the envelope, and keeps serving', async () => {
    const started = Date.now();
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const routes = routesOf(doc);
    expect(routes.length).toBeGreaterThan(40); // the document really was read

    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const results: Array<{ c: SweepCase; answer: Answer }> = [];
    const problems: Problem[] = [];
    const run = async (batch: SweepCase[], concurrency: number) => {
      const answers = await inPool(batch, concurrency, (c) => send(t.url, c, agent));
      batch.forEach((c, i) => {
        results.push({ c, answer: answers[i] });
        problems.push(...judge(c, answers[i]));
      });
    };

    let stopped: Problem | undefined;
    for (const route of routes) {
      await heal();
      await run(
        casesFor(doc, route, ctx).filter((c) => !c.destructive),
        CONCURRENCY,
      );
      stopped = await healthProblem(route.name);
      if (stopped) break;
    }
    if (!stopped) {
      // Last, the DELETEs of real records (fresh credentials; the app itself at the very end).
      await heal();
      const appId = s.app.id;
      const deletes = routes.flatMap((r) => casesFor(doc, r, ctx).filter((c) => c.destructive));
      deletes.sort((a, b) => Number(a.path.includes(appId)) - Number(b.path.includes(appId)));
      await run(deletes, 1);
      stopped = await healthProblem('the deletes');
    }
    agent.destroy();
    if (stopped) problems.push(stopped);
    problems.push(...prototypeNamesProblems(results));
    if (({} as Record<string, unknown>).polluted !== undefined) {
      problems.push({
        kind: 'prototype name accepted',
        route: '(process)',
        variant: 'Object.prototype',
        status: 0,
        excerpt: 'Object.prototype.polluted is set',
      });
    }

    const count = (kind: Problem['kind']) => problems.filter((p) => p.kind === kind).length;
    const statuses = new Map<number, number>();
    for (const { answer } of results) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    console.log(
      `sweep: ${results.length} requests, routes ${routes.length}, 5xx: ${count('5xx')}, non-envelope: ${count('non-envelope')}` +
        ` (unexpected status: ${count('unexpected status')}, prototype names accepted: ${count('prototype name accepted')}, no answer: ${count('no answer')};` +
        ` ${t.databaseKind}, ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([st, n]) => `${st}×${n}`)
          .join(' ')})`,
    );
    const table = problemTable(problems);
    if (table) console.log(`sweep problems (kind, status, route, [variants], answer):\n${table}`);
    expect(table).toBe('');
  });
});
