import { KeyholdError } from '@keyhold/sdk';
import { endUser, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** Bulk actions on an app's license keys: the selection, or every match of the list's filters. */
describe('license keys bulk actions', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url, 'Key Bulk App');
    await s.client.apps.update(s.app.id, { hwidLock: false });
  });
  afterAll(() => t.close());

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (e instanceof KeyholdError ? { status: e.status, code: e.code, details: e.details } : e),
    );
  const byKey = async (q?: string) =>
    Object.fromEntries((await s.client.licenses.list({ appId: s.app.id, q, limit: 100 })).data.map((l) => [l.key, l]));
  const idsOf = async (wanted: string[]) => {
    const all = await byKey();
    return wanted.map((k) => all[k].id);
  };

  it('bans the selected keys once each and ends the sessions of the key and of its user; a dry run only counts', async () => {
    const [registered, loggedIn, kept] = await keys(s, 3);
    const software = endUser(t.url, s);
    await software.register({ username: 'bulk-buyer', password: 'pw-buyer', licenseKey: registered, hwid: 'HW-1' });
    const keyOnly = endUser(t.url, s);
    await keyOnly.licenseLogin({ licenseKey: loggedIn, hwid: 'HW-2' });
    const ids = await idsOf([registered, loggedIn]);

    expect(await s.client.licenses.bulk({ appId: s.app.id, action: 'ban', ids, dryRun: true })).toEqual({ matched: 2, changed: 0 });
    expect((await byKey())[registered].banned).toBe(false);
    expect(await software.session()).toBeDefined();

    expect(await s.client.licenses.bulk({ appId: s.app.id, action: 'ban', ids, banReason: 'Refunded' })).toEqual({
      matched: 2,
      changed: 2,
    });
    const after = await byKey();
    expect([after[registered].status, after[loggedIn].status, after[kept].status]).toEqual(['banned', 'banned', 'unused']);
    expect(after[registered].banReason).toBe('Refunded');
    expect(await refusal(software.session())).toMatchObject({ status: 401 });
    expect(await refusal(keyOnly.session())).toMatchObject({ status: 401 });
    // The user of a banned key cannot log in again either.
    expect(await refusal(endUser(t.url, s).login({ username: 'bulk-buyer', password: 'pw-buyer', hwid: 'HW-1' }))).toMatchObject({
      status: 403,
      code: 'LICENSE_BANNED',
    });
    // Again: nothing is banned twice.
    expect(await s.client.licenses.bulk({ appId: s.app.id, action: 'ban', ids })).toEqual({ matched: 2, changed: 0 });

    expect(await s.client.licenses.bulk({ appId: s.app.id, action: 'unban', ids })).toEqual({ matched: 2, changed: 2 });
    expect((await byKey())[registered]).toMatchObject({ banned: false, banReason: null });
    expect(await endUser(t.url, s).login({ username: 'bulk-buyer', password: 'pw-buyer', hwid: 'HW-1' })).toBeDefined();
  });

  it('extends every match of a filter: an expiry date, an unused duration, never a lifetime key', async () => {
    const note = 'promo-extend';
    const gen = (durationDays: number | null) =>
      s.client.licenses.generate({ appId: s.app.id, count: 1, durationDays, subscription: 'premium', note }).then((r) => r.keys[0]);
    const unused = await gen(7);
    const lifetime = await gen(null);
    const used = await gen(10);
    await endUser(t.url, s).licenseLogin({ licenseKey: used, hwid: 'HW-3' });
    const lapsed = await gen(10);
    const [lapsedId] = await idsOf([lapsed]);
    await s.client.licenses.update(lapsedId, { expiresAt: new Date(Date.now() - 5 * 86_400_000).toISOString() });

    expect(await s.client.licenses.bulk({ appId: s.app.id, action: 'extend', match: true, q: note, days: 30 })).toEqual({
      matched: 4,
      changed: 3,
    });
    const after = await byKey(note);
    const daysLeft = (iso: string | null) => Math.round((new Date(iso!).getTime() - Date.now()) / 86_400_000);
    expect(after[unused]).toMatchObject({ status: 'unused', durationDays: 37, expiresAt: null });
    expect(after[lifetime]).toMatchObject({ durationDays: null, expiresAt: null });
    expect(daysLeft(after[used].expiresAt)).toBe(40);
    // A passed expiry counts from now, and the key is usable again.
    expect(daysLeft(after[lapsed].expiresAt)).toBe(30);
    expect(after[lapsed].status).toBe('unused');
  });

  it("deletes every match of a status filter, with a redeemed key's user, and records license.delete", async () => {
    const other = await sellerWithApp(t.url, 'Delete Bulk App');
    const [redeemed, spare] = await keys(other, 2);
    await endUser(t.url, other).register({ username: 'gone-user', password: 'pw-gone', licenseKey: redeemed, hwid: 'HW-4' });

    expect(await other.client.licenses.bulk({ appId: other.app.id, action: 'delete', match: true, status: 'used', dryRun: true })).toEqual({
      matched: 1,
      changed: 0,
    });
    expect(await other.client.licenses.bulk({ appId: other.app.id, action: 'delete', match: true, status: 'used' })).toEqual({
      matched: 1,
      changed: 1,
    });
    const left = (await other.client.licenses.list({ appId: other.app.id })).data.map((l) => l.key);
    expect(left).toEqual([spare]);
    expect((await other.client.users.list({ appId: other.app.id })).data).toEqual([]);
    const deletions = (await other.client.events.list({ appId: other.app.id, name: 'license.delete' })).data;
    expect(deletions.map((e) => e.data.key)).toEqual([redeemed]);
    expect(deletions[0].data.userId).toMatch(/^usr_/);
  });

  it('refuses an unclear selection or a bad action with 400 and changes nothing; another seller matches nothing', async () => {
    const [safe] = await keys(s, 1);
    const [id] = await idsOf([safe]);
    const bad = [
      { appId: s.app.id, action: 'ban' },
      { appId: s.app.id, action: 'ban', ids: [id], match: true },
      { appId: s.app.id, action: 'explode', ids: [id] },
      { appId: s.app.id, action: 'extend', ids: [id] },
      { appId: s.app.id, action: 'extend', ids: [id], days: 1.5 },
      { appId: s.app.id, action: 'ban', ids: [] },
      { appId: s.app.id, action: 'delete', match: true, status: 'lost' },
      { appId: s.app.id, action: 'delete', match: true, resellerId: 'someone' },
    ];
    for (const body of bad) {
      expect({ body, answer: await refusal(s.client.licenses.bulk(body as never)) }).toMatchObject({
        body,
        answer: { status: 400, code: 'VALIDATION_FAILED' },
      });
    }
    const stranger = await sellerWithApp(t.url, 'Stranger Bulk App');
    expect(await refusal(stranger.client.licenses.bulk({ appId: s.app.id, action: 'delete', match: true }))).toMatchObject({
      status: 404,
    });
    expect(await stranger.client.licenses.bulk({ appId: stranger.app.id, action: 'delete', ids: [id] })).toEqual({
      matched: 0,
      changed: 0,
    });
    expect((await byKey())[safe]).toMatchObject({ status: 'unused' });
  });

  it('counts past the limit in a dry run (10,001: "more than 10,000"), and refuses the real run, changing nothing', async () => {
    const big = await sellerWithApp(t.url, 'Big Bulk App');
    await big.client.licenses.generate({ appId: big.app.id, count: 10_000, durationDays: 30, subscription: 'premium' });
    await big.client.licenses.generate({ appId: big.app.id, count: 2, durationDays: 30, subscription: 'premium' });
    expect(await big.client.licenses.bulk({ appId: big.app.id, action: 'ban', match: true, dryRun: true })).toEqual({
      matched: 10_001,
      changed: 0,
    });
    expect(await refusal(big.client.licenses.bulk({ appId: big.app.id, action: 'ban', match: true }))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'match', reason: 'The selection matches more than 10,000 keys' }],
    });
    expect((await big.client.licenses.list({ appId: big.app.id, status: 'banned' })).meta.total).toBe(0);
  });
});
