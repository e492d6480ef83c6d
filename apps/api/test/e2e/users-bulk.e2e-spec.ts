import { createEndUserClient, KeyholdError } from '@keyhold/sdk';
import { credential } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** Bulk actions on an app's end users: the selection, or every match of the list's filters. */
describe('users bulk actions', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url, 'Bulk App');
    await s.client.apps.update(s.app.id, { hwidLock: false });
  });
  afterAll(() => t.close());

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (e instanceof KeyholdError ? { status: e.status, code: e.code, details: e.details } : e),
    );
  const byName = async () =>
    Object.fromEntries(
      (await s.client.users.list({ appId: s.app.id, limit: 100 })).data.map((u) => [
        u.username,
        { banned: u.banned, expiresAt: u.expiresAt },
      ]),
    );

  it('bans the selected users once each, ends their sessions and records user.ban; a dry run only counts', async () => {
    const a = await credential(s, 'bulk-a', 'pw-a');
    const b = await credential(s, 'bulk-b', 'pw-b');
    await credential(s, 'keep-c', 'pw-c');
    const software = createEndUserClient({ baseUrl: t.url, apiKey: s.app.apiKey });
    await software.login({ username: 'bulk-a', password: 'pw-a', hwid: 'HW-A' });

    expect(await s.client.users.bulk({ appId: s.app.id, action: 'ban', ids: [a.id, b.id], dryRun: true })).toEqual({
      matched: 2,
      changed: 0,
    });
    expect((await byName())['bulk-a'].banned).toBe(false);

    expect(await s.client.users.bulk({ appId: s.app.id, action: 'ban', ids: [a.id, b.id], banReason: 'Chargebacks' })).toEqual({
      matched: 2,
      changed: 2,
    });
    const after = await byName();
    expect([after['bulk-a'].banned, after['bulk-b'].banned, after['keep-c'].banned]).toEqual([true, true, false]);
    expect(await refusal(software.session())).toMatchObject({ status: 401 });
    // Again: nobody is banned twice.
    expect(await s.client.users.bulk({ appId: s.app.id, action: 'ban', ids: [a.id, b.id] })).toEqual({ matched: 2, changed: 0 });
    const bans = (await s.client.events.list({ appId: s.app.id, name: 'user.ban' })).data.filter((e) =>
      [a.id, b.id].includes(e.data.userId as string),
    );
    expect(bans.map((e) => e.data.reason)).toEqual(['Chargebacks', 'Chargebacks']);

    expect(await s.client.users.bulk({ appId: s.app.id, action: 'unban', ids: [a.id, b.id] })).toEqual({ matched: 2, changed: 2 });
    expect((await byName())['bulk-a'].banned).toBe(false);
  });

  it('acts on every match of a filter, extends expiries (not users that never expire) and deletes', async () => {
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    await credential(s, 'trial-1', 'pw', { expiresAt: soon });
    await credential(s, 'trial-2', 'pw', { expiresAt: new Date(Date.now() - 86_400_000).toISOString() });
    await credential(s, 'trial-forever', 'pw');

    expect(await s.client.users.bulk({ appId: s.app.id, action: 'extend', match: true, q: 'trial-', days: 30 })).toEqual({
      matched: 3,
      changed: 2,
    });
    const after = await byName();
    const days = (iso: string | null) => Math.round((new Date(iso!).getTime() - Date.now()) / 86_400_000);
    expect([days(after['trial-1'].expiresAt), days(after['trial-2'].expiresAt), after['trial-forever'].expiresAt]).toEqual([31, 30, null]);

    expect(await s.client.users.bulk({ appId: s.app.id, action: 'delete', match: true, q: 'trial-' })).toEqual({ matched: 3, changed: 3 });
    expect(Object.keys(await byName()).filter((n) => n.startsWith('trial-'))).toEqual([]);
  });

  it('refuses an unclear selection or a bad action with 400 and changes nothing; another seller matches nothing', async () => {
    const d = await credential(s, 'safe-d', 'pw');
    const bad = [
      { appId: s.app.id, action: 'ban' },
      { appId: s.app.id, action: 'ban', ids: [d.id], match: true },
      { appId: s.app.id, action: 'explode', ids: [d.id] },
      { appId: s.app.id, action: 'extend', ids: [d.id] },
      { appId: s.app.id, action: 'extend', ids: [d.id], days: 0 },
      { appId: s.app.id, action: 'ban', ids: [] },
      { appId: s.app.id, action: 'ban', match: false },
    ];
    for (const body of bad) {
      expect({ body, answer: await refusal(s.client.users.bulk(body as never)) }).toMatchObject({
        body,
        answer: { status: 400, code: 'VALIDATION_FAILED' },
      });
    }
    const other = await sellerWithApp(t.url, 'Other Bulk App');
    expect(await refusal(other.client.users.bulk({ appId: s.app.id, action: 'delete', match: true }))).toMatchObject({ status: 404 });
    expect(await other.client.users.bulk({ appId: other.app.id, action: 'delete', ids: [d.id] })).toEqual({ matched: 0, changed: 0 });
    // The refused bans, extends and the other seller's delete left it as it was.
    expect((await byName())['safe-d']).toEqual({ banned: false, expiresAt: null });
  });
});
