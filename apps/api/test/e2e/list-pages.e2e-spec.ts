import { PAGE_COUNT_CAP } from '@keyhold/contracts';
import { keys, endUser } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The paged lists (issue 15): a cursor continues a list exactly where the page before ended, at
 * any depth; counts stop at PAGE_COUNT_CAP; search finds a key by its own columns and by its
 * user's name, through the trigram indexes' plan as through any other.
 */
describe('List pages', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url, 'Paged');
    await s.client.apps.update(s.app.id, { hwidLock: false });
  });
  afterAll(() => t.close());

  const list = (query: Record<string, string | number>) =>
    t.http
      .get('/v1/admin/licenses')
      .query({ appId: s.app.id, ...query })
      .set('authorization', `Bearer ${s.token}`);

  /** Every key of the list, walking its cursors; and how many pages that took. */
  async function walk(query: Record<string, string | number>): Promise<{ keys: string[]; pages: number }> {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const res = await list({ ...query, ...(cursor ? { cursor } : {}) }).expect(200);
      pages++;
      expect(res.body.meta.page).toBe(pages);
      seen.push(...res.body.data.map((l: { key: string }) => l.key));
      cursor = res.body.meta.nextCursor;
    } while (cursor);
    return { keys: seen, pages };
  }

  it('a cursor walk answers every key once, in the order of the numbered pages', async () => {
    // Three batches: keys of one batch share their created_at to the microsecond, so the id orders them.
    for (let i = 0; i < 3; i++) await keys(s, 40);
    const byCursor = await walk({ limit: 25 });
    expect(byCursor.pages).toBe(5);
    expect(byCursor.keys).toHaveLength(120);
    expect(new Set(byCursor.keys).size).toBe(120);

    const byNumber: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const res = await list({ limit: 25, page }).expect(200);
      expect(res.body.meta).toMatchObject({ total: 120, totalCapped: false, page, limit: 25 });
      byNumber.push(...res.body.data.map((l: { key: string }) => l.key));
      // The numbered pages give cursors too: page 2's continues at page 3.
      if (page < 5) expect(typeof res.body.meta.nextCursor).toBe('string');
      else expect(res.body.meta.nextCursor).toBeNull();
    }
    expect(byCursor.keys).toEqual(byNumber);
  });

  it('a cursor keeps the filters of its list; the next page of a filtered list stays filtered', async () => {
    const listed = (await list({ limit: 100 }).expect(200)).body.data as Array<{ id: string; key: string }>;
    const banned = listed.filter((_, i) => i % 3 === 0).slice(0, 7);
    for (const l of banned) await s.client.licenses.update(l.id, { banned: true });
    const walked = await walk({ status: 'banned', limit: 3 });
    expect(walked.pages).toBe(3);
    expect(walked.keys.sort()).toEqual(banned.map((l) => l.key).sort());
  });

  it('search matches the key, a fragment of it, the note, the hardware id and the username of its user', async () => {
    const [noted] = await (async () => {
      const res = await s.client.licenses.generate({
        appId: s.app.id,
        count: 1,
        durationDays: 30,
        subscription: 'premium',
        note: 'order ZX-4471',
      });
      return res.keys;
    })();
    const [bound, named] = await keys(s, 2);
    const user = endUser(t.url, s);
    await user.licenseLogin({ licenseKey: bound, hwid: 'HW-PAGED-77' });
    await user.register({ username: 'paged-owner-31', password: 'pw-paged-31', licenseKey: named });

    const found = async (q: string) => ((await list({ q }).expect(200)).body.data as Array<{ key: string }>).map((l) => l.key);
    expect(await found(noted)).toEqual([noted]);
    expect(await found(noted.slice(3, 9))).toContain(noted);
    expect(await found('ZX-4471')).toEqual([noted]);
    expect(await found('HW-PAGED-7')).toEqual([bound]);
    expect(await found('owner-3')).toEqual([named]);
    // LIKE wildcards are searched for, not obeyed.
    expect(await found('%')).toEqual([]);
  });

  it('an altered or foreign cursor is 400 VALIDATION_FAILED naming the cursor', async () => {
    for (const cursor of ['nonsense', Buffer.from("1.x'; DROP TABLE licenses;--.2").toString('base64url'), 'A'.repeat(200)]) {
      const res = await list({ cursor }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([{ field: 'cursor', reason: expect.stringContaining('nextCursor') }]);
    }
    expect((await list({ cursor: 'A'.repeat(201) })).status).toBe(400);
  });

  it(`counts stop at ${PAGE_COUNT_CAP}: past it, total is the cap and totalCapped is true`, async () => {
    const big = await s.client.apps.create({ name: 'Big' });
    for (const count of [PAGE_COUNT_CAP, 1]) {
      await s.client.licenses.generate({ appId: big.id, count, durationDays: 30, subscription: 'default' });
    }
    const res = await t.http
      .get('/v1/admin/licenses')
      .query({ appId: big.id, limit: 10 })
      .set('authorization', `Bearer ${s.token}`)
      .expect(200);
    expect(res.body.meta).toMatchObject({ total: PAGE_COUNT_CAP, totalCapped: true, page: 1, limit: 10 });
    expect(res.body.data).toHaveLength(10);
    // Another app's ten thousand keys are not this app's.
    expect((await list({ limit: 1 }).expect(200)).body.meta).toMatchObject({ total: 123, totalCapped: false });
  }, 60_000);

  it('the user list pages by cursor too', async () => {
    const user = endUser(t.url, s);
    const fresh = await keys(s, 5);
    for (const [i, key] of fresh.entries()) await user.register({ username: `walker-${i}`, password: 'pw-walker', licenseKey: key });
    const users = (query: Record<string, string | number>) =>
      t.http
        .get('/v1/admin/users')
        .query({ appId: s.app.id, q: 'walker-', ...query })
        .set('authorization', `Bearer ${s.token}`);
    const first = (await users({ limit: 2 }).expect(200)).body;
    expect(first.meta).toMatchObject({ total: 5, totalCapped: false, page: 1 });
    const second = (await users({ limit: 2, cursor: first.meta.nextCursor }).expect(200)).body;
    const third = (await users({ limit: 2, cursor: second.meta.nextCursor }).expect(200)).body;
    expect(third.meta.nextCursor).toBeNull();
    const names = [...first.data, ...second.data, ...third.data].map((u: { username: string }) => u.username);
    expect(names.sort()).toEqual(['walker-0', 'walker-1', 'walker-2', 'walker-3', 'walker-4']);
  });
});
