import { createResellerClient, KeyholdError } from '@keyhold/sdk';
import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { endUser, keys } from '../factories/client';
import { resellerOf, ResellerFixture } from '../factories/resellers';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

// The e2e project's testTimeout (jest.config.js) does not reach tests inside `projects`; a PGlite boot on a busy machine takes over jest's 5 s default.
jest.setTimeout(60_000);

const KEY_FORMAT = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

/** The error an SDK call fails with (the test fails if it succeeds). */
async function failure(call: Promise<unknown>): Promise<KeyholdError> {
  try {
    await call;
  } catch (e) {
    if (e instanceof KeyholdError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

async function expectError(call: Promise<unknown>, status: number, code: string): Promise<KeyholdError> {
  const e = await failure(call);
  expect({ status: e.status, code: e.code }).toEqual({ status, code });
  return e;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

describe('resellers', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
  });

  const db = () => t.app.get(DataSource);
  const keyCount = async (resellerPublicId: string): Promise<number> => {
    const [row] = await db().query(`SELECT count(*)::int AS n FROM licenses WHERE reseller_id = $1`, [
      fromPublicId('reseller', resellerPublicId),
    ]);
    return row.n;
  };

  describe('the whole flow', () => {
    it('seller creates and tops up a reseller; the reseller signs in, generates, and sees its key redeemed', async () => {
      // The seller creates the reseller.
      const created = await t.http
        .post('/v1/admin/resellers')
        .set('authorization', `Bearer ${s.token}`)
        .send({
          username: 'Bob.Sells',
          password: 'reseller password',
          appIds: [s.app.id],
          subscriptions: ['premium'],
          prices: [
            { durationDays: null, credits: 50 },
            { durationDays: 30, credits: 5 },
          ],
        })
        .expect(201);
      const reseller = created.body.data;
      expect(reseller).toEqual({
        id: expect.stringMatching(/^rsl_[0-9a-f]{32}$/),
        username: 'Bob.Sells',
        status: 'ACTIVE',
        credits: 0,
        appIds: [s.app.id],
        subscriptions: ['premium'],
        prices: [
          { durationDays: 30, credits: 5 },
          { durationDays: null, credits: 50 },
        ],
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(created.body)).not.toMatch(/password/i);

      // ...and tops it up.
      const topUp = await s.client.resellers.adjustCredits(reseller.id, { amount: 100, note: 'Invoice 42' });
      expect(topUp).toEqual({
        credits: 100,
        entry: {
          id: expect.stringMatching(/^cle_[0-9a-f]{32}$/),
          amount: 100,
          balanceAfter: 100,
          note: 'Invoice 42',
          createdAt: expect.any(String),
        },
      });

      // The reseller signs in (case-insensitive username) on its own portal.
      const portal = createResellerClient({ baseUrl: t.url });
      const login = await portal.auth.login({ sellerId: s.auth.seller.id, username: 'bob.sells', password: 'reseller password' });
      expect(login.token).toEqual(expect.any(String));
      expect(login.reseller).toMatchObject({
        id: reseller.id,
        sellerId: s.auth.seller.id,
        credits: 100,
        apps: [{ id: s.app.id, name: s.app.name }],
      });
      expect(await portal.me()).toEqual(login.reseller);

      // It generates 3 keys of 30 days at 5 credits each.
      const generated = await portal.keys.generate({ appId: s.app.id, count: 3, durationDays: 30, subscription: 'premium' });
      expect(generated.count).toBe(3);
      expect(generated.cost).toBe(15);
      expect(generated.credits).toBe(85);
      expect(generated.keys).toHaveLength(3);
      for (const k of generated.keys) expect(k).toMatch(KEY_FORMAT);

      // An end user redeems one of them in the seller's software.
      const user = endUser(t.url, s);
      await user.register({ username: 'customer1', password: 'customerpass', licenseKey: generated.keys[0] });

      // The reseller's list shows it used, and by whom.
      const list = await portal.keys.list();
      expect(list.meta).toEqual({ total: 3, page: 1, limit: 50, totalCapped: false, nextCursor: null });
      const redeemed = list.data.find((k) => k.key === generated.keys[0])!;
      expect(redeemed).toMatchObject({
        appId: s.app.id,
        status: 'used',
        subscription: 'premium',
        durationDays: 30,
        usedBy: { id: expect.stringMatching(/^usr_/), username: 'customer1' },
        activatedAt: expect.any(String),
        expiresAt: expect.any(String),
      });
      expect(list.data.filter((k) => k.status === 'unused')).toHaveLength(2);
      expect((await portal.keys.list({ status: 'used' })).data.map((k) => k.key)).toEqual([generated.keys[0]]);
      expect((await portal.keys.list({ q: 'customer1' })).data.map((k) => k.key)).toEqual([generated.keys[0]]);
      expect((await portal.keys.list({ appId: s.app.id, limit: 2 })).data).toHaveLength(2);
      expect(await portal.keys.get(redeemed.id)).toEqual(redeemed);

      // Its numbers.
      const stats = await portal.stats();
      expect(stats).toMatchObject({ credits: 85, keysGenerated: 3, keysUsed: 1, keysActive: 1 });
      expect(stats.perDay).toHaveLength(30);
      expect(stats.perDay[29]).toEqual({ date: todayUtc(), generated: 3, used: 1 });
      expect(stats.perDay.slice(0, 29).every((d) => d.generated === 0 && d.used === 0)).toBe(true);
      expect([...stats.perDay.map((d) => d.date)].sort()).toEqual(stats.perDay.map((d) => d.date));

      // The seller sees which reseller made each key.
      await keys(s, 2);
      const all = await s.client.licenses.list({ appId: s.app.id });
      expect(all.meta.total).toBe(5);
      expect(all.data.filter((l) => l.resellerId === reseller.id)).toHaveLength(3);
      expect(all.data.filter((l) => l.resellerId === null)).toHaveLength(2);
      const byReseller = await s.client.licenses.list({ appId: s.app.id, resellerId: reseller.id });
      expect(byReseller.data.map((l) => l.key).sort()).toEqual([...generated.keys].sort());
      expect(byReseller.data.find((l) => l.key === generated.keys[0])).toMatchObject({ status: 'used', usedBy: { username: 'customer1' } });

      // Every balance change is in the ledger, newest first, with the balance after it.
      const ledger = await s.client.resellers.ledger(reseller.id);
      expect(ledger.meta.total).toBe(2);
      expect(ledger.data.map((e) => [e.amount, e.balanceAfter])).toEqual([
        [-15, 85],
        [100, 100],
      ]);
      expect(ledger.data[0].note).toBe(`Generated 3 keys (30 days, premium) for ${s.app.id}`);
      expect((await s.client.resellers.get(reseller.id)).credits).toBe(85);
    });

    it('lifetime keys at their own price, and free keys that leave the ledger alone', async () => {
      const r = await resellerOf(t.url, s, {
        credits: 100,
        prices: [
          { durationDays: null, credits: 40 },
          { durationDays: 7, credits: 0 },
        ],
      });
      const lifetime = await r.client.keys.generate({ appId: s.app.id, count: 2, durationDays: null, subscription: 'premium' });
      expect({ cost: lifetime.cost, credits: lifetime.credits }).toEqual({ cost: 80, credits: 20 });
      const free = await r.client.keys.generate({ appId: s.app.id, count: 4, durationDays: 7, subscription: 'premium' });
      expect({ cost: free.cost, credits: free.credits, count: free.count }).toEqual({ cost: 0, credits: 20, count: 4 });
      const listed = await r.client.keys.list();
      expect(listed.data.filter((k) => k.durationDays === null)).toHaveLength(2);
      expect((await s.client.resellers.ledger(r.reseller.id)).data.map((e) => e.amount)).toEqual([-80, 100]);
      expect((await s.client.resellers.ledger(r.reseller.id)).data[1].note).toBe('Opening balance');
    });
  });

  describe('credits', () => {
    it('the seller adds and takes back credits; the balance never goes below zero', async () => {
      const r = await resellerOf(t.url, s, { credits: 30 });
      const back = await s.client.resellers.adjustCredits(r.reseller.id, { amount: -10 });
      expect(back.credits).toBe(20);
      expect(back.entry).toMatchObject({ amount: -10, balanceAfter: 20, note: 'Credits taken back' });

      const refused = await expectError(s.client.resellers.adjustCredits(r.reseller.id, { amount: -21 }), 403, 'INSUFFICIENT_CREDITS');
      expect(refused.message).toMatch(/balance is 20/);
      expect((await s.client.resellers.get(r.reseller.id)).credits).toBe(20);

      const all = await s.client.resellers.adjustCredits(r.reseller.id, { amount: -20, note: 'Refund' });
      expect(all.credits).toBe(0);
      const ledger = await s.client.resellers.ledger(r.reseller.id);
      expect(ledger.data.map((e) => [e.amount, e.balanceAfter, e.note])).toEqual([
        [-20, 0, 'Refund'],
        [-10, 20, 'Credits taken back'],
        [30, 30, 'Opening balance'],
      ]);
      // Paginated.
      const page2 = await s.client.resellers.ledger(r.reseller.id, { page: 2, limit: 2 });
      expect(page2.meta).toEqual({ total: 3, page: 2, limit: 2 });
      expect(page2.data.map((e) => e.amount)).toEqual([30]);
    });

    it('refuses a zero, fractional, huge or unknown-field amount', async () => {
      const r = await resellerOf(t.url, s);
      const post = (body: object) =>
        t.http.post(`/v1/admin/resellers/${r.reseller.id}/credits`).set('authorization', `Bearer ${s.token}`).send(body);
      for (const body of [
        { amount: 0 },
        { amount: 1.5 },
        { amount: '10' },
        { amount: 2_000_000_000 },
        {},
        { amount: 5, extra: true },
        { amount: 5, note: 'x'.repeat(501) },
      ]) {
        const res = await post(body).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.length).toBeGreaterThan(0);
      }
      expect((await s.client.resellers.ledger(r.reseller.id)).meta.total).toBe(0);
    });

    it('a generation that costs more than the balance is 403 INSUFFICIENT_CREDITS and creates nothing', async () => {
      const r = await resellerOf(t.url, s, { credits: 24 });
      const e = await expectError(
        r.client.keys.generate({ appId: s.app.id, count: 5, durationDays: 30, subscription: 'premium' }),
        403,
        'INSUFFICIENT_CREDITS',
      );
      expect(e.message).toMatch(/cost 25/);
      expect(await keyCount(r.reseller.id)).toBe(0);
      expect((await r.client.stats()).credits).toBe(24);
      expect((await s.client.resellers.ledger(r.reseller.id)).meta.total).toBe(1);
      // What the balance does cover still works: 4 keys cost 20.
      expect((await r.client.keys.generate({ appId: s.app.id, count: 4, durationDays: 30, subscription: 'premium' })).credits).toBe(4);
    });
  });

  describe('what a reseller may sell', () => {
    it('an app it may not sell is 404; a subscription or duration it may not sell is 403 FORBIDDEN, and costs nothing', async () => {
      const r = await resellerOf(t.url, s, { credits: 1000 });
      const otherApp = await s.client.apps.create({ name: 'Not for resale' });
      const stranger = await sellerWithApp(t.url, 'Stranger app');
      const gen = (body: Partial<{ appId: string; durationDays: number | null; subscription: string }>) =>
        r.client.keys.generate({ appId: s.app.id, count: 1, durationDays: 30, subscription: 'premium', ...body });

      await expectError(gen({ appId: otherApp.id }), 404, 'NOT_FOUND');
      await expectError(gen({ appId: stranger.app.id }), 404, 'NOT_FOUND');
      await expectError(gen({ appId: 'app_nonsense' }), 404, 'NOT_FOUND');
      await expectError(gen({ subscription: 'gold' }), 403, 'FORBIDDEN');
      const noPrice = await expectError(gen({ durationDays: 90 }), 403, 'FORBIDDEN');
      expect(noPrice.message).toMatch(/90 days/);

      expect(await keyCount(r.reseller.id)).toBe(0);
      expect((await r.client.stats()).credits).toBe(1000);
      expect((await s.client.licenses.list({ appId: otherApp.id })).meta.total).toBe(0);
      // Listing by an app it may not sell is 404 too.
      await expectError(r.client.keys.list({ appId: otherApp.id }), 404, 'NOT_FOUND');
      await expectError(r.client.keys.list({ appId: stranger.app.id }), 404, 'NOT_FOUND');
    });

    it('the seller changes the allowances (each list replaced whole), and generation follows at once', async () => {
      const r = await resellerOf(t.url, s, { credits: 1000 });
      await r.client.keys.generate({ appId: s.app.id, count: 1, durationDays: 30, subscription: 'premium' });
      const second = await s.client.apps.create({ name: 'Second' });
      const updated = await s.client.resellers.update(r.reseller.id, {
        appIds: [second.id, second.id],
        subscriptions: ['basic', 'basic', 'gold'],
        prices: [{ durationDays: 90, credits: 12 }],
      });
      expect(updated).toMatchObject({ appIds: [second.id], subscriptions: ['basic', 'gold'], prices: [{ durationDays: 90, credits: 12 }] });

      await expectError(r.client.keys.generate({ appId: s.app.id, count: 1, durationDays: 90, subscription: 'gold' }), 404, 'NOT_FOUND');
      await expectError(r.client.keys.generate({ appId: second.id, count: 1, durationDays: 30, subscription: 'gold' }), 403, 'FORBIDDEN');
      await expectError(
        r.client.keys.generate({ appId: second.id, count: 1, durationDays: 90, subscription: 'premium' }),
        403,
        'FORBIDDEN',
      );
      const ok = await r.client.keys.generate({ appId: second.id, count: 2, durationDays: 90, subscription: 'gold' });
      expect(ok.cost).toBe(24);

      // Keys of an app it may no longer sell leave its list and numbers (the seller still has them).
      const listed = await r.client.keys.list();
      expect(listed.data.map((k) => k.appId)).toEqual([second.id, second.id]);
      expect((await r.client.stats()).keysGenerated).toBe(2);
      expect((await r.client.me()).apps).toEqual([{ id: second.id, name: 'Second' }]);
      expect((await s.client.licenses.list({ appId: s.app.id, resellerId: r.reseller.id })).meta.total).toBe(1);
    });
  });

  describe('suspension, password reset and deletion', () => {
    it('a suspended reseller is refused everywhere at once (403 RESELLER_SUSPENDED), login too; its tokens end, reactivation restores sign-in', async () => {
      const r = await resellerOf(t.url, s, { credits: 100 });
      await r.client.keys.generate({ appId: s.app.id, count: 1, durationDays: 30, subscription: 'premium' });
      expect((await s.client.resellers.update(r.reseller.id, { status: 'SUSPENDED' })).status).toBe('SUSPENDED');

      for (const call of [
        r.client.keys.list(),
        r.client.stats(),
        r.client.me(),
        r.client.keys.generate({ appId: s.app.id, count: 1, durationDays: 30, subscription: 'premium' }),
      ]) {
        const e = await expectError(call, 403, 'RESELLER_SUSPENDED');
        expect(e.message).toBe('Reseller account is suspended');
      }
      const login = await t.http
        .post('/v1/reseller/auth/login')
        .send({ sellerId: s.auth.seller.id, username: r.username, password: r.password })
        .expect(403);
      expect(login.body).toEqual({ success: false, error: { code: 'RESELLER_SUSPENDED', message: 'Reseller account is suspended' } });
      // A wrong password says nothing about the suspension.
      const wrong = await t.http
        .post('/v1/reseller/auth/login')
        .send({ sellerId: s.auth.seller.id, username: r.username, password: 'not the password' })
        .expect(401);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(await keyCount(r.reseller.id)).toBe(1);
      expect((await s.client.resellers.get(r.reseller.id)).credits).toBe(95);

      // The seller can still manage its credits while it is suspended.
      await s.client.resellers.adjustCredits(r.reseller.id, { amount: -95 });

      // Reactivated, the tokens from before the suspension stay dead; signing in again works.
      await s.client.resellers.update(r.reseller.id, { status: 'ACTIVE' });
      await expectError(r.client.stats(), 401, 'UNAUTHORIZED');
      const again = createResellerClient({ baseUrl: t.url });
      await again.auth.login({ sellerId: s.auth.seller.id, username: r.username, password: r.password });
      expect((await again.stats()).credits).toBe(0);
    });

    it('a new password ends the old tokens and the old password', async () => {
      const r = await resellerOf(t.url, s);
      await s.client.resellers.update(r.reseller.id, { password: 'brand new password' });
      await expectError(r.client.stats(), 401, 'UNAUTHORIZED');
      await expectError(
        createResellerClient({ baseUrl: t.url }).auth.login({ sellerId: s.auth.seller.id, username: r.username, password: r.password }),
        401,
        'INVALID_CREDENTIALS',
      );
      const fresh = createResellerClient({ baseUrl: t.url });
      await fresh.auth.login({ sellerId: s.auth.seller.id, username: r.username, password: 'brand new password' });
      expect((await fresh.stats()).credits).toBe(0);
    });

    it('deleting a reseller ends its token; its keys stay with the seller, no longer attributed', async () => {
      const r = await resellerOf(t.url, s, { credits: 10 });
      const { keys: made } = await r.client.keys.generate({ appId: s.app.id, count: 2, durationDays: 30, subscription: 'premium' });
      const res = await t.http.delete(`/v1/admin/resellers/${r.reseller.id}`).set('authorization', `Bearer ${s.token}`).expect(200);
      expect(res.body.data).toEqual({ id: r.reseller.id, deleted: true });
      await expectError(r.client.stats(), 401, 'UNAUTHORIZED');
      await expectError(s.client.resellers.get(r.reseller.id), 404, 'NOT_FOUND');
      const left = await s.client.licenses.list({ appId: s.app.id });
      expect(left.data.map((l) => l.key).sort()).toEqual([...made].sort());
      expect(left.data.every((l) => l.resellerId === null)).toBe(true);
      const [ledgerRows] = await db().query(`SELECT count(*)::int AS n FROM credit_ledger WHERE reseller_id = $1`, [
        fromPublicId('reseller', r.reseller.id),
      ]);
      expect(ledgerRows.n).toBe(0);
    });
  });

  describe('isolation', () => {
    let a: ResellerFixture;
    let b: ResellerFixture;
    let aKeys: string[];
    beforeEach(async () => {
      a = await resellerOf(t.url, s, { credits: 100 });
      b = await resellerOf(t.url, s, { credits: 100 });
      aKeys = (await a.client.keys.generate({ appId: s.app.id, count: 2, durationDays: 30, subscription: 'premium' })).keys;
      await keys(s, 3); // the seller's own
    });

    it("a reseller sees only its own keys: another reseller's, or the seller's, are 404", async () => {
      expect((await b.client.keys.list()).meta.total).toBe(0);
      expect((await b.client.keys.list({ appId: s.app.id })).data).toEqual([]);
      expect((await b.client.stats()).keysGenerated).toBe(0);
      const aList = await a.client.keys.list();
      expect(aList.data.map((k) => k.key).sort()).toEqual([...aKeys].sort());

      const aKeyId = aList.data[0].id;
      await expectError(b.client.keys.get(aKeyId), 404, 'NOT_FOUND');
      const sellerKey = (await s.client.licenses.list({ appId: s.app.id })).data.find((l) => l.resellerId === null)!;
      await expectError(a.client.keys.get(sellerKey.id), 404, 'NOT_FOUND');
      await expectError(a.client.keys.get('lic_nonsense'), 404, 'NOT_FOUND');

      // A reseller of another seller, with its own app, reaches none of it either.
      const other = await sellerWithApp(t.url);
      const c = await resellerOf(t.url, other, { credits: 100 });
      await expectError(c.client.keys.get(aKeyId), 404, 'NOT_FOUND');
      await expectError(c.client.keys.list({ appId: s.app.id }), 404, 'NOT_FOUND');
      await expectError(c.client.keys.generate({ appId: s.app.id, count: 1, durationDays: 30, subscription: 'premium' }), 404, 'NOT_FOUND');
    });

    it("a seller reaching for another seller's reseller gets 404 on every route, and changes nothing", async () => {
      const other = await sellerWithApp(t.url);
      const id = a.reseller.id;
      await expectError(other.client.resellers.get(id), 404, 'NOT_FOUND');
      await expectError(other.client.resellers.update(id, { status: 'SUSPENDED', password: 'taken over!' }), 404, 'NOT_FOUND');
      await expectError(other.client.resellers.adjustCredits(id, { amount: -50 }), 404, 'NOT_FOUND');
      await expectError(other.client.resellers.adjustCredits(id, { amount: 50 }), 404, 'NOT_FOUND');
      await expectError(other.client.resellers.ledger(id), 404, 'NOT_FOUND');
      await expectError(other.client.resellers.remove(id), 404, 'NOT_FOUND');
      expect((await other.client.resellers.list()).meta.total).toBe(0);
      // Unknown and malformed ids look the same.
      await expectError(s.client.resellers.get('rsl_00000000000000000000000000000000'), 404, 'NOT_FOUND');
      await expectError(s.client.resellers.get('nonsense'), 404, 'NOT_FOUND');
      await expectError(s.client.resellers.get(toAppLikeId(id)), 404, 'NOT_FOUND');
      // The other seller cannot give its reseller this seller's app either.
      await expectError(
        other.client.resellers.create({ username: 'sneaky', password: 'password123', appIds: [s.app.id], subscriptions: [], prices: [] }),
        404,
        'NOT_FOUND',
      );

      const intact = await s.client.resellers.get(id);
      expect(intact).toMatchObject({ status: 'ACTIVE', credits: 90 });
      expect((await s.client.resellers.ledger(id)).meta.total).toBe(2);
      await a.client.stats(); // its token and password still work
      await createResellerClient({ baseUrl: t.url }).auth.login({ sellerId: s.auth.seller.id, username: a.username, password: a.password });
    });

    it('the seller lists its own resellers, by status and username', async () => {
      await s.client.resellers.update(b.reseller.id, { status: 'SUSPENDED' });
      const all = await s.client.resellers.list();
      expect(all.meta.total).toBe(2);
      expect(all.data.map((r) => r.id)).toEqual([b.reseller.id, a.reseller.id]);
      expect((await s.client.resellers.list({ status: 'SUSPENDED' })).data.map((r) => r.id)).toEqual([b.reseller.id]);
      expect((await s.client.resellers.list({ q: a.username.slice(2) })).data.map((r) => r.id)).toEqual([a.reseller.id]);
      expect((await s.client.resellers.list({ limit: 1, page: 2 })).data.map((r) => r.id)).toEqual([a.reseller.id]);
    });
  });

  describe('tokens', () => {
    it('seller and client tokens do not work on reseller routes, nor a reseller token on seller routes', async () => {
      const r = await resellerOf(t.url, s);
      const user = endUser(t.url, s);
      const [key] = await keys(s, 1);
      const client = await user.register({ username: 'enduser', password: 'password1', licenseKey: key });
      for (const token of [s.token, client.token, 'garbage', undefined]) {
        for (const [method, path] of [
          ['get', '/v1/reseller/keys'],
          ['get', '/v1/reseller/stats'],
          ['get', '/v1/reseller/me'],
          ['post', '/v1/reseller/keys/generate'],
        ] as const) {
          const req = t.http[method](path);
          if (token) req.set('authorization', `Bearer ${token}`);
          const res = await req.send({ appId: s.app.id, count: 1, durationDays: 30, subscription: 'premium' }).expect(401);
          expect(res.body.error.code).toBe('UNAUTHORIZED');
        }
      }
      for (const path of ['/v1/admin/apps', '/v1/auth/me', '/v1/admin/resellers', `/v1/admin/licenses?appId=${s.app.id}`]) {
        const res = await t.http.get(path).set('authorization', `Bearer ${r.token}`).expect(401);
        expect(res.body.error.code).toBe('UNAUTHORIZED');
      }
      const session = await t.http.get('/v1/client/session').set('x-api-key', s.app.apiKey).set('authorization', `Bearer ${r.token}`);
      expect(session.status).toBe(401);
    });
  });

  describe('sign-in', () => {
    it('usernames are unique per seller (case-insensitive), and the same name may live under two sellers', async () => {
      await resellerOf(t.url, s, { username: 'alice', password: 'password-one' });
      await expectError(
        s.client.resellers.create({ username: 'ALICE', password: 'password123', appIds: [], subscriptions: [], prices: [] }),
        409,
        'USERNAME_TAKEN',
      );
      const other = await sellerWithApp(t.url);
      const twin = await resellerOf(t.url, other, { username: 'alice', password: 'password-two' });

      const one = await createResellerClient({ baseUrl: t.url }).auth.login({
        sellerId: s.auth.seller.id,
        username: 'alice',
        password: 'password-one',
      });
      const two = await createResellerClient({ baseUrl: t.url }).auth.login({
        sellerId: other.auth.seller.id,
        username: 'Alice',
        password: 'password-two',
      });
      expect(one.reseller.sellerId).toBe(s.auth.seller.id);
      expect(two.reseller.id).toBe(twin.reseller.id);
      expect(two.reseller.sellerId).toBe(other.auth.seller.id);
      await expectError(
        createResellerClient({ baseUrl: t.url }).auth.login({
          username: 'alice',
          password: 'password-one',
          sellerId: other.auth.seller.id,
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('an unknown user, a wrong password and a malformed sellerId answer alike', async () => {
      const r = await resellerOf(t.url, s);
      const bodies = [
        { sellerId: s.auth.seller.id, username: 'nobody-here', password: 'whatever1' },
        { sellerId: s.auth.seller.id, username: r.username, password: 'wrong password' },
        { username: r.username, password: r.password, sellerId: 'sel_nonsense' },
      ];
      for (const body of bodies) {
        const res = await t.http.post('/v1/reseller/auth/login').send(body).expect(401);
        expect(res.body).toEqual({ success: false, error: { code: 'INVALID_CREDENTIALS', message: 'Username or password is incorrect' } });
      }
      const bad = await t.http
        .post('/v1/reseller/auth/login')
        .send({ sellerId: s.auth.seller.id, username: r.username, password: r.password, extra: 1 })
        .expect(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      // sellerId is required: a reseller belongs to one seller.
      const noSeller = await t.http.post('/v1/reseller/auth/login').send({ username: r.username, password: r.password }).expect(400);
      expect(noSeller.body.error.details).toContainEqual({ field: 'sellerId', reason: 'sellerId must be a string' });
      expect((await t.http.post('/v1/reseller/auth/login').send({ username: r.username }).expect(400)).body.error.code).toBe(
        'VALIDATION_FAILED',
      );
    });
  });

  describe('validation', () => {
    const valid = () => ({
      username: 'valid-name',
      password: 'password123',
      appIds: [s.app.id],
      subscriptions: ['premium'],
      prices: [{ durationDays: 30, credits: 5 }],
    });

    it('refuses bad reseller bodies with VALIDATION_FAILED and its details', async () => {
      const create = (body: object) => t.http.post('/v1/admin/resellers').set('authorization', `Bearer ${s.token}`).send(body);
      const cases: Array<[object, string]> = [
        [{ ...valid(), username: 'a b' }, 'username'],
        [{ ...valid(), username: 'ab' }, 'username'],
        [{ ...valid(), password: 'short' }, 'password'],
        [{ ...valid(), appIds: 'app_x' }, 'appIds'],
        [{ ...valid(), subscriptions: ['has space'] }, 'subscriptions'],
        [{ ...valid(), prices: [{ durationDays: 30 }] }, 'prices.0.credits'],
        [{ ...valid(), prices: [{ credits: 5 }] }, 'prices.0.durationDays'],
        [{ ...valid(), prices: [{ durationDays: 0, credits: 5 }] }, 'prices.0.durationDays'],
        [{ ...valid(), prices: [{ durationDays: 30, credits: -1 }] }, 'prices.0.credits'],
        [{ ...valid(), prices: [{ durationDays: 30, credits: 5, extra: 1 }] }, 'prices.0.extra'],
        [
          {
            ...valid(),
            prices: [
              { durationDays: 30, credits: 5 },
              { durationDays: 30, credits: 6 },
            ],
          },
          'prices',
        ],
        [{ ...valid(), credits: -5 }, 'credits'],
        [{ ...valid(), unknown: true }, 'unknown'],
        [{ username: 'x-y-z', password: 'password123' }, 'appIds'],
      ];
      for (const [body, field] of cases) {
        const res = await create(body).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect((await s.client.resellers.list()).meta.total).toBe(0);
      // Another seller's app, or a malformed one, is 404 like everywhere else.
      await create({ ...valid(), appIds: ['app_00000000000000000000000000000000'] }).expect(404);
    });

    it('refuses bad PATCH, generate and list input', async () => {
      const r = await resellerOf(t.url, s, { credits: 100 });
      const patch = (body: object) =>
        t.http.patch(`/v1/admin/resellers/${r.reseller.id}`).set('authorization', `Bearer ${s.token}`).send(body);
      for (const body of [{ status: 'BANNED' }, { password: 'short' }, { credits: 500 }, { prices: [{ durationDays: null }] }]) {
        expect((await patch(body).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      }
      const gen = (body: object) => t.http.post('/v1/reseller/keys/generate').set('authorization', `Bearer ${r.token}`).send(body);
      const ok = { appId: s.app.id, count: 1, durationDays: 30, subscription: 'premium' };
      for (const body of [
        { ...ok, count: 0 },
        { ...ok, count: 10_001 },
        { ...ok, count: 1.5 },
        { appId: s.app.id, count: 1, subscription: 'premium' },
        { ...ok, subscription: '' },
        // mask and note are checked as the seller's are (reseller-portal.e2e-spec.ts covers what they do).
        { ...ok, mask: 'XXXX' },
        { ...ok, note: 'x'.repeat(501) },
        { ...ok, extra: true },
      ]) {
        expect((await gen(body).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      }
      for (const qs of ['status=active', 'page=0', 'limit=501', 'bogus=1']) {
        const res = await t.http.get(`/v1/reseller/keys?${qs}`).set('authorization', `Bearer ${r.token}`).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      const filter = await t.http
        .get(`/v1/admin/licenses?appId=${s.app.id}&resellerId=nonsense`)
        .set('authorization', `Bearer ${s.token}`)
        .expect(400);
      expect(filter.body.error.details[0].field).toBe('resellerId');
      expect((await r.client.stats()).credits).toBe(100);
    });
  });

  it('documents every reseller route in OpenAPI, with its security and errors', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const paths = doc.paths as Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    const expected: Array<[string, string, string | null]> = [
      ['/v1/admin/resellers', 'post', 'seller'],
      ['/v1/admin/resellers', 'get', 'seller'],
      ['/v1/admin/resellers/{id}', 'get', 'seller'],
      ['/v1/admin/resellers/{id}', 'patch', 'seller'],
      ['/v1/admin/resellers/{id}', 'delete', 'seller'],
      ['/v1/admin/resellers/{id}/credits', 'post', 'seller'],
      ['/v1/admin/resellers/{id}/ledger', 'get', 'seller'],
      ['/v1/reseller/auth/login', 'post', null],
      ['/v1/reseller/me', 'get', 'reseller'],
      ['/v1/reseller/keys/generate', 'post', 'reseller'],
      ['/v1/reseller/keys', 'get', 'reseller'],
      ['/v1/reseller/keys/{id}', 'get', 'reseller'],
      ['/v1/reseller/stats', 'get', 'reseller'],
    ];
    for (const [path, method, security] of expected) {
      const op = paths[path]?.[method];
      expect({ path, method, documented: Boolean(op) }).toEqual({ path, method, documented: true });
      if (security) expect(op.security).toEqual([{ [security]: [] }]);
      expect(Object.keys(op.responses).some((status) => status.startsWith('2'))).toBe(true);
    }
    expect(Object.keys(paths['/v1/reseller/keys/generate'].post.responses).sort()).toEqual(['201', '400', '401', '403', '404']);
  });
});

/** A well-formed id of another kind for the same row (still a 404). */
function toAppLikeId(resellerId: string): string {
  return resellerId.replace(/^rsl_/, 'app_');
}
