import { KeyholdError } from '@keyhold/sdk';
import type { ResellerGenerateKeysResponse } from '@keyhold/contracts';
import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { resellerOf, ResellerFixture } from '../factories/resellers';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

// The e2e project's testTimeout (jest.config.js) does not reach tests inside `projects`; a PGlite boot on a busy machine takes over jest's 5 s default.
jest.setTimeout(60_000);

type Outcome =
  { ok: true; answer: ResellerGenerateKeysResponse; count: number } | { ok: false; code: string; status: number; count: number };

/**
 * Credits cannot be overspent: many generations at once, each debiting the balance and inserting
 * keys in one transaction. On PostgreSQL the requests really run at the same time (a pool of 20).
 */
describe('resellers: concurrent spending', () => {
  let t: TestApp;
  let s: SellerFixture;
  const PRICE = 3;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
  });

  const db = () => t.app.get(DataSource);

  /** 20 generation requests at once, of the given sizes. */
  async function generateAtOnce(r: ResellerFixture, sizes: number[]): Promise<Outcome[]> {
    return Promise.all(
      sizes.map(async (count): Promise<Outcome> => {
        try {
          const answer = await r.client.keys.generate({ appId: s.app.id, count, durationDays: 30, subscription: 'premium' });
          return { ok: true, answer, count };
        } catch (e) {
          if (!(e instanceof KeyholdError)) throw e;
          return { ok: false, code: e.code, status: e.status, count };
        }
      }),
    );
  }

  /** What the database holds: keys, balance, and the ledger in order. */
  async function state(r: ResellerFixture) {
    const id = fromPublicId('reseller', r.reseller.id);
    const [keys] = await db().query(
      `SELECT count(*)::int AS n, count(DISTINCT key)::int AS distinct_keys FROM licenses WHERE reseller_id = $1`,
      [id],
    );
    const [reseller] = await db().query(`SELECT credits::int AS credits FROM resellers WHERE id = $1`, [id]);
    const ledger: Array<{ amount: number; balance_after: number }> = await db().query(
      `SELECT amount::int AS amount, balance_after::int AS balance_after FROM credit_ledger WHERE reseller_id = $1 ORDER BY seq`,
      [id],
    );
    return { keys: keys.n, distinctKeys: keys.distinct_keys, credits: reseller.credits, ledger };
  }

  /** Each entry's balance follows from the one before, never below zero, ending at the balance. */
  function expectConsistentLedger(ledger: Array<{ amount: number; balance_after: number }>, credits: number) {
    let balance = 0;
    for (const e of ledger) {
      balance += e.amount;
      expect(e.balance_after).toBe(balance);
      expect(e.balance_after).toBeGreaterThanOrEqual(0);
    }
    expect(balance).toBe(credits);
  }

  it('a balance for exactly N keys, 20 requests for N keys in total: exactly N keys, a balance of 0', async () => {
    const N = 40;
    const r = await resellerOf(t.url, s, { credits: N * PRICE, prices: [{ durationDays: 30, credits: PRICE }] });
    const outcomes = await generateAtOnce(
      r,
      Array.from({ length: 20 }, () => 2),
    );

    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const balances = outcomes.map((o) => (o.ok ? o.answer.credits : -1)).sort((a, b) => b - a);
    // Each request saw its own balance after: 114, 108, ..., 0 (no two requests spent the same credits).
    expect(balances).toEqual(Array.from({ length: 20 }, (_, i) => N * PRICE - (i + 1) * 2 * PRICE));

    const after = await state(r);
    expect(after).toMatchObject({ keys: N, distinctKeys: N, credits: 0 });
    expect(after.ledger).toHaveLength(21);
    expectConsistentLedger(after.ledger, 0);
    expect((await r.client.stats()).keysGenerated).toBe(N);
  });

  it('more asked than the balance covers: the surplus requests are 403 INSUFFICIENT_CREDITS and nothing goes below 0', async () => {
    const N = 24;
    const r = await resellerOf(t.url, s, { credits: N * PRICE, prices: [{ durationDays: 30, credits: PRICE }] });
    const outcomes = await generateAtOnce(
      r,
      Array.from({ length: 20 }, () => 2),
    ); // 40 keys asked for

    const ok = outcomes.filter((o) => o.ok);
    const refused = outcomes.filter((o) => !o.ok);
    expect(ok).toHaveLength(N / 2);
    expect(refused).toHaveLength(20 - N / 2);
    for (const o of refused) expect(o).toMatchObject({ status: 403, code: 'INSUFFICIENT_CREDITS' });

    const after = await state(r);
    expect(after).toMatchObject({ keys: N, distinctKeys: N, credits: 0 });
    expectConsistentLedger(after.ledger, 0);
  });

  it('mixed batch sizes: every refused request asked for more than what was left', async () => {
    const N = 30;
    const r = await resellerOf(t.url, s, { credits: N * PRICE, prices: [{ durationDays: 30, credits: PRICE }] });
    const sizes = Array.from({ length: 20 }, (_, i) => (i % 4) + 1); // 1,2,3,4,... = 50 keys asked for
    const outcomes = await generateAtOnce(r, sizes);

    const after = await state(r);
    const made = outcomes.reduce((sum, o) => sum + (o.ok ? o.count : 0), 0);
    expect(after.keys).toBe(made);
    expect(after.credits).toBe((N - made) * PRICE);
    expect(after.credits).toBeGreaterThanOrEqual(0);
    for (const o of outcomes.filter((x) => !x.ok)) {
      expect(o).toMatchObject({ status: 403, code: 'INSUFFICIENT_CREDITS' });
      // The balance only falls, so a refusal means the request costs more than even the final balance.
      expect(o.count * PRICE).toBeGreaterThan(after.credits);
    }
    expectConsistentLedger(after.ledger, after.credits);
  });

  it('the seller taking credits back while the reseller spends: the two never overdraw together', async () => {
    const r = await resellerOf(t.url, s, { credits: 60, prices: [{ durationDays: 30, credits: PRICE }] });
    const spends = Array.from({ length: 10 }, () =>
      r.client.keys
        .generate({ appId: s.app.id, count: 2, durationDays: 30, subscription: 'premium' })
        .then(() => -2 * PRICE)
        .catch((e: KeyholdError) => (e.code === 'INSUFFICIENT_CREDITS' ? 0 : Promise.reject(e))),
    );
    const takeBacks = Array.from({ length: 10 }, () =>
      s.client.resellers
        .adjustCredits(r.reseller.id, { amount: -5 })
        .then(() => -5)
        .catch((e: KeyholdError) => (e.code === 'INSUFFICIENT_CREDITS' ? 0 : Promise.reject(e))),
    );
    const changes = await Promise.all([...spends, ...takeBacks]);

    const after = await state(r);
    expect(after.credits).toBe(60 + changes.reduce((a, b) => a + b, 0));
    expect(after.credits).toBeGreaterThanOrEqual(0);
    // 60 credits cannot cover the 110 asked for, so something was refused; and what was left is too little for any of them.
    expect(changes.filter((c) => c === 0).length).toBeGreaterThan(0);
    expect(after.credits).toBeLessThan(5);
    expect(after.keys).toBe(changes.slice(0, 10).filter((c) => c !== 0).length * 2);
    expectConsistentLedger(after.ledger, after.credits);
  });

  it('the database refuses a negative balance even to a write that skips the service', async () => {
    const r = await resellerOf(t.url, s, { credits: 5 });
    await expect(
      db().query(`UPDATE resellers SET credits = credits - 6 WHERE id = $1`, [fromPublicId('reseller', r.reseller.id)]),
    ).rejects.toThrow(/ck_resellers_credits/);
    expect((await r.client.stats()).credits).toBe(5);
  });
});
