import { KeyholdError } from '@keyhold/sdk';
import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { LedgerApps1764101200000 } from '../../src/database/migrations/1764101200000-ledger-apps';
import { endUser, keys } from '../factories/client';
import { resellerOf, ResellerFixture } from '../factories/resellers';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Issue 17, items 8 and 9: the reseller's own credit history, search and CSV export of its keys,
 * mask and note when it generates, the seller's license list by maker (resellerId, resellerUsername,
 * `resellerId=none`), the reseller list by app, and what deleting an app does to its resellers.
 */
jest.setTimeout(60_000);

async function expectError(call: Promise<unknown>, status: number, code: string): Promise<KeyholdError> {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof KeyholdError)) throw e;
    expect({ status: e.status, code: e.code }).toEqual({ status, code });
    return e;
  }
  throw new Error('expected the call to fail');
}

/** The CSV's rows after its header, each split into cells (the tests' cells hold no comma or quote). */
function csvRows(csv: string): string[][] {
  const [, ...rows] = csv.trimEnd().split('\n');
  return rows.map((r) => r.split(','));
}

const gen = { count: 1, durationDays: 30, subscription: 'premium' } as const;

describe('reseller portal', () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    s = await sellerWithApp(t.url, 'Acme Desktop');
  });

  const db = () => t.app.get(DataSource);
  const get = (path: string, token: string) => t.http.get(path).set('authorization', `Bearer ${token}`);

  describe('credit history', () => {
    it("shows a reseller its own ledger only, newest first and paged, each spend with its app's current name", async () => {
      const a = await resellerOf(t.url, s, { credits: 100 });
      const b = await resellerOf(t.url, s, { credits: 50 });
      await a.client.keys.generate({ ...gen, appId: s.app.id, count: 2 });
      await s.client.resellers.adjustCredits(a.reseller.id, { amount: -5, note: 'Refund #7' });
      await b.client.keys.generate({ ...gen, appId: s.app.id });

      const ledger = await a.client.ledger();
      expect(ledger.meta).toEqual({ total: 3, page: 1, limit: 50 });
      expect(ledger.data.map((e) => [e.amount, e.balanceAfter, e.note, e.app])).toEqual([
        [-5, 85, 'Refund #7', null],
        [-10, 90, `Generated 2 keys (30 days, premium) for ${s.app.id}`, { id: s.app.id, name: 'Acme Desktop' }],
        [100, 100, 'Opening balance', null],
      ]);
      expect(ledger.data[0]).toEqual({
        id: expect.stringMatching(/^cle_[0-9a-f]{32}$/),
        amount: -5,
        balanceAfter: 85,
        note: 'Refund #7',
        app: null,
        createdAt: expect.any(String),
      });
      const page2 = await a.client.ledger({ page: 2, limit: 2 });
      expect(page2.meta).toEqual({ total: 3, page: 2, limit: 2 });
      expect(page2.data.map((e) => e.amount)).toEqual([100]);
      expect((await b.client.ledger()).data.map((e) => e.amount)).toEqual([-5, 50]);

      // The seller's view of the same ledger names the app too, by its name now.
      await s.client.apps.update(s.app.id, { name: 'Acme Desktop 2' });
      expect((await s.client.resellers.ledger(a.reseller.id)).data[1].app).toEqual({ id: s.app.id, name: 'Acme Desktop 2' });
      expect((await a.client.ledger()).data[1].app).toEqual({ id: s.app.id, name: 'Acme Desktop 2' });
      // The answer of a top-up keeps its shape (no app).
      expect(Object.keys((await s.client.resellers.adjustCredits(a.reseller.id, { amount: 1 })).entry).sort()).toEqual(
        ['amount', 'balanceAfter', 'createdAt', 'id', 'note'].sort(),
      );
    });

    it('refuses bad paging and every token but a reseller’s', async () => {
      const a = await resellerOf(t.url, s);
      for (const qs of ['page=0', 'limit=501', 'limit=x', 'cursor=abc', 'bogus=1']) {
        const res = await get(`/v1/reseller/ledger?${qs}`, a.token).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      expect((await get('/v1/reseller/ledger', s.token).expect(401)).body.error.code).toBe('UNAUTHORIZED');
      await t.http.get('/v1/reseller/ledger').expect(401);
      await s.client.resellers.update(a.reseller.id, { status: 'SUSPENDED' });
      expect((await get('/v1/reseller/ledger', a.token).expect(403)).body.error.code).toBe('RESELLER_SUSPENDED');
    });

    it('fills in the app of the spends written before the ledger had an app column, from their notes', async () => {
      const a = await resellerOf(t.url, s, { credits: 100 });
      const other = await sellerWithApp(t.url, 'Not yours');
      const migration = new LedgerApps1764101200000();
      const runner = db().createQueryRunner();
      try {
        await migration.down(runner);
        const rid = fromPublicId('reseller', a.reseller.id);
        await runner.query(
          `INSERT INTO credit_ledger (reseller_id, amount, balance_after, note) VALUES
             ($1, -5, 95, $2), ($1, -5, 90, $3), ($1, 3, 93, $4)`,
          [
            rid,
            `Generated 1 key (30 days, premium) for ${s.app.id}`,
            `Generated 1 key (30 days, premium) for ${other.app.id}`,
            `for ${s.app.id}`,
          ],
        );
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      const spends = (await a.client.ledger()).data.map((e) => [e.amount, e.app?.name ?? null]);
      // Another seller's app named in a note is not this reseller's: it stays without an app; top-ups have none.
      expect(spends).toEqual([
        [3, null],
        [-5, null],
        [-5, 'Acme Desktop'],
        [100, null],
      ]);
    });
  });

  describe('its keys: search, status and CSV export', () => {
    let a: ResellerFixture;
    let b: ResellerFixture;
    let tagged: string[];
    let plain: string[];
    beforeEach(async () => {
      a = await resellerOf(t.url, s, { credits: 1000 });
      b = await resellerOf(t.url, s, { credits: 1000 });
      tagged = (await a.client.keys.generate({ ...gen, appId: s.app.id, count: 2, note: 'Batch for Globex' })).keys;
      plain = (await a.client.keys.generate({ ...gen, appId: s.app.id })).keys;
      await b.client.keys.generate({ ...gen, appId: s.app.id, note: 'Batch for Globex' });
      await s.client.licenses.generate({ appId: s.app.id, count: 2, durationDays: 30, subscription: 'premium', note: 'Batch for Globex' });
      await endUser(t.url, s).register({ username: 'globex-buyer', password: 'customerpass', licenseKey: plain[0] });
    });

    it('searches its own keys by key, note and username, and filters them by status', async () => {
      const byNote = await a.client.keys.list({ q: 'globex' });
      expect(byNote.data.map((k) => k.key).sort()).toEqual([...tagged, ...plain].sort()); // the note, and the buyer's username
      expect((await a.client.keys.list({ q: 'batch for' })).data.map((k) => k.key).sort()).toEqual([...tagged].sort());
      expect((await a.client.keys.list({ q: tagged[0].slice(5, 14) })).data.map((k) => k.key)).toEqual([tagged[0]]);
      expect((await a.client.keys.list({ status: 'used' })).data.map((k) => k.key)).toEqual(plain);
      expect((await a.client.keys.list({ status: 'unused', q: 'batch' })).meta.total).toBe(2);
      expect((await a.client.keys.list({ q: 'nothing like it' })).meta.total).toBe(0);
      const listed = (await a.client.keys.list()).data.find((k) => k.key === tagged[0])!;
      expect(listed.note).toBe('Batch for Globex');
      expect(await a.client.keys.get(listed.id)).toEqual(listed);
      // b's own search finds its one key, never a's or the seller's.
      expect((await b.client.keys.list({ q: 'globex' })).meta.total).toBe(1);
    });

    it("exports only its own keys, with the list's filters, as CSV", async () => {
      const res = await get('/v1/reseller/keys/export', a.token).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="keys\.csv"/);
      const csv = res.text;
      expect(csv.split('\n')[0]).toBe('key,app,status,subscription,durationDays,note,usedBy,activatedAt,expiresAt,createdAt');
      const rows = csvRows(csv);
      // Oldest first: the tagged batch (one statement, one instant, in id order), then the plain key.
      expect(
        rows
          .map((r) => r[0])
          .slice(0, 2)
          .sort(),
      ).toEqual([...tagged].sort());
      expect(rows.map((r) => r[0]).slice(2)).toEqual(plain);
      expect(rows.find((r) => r[0] === tagged[0])!.slice(1, 7)).toEqual([
        'Acme Desktop',
        'unused',
        'premium',
        '30',
        'Batch for Globex',
        '',
      ]);
      expect(rows.find((r) => r[0] === plain[0])!.slice(1, 7)).toEqual(['Acme Desktop', 'used', 'premium', '30', '', 'globex-buyer']);

      expect(
        csvRows(await a.client.keys.exportCsv({ q: 'batch' }))
          .map((r) => r[0])
          .sort(),
      ).toEqual([...tagged].sort());
      expect(csvRows(await a.client.keys.exportCsv({ status: 'used' })).map((r) => r[0])).toEqual(plain);
      expect(csvRows(await a.client.keys.exportCsv({ appId: s.app.id })).length).toBe(3);
      expect(csvRows(await b.client.keys.exportCsv()).length).toBe(1);
      const fresh = await resellerOf(t.url, s);
      expect(await fresh.client.keys.exportCsv()).toBe(
        'key,app,status,subscription,durationDays,note,usedBy,activatedAt,expiresAt,createdAt\n',
      );

      // An app it may not sell is 404, as on the list; junk is 400; other tokens are 401.
      const otherApp = await s.client.apps.create({ name: 'Not for resale' });
      await expectError(a.client.keys.exportCsv({ appId: otherApp.id }), 404, 'NOT_FOUND');
      for (const qs of ['status=active', 'q=' + 'x'.repeat(101), 'page=2', 'bogus=1']) {
        expect((await get(`/v1/reseller/keys/export?${qs}`, a.token).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      }
      expect((await get('/v1/reseller/keys/export', s.token).expect(401)).body.error.code).toBe('UNAUTHORIZED');
    });

    it('defuses a note a spreadsheet would run as a formula', async () => {
      const c = await resellerOf(t.url, s, { credits: 10 });
      await c.client.keys.generate({ ...gen, appId: s.app.id, note: '=HYPERLINK("http://evil")' });
      const [row] = (await c.client.keys.exportCsv()).trimEnd().split('\n').slice(1);
      expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    });
  });

  describe('generating with a mask and a note', () => {
    it('makes keys from the mask, puts the note on them, and the seller sees both and who made them', async () => {
      const a = await resellerOf(t.url, s, { credits: 100 });
      const made = await a.client.keys.generate({ ...gen, appId: s.app.id, count: 3, mask: 'ACME-XXXX-XXXX', note: 'Order 1234' });
      expect(made).toMatchObject({ count: 3, cost: 15, credits: 85 });
      for (const k of made.keys) expect(k).toMatch(/^ACME-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      const mine = await a.client.keys.list();
      expect(mine.data.map((k) => k.note)).toEqual(['Order 1234', 'Order 1234', 'Order 1234']);

      const sellers = await s.client.licenses.list({ appId: s.app.id });
      expect(sellers.data.map((l) => [l.note, l.resellerId, l.resellerUsername])).toEqual(
        made.keys.map(() => ['Order 1234', a.reseller.id, a.username]),
      );
      // No mask: the default one; a null note: none.
      const plain = await a.client.keys.generate({ ...gen, appId: s.app.id, note: null });
      expect(plain.keys[0]).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect((await a.client.keys.list({ limit: 1 })).data[0].note).toBeNull();
    });

    it('refuses a bad mask or note with 400 VALIDATION_FAILED before anything else, and charges nothing', async () => {
      const a = await resellerOf(t.url, s, { credits: 20 });
      const post = (body: object) => t.http.post('/v1/reseller/keys/generate').set('authorization', `Bearer ${a.token}`).send(body);
      const ok = { ...gen, appId: s.app.id };
      const otherApp = await s.client.apps.create({ name: 'Not for resale' });
      const cases: Array<[object, string]> = [
        [{ ...ok, mask: 'XXXX-XXX' }, 'mask'], // 7 X: too few
        [{ ...ok, mask: 'XXXX XXXX XXXX' }, 'mask'],
        [{ ...ok, mask: 'X'.repeat(65) }, 'mask'],
        [{ ...ok, mask: '' }, 'mask'],
        [{ ...ok, mask: 12345678 }, 'mask'],
        [{ ...ok, mask: null }, 'mask'],
        [{ ...ok, note: 'x'.repeat(501) }, 'note'],
        [{ ...ok, note: 42 }, 'note'],
        // Checked before the balance (5 keys cost 25) and before the app.
        [{ ...ok, count: 5, mask: 'XXXX' }, 'mask'],
        [{ ...ok, appId: otherApp.id, mask: 'XXXX' }, 'mask'],
      ];
      for (const [body, field] of cases) {
        const res = await post(body).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM licenses WHERE reseller_id = $1`, [
        fromPublicId('reseller', a.reseller.id),
      ]);
      expect(n).toBe(0);
      expect((await a.client.stats()).credits).toBe(20);
      expect((await a.client.ledger()).meta.total).toBe(1); // the opening balance only
      // The boundary: 8 X is enough.
      expect((await post({ ...ok, mask: 'KEY-XXXXXXXX' }).expect(201)).body.data.keys[0]).toMatch(/^KEY-[A-Z0-9]{8}$/);
    });
  });

  describe("the seller's license list by maker", () => {
    it('carries resellerId and resellerUsername, and filters by one reseller or by none (your own keys)', async () => {
      const a = await resellerOf(t.url, s, { credits: 100 });
      const b = await resellerOf(t.url, s, { credits: 100 });
      const aKeys = (await a.client.keys.generate({ ...gen, appId: s.app.id, count: 2 })).keys;
      const bKeys = (await b.client.keys.generate({ ...gen, appId: s.app.id })).keys;
      const own = await keys(s, 3);

      const all = await s.client.licenses.list({ appId: s.app.id });
      expect(all.meta.total).toBe(6);
      const maker = (key: string) => {
        const l = all.data.find((x) => x.key === key)!;
        return [l.resellerId, l.resellerUsername];
      };
      expect(maker(aKeys[0])).toEqual([a.reseller.id, a.username]);
      expect(maker(bKeys[0])).toEqual([b.reseller.id, b.username]);
      expect(maker(own[0])).toEqual([null, null]);
      const one = all.data.find((x) => x.key === aKeys[1])!;
      expect(await s.client.licenses.get(one.id)).toEqual(one);

      const keysOf = async (resellerId: string) =>
        (await s.client.licenses.list({ appId: s.app.id, resellerId })).data.map((l) => l.key).sort();
      expect(await keysOf(a.reseller.id)).toEqual([...aKeys].sort());
      expect(await keysOf('none')).toEqual([...own].sort());
      expect(
        (await s.client.licenses.list({ appId: s.app.id, resellerId: 'none', status: 'unused', q: own[0].slice(0, 9) })).data.map(
          (l) => l.key,
        ),
      ).toEqual([own[0]]);
      // A reseller id that names nobody matches nothing.
      expect(await keysOf('rsl_00000000000000000000000000000000')).toEqual([]);
      // The export holds what the list shows.
      const exported = (await s.client.licenses.exportCsv({ appId: s.app.id, resellerId: 'none' })).trimEnd().split('\n').slice(1);
      expect(exported.map((line) => line.split(',')[0]).sort()).toEqual([...own].sort());

      for (const bad of ['NONE', 'all', 'rsl_x', a.reseller.id.toUpperCase(), '']) {
        const res = await get(`/v1/admin/licenses?appId=${s.app.id}&resellerId=${encodeURIComponent(bad)}`, s.token).expect(400);
        expect(res.body.error.details[0].field).toBe('resellerId');
      }

      // After the reseller is deleted, its keys are the seller's own.
      await s.client.resellers.remove(b.reseller.id);
      expect(await keysOf('none')).toEqual([...own, ...bKeys].sort());
    });

    it("another seller's reseller matches nothing, and the reseller list by app follows the seller's apps", async () => {
      const a = await resellerOf(t.url, s, { credits: 100 });
      await a.client.keys.generate({ ...gen, appId: s.app.id });
      const other = await sellerWithApp(t.url, 'Initech');
      const c = await resellerOf(t.url, other, { credits: 100 });
      await c.client.keys.generate({ ...gen, appId: other.app.id, note: 'Initech batch' });

      // Each seller filtering by the other's reseller finds nothing in its own app.
      expect((await s.client.licenses.list({ appId: s.app.id, resellerId: c.reseller.id })).meta.total).toBe(0);
      expect((await other.client.licenses.list({ appId: other.app.id, resellerId: a.reseller.id })).meta.total).toBe(0);
      // And cannot list the other's app at all.
      await expectError(other.client.licenses.list({ appId: s.app.id, resellerId: a.reseller.id }), 404, 'NOT_FOUND');

      // Resellers by app: the seller's own apps only; another seller's app is 404.
      const second = await s.client.apps.create({ name: 'Second' });
      expect((await s.client.resellers.list({ appId: s.app.id })).data.map((r) => r.id)).toEqual([a.reseller.id]);
      expect((await s.client.resellers.list({ appId: second.id })).meta.total).toBe(0);
      await expectError(s.client.resellers.list({ appId: other.app.id }), 404, 'NOT_FOUND');
      await expectError(other.client.resellers.list({ appId: s.app.id }), 404, 'NOT_FOUND');
      await expectError(s.client.resellers.list({ appId: 'app_nonsense' }), 404, 'NOT_FOUND');
      expect((await get(`/v1/admin/resellers?appId=${'x'.repeat(65)}`, s.token).expect(400)).body.error.code).toBe('VALIDATION_FAILED');

      // The other seller's reseller sees its own ledger and keys only.
      expect((await c.client.ledger()).data.map((e) => e.app?.name ?? null)).toEqual(['Initech', null]);
      expect(csvRows(await c.client.keys.exportCsv()).map((r) => r[5])).toEqual(['Initech batch']);
      expect((await c.client.keys.list({ q: 'batch' })).meta.total).toBe(1);
      await expectError(c.client.keys.exportCsv({ appId: s.app.id }), 404, 'NOT_FOUND');
    });
  });

  describe('deleting an app its resellers sell', () => {
    it('takes the app and its keys from them; they stay active, and one left with no app can generate nothing', async () => {
      const second = await s.client.apps.create({ name: 'Second' });
      const only = await resellerOf(t.url, s, { credits: 100 });
      const both = await resellerOf(t.url, s, { credits: 100, appIds: [s.app.id, second.id] });
      const elsewhere = await resellerOf(t.url, s, { credits: 100, appIds: [second.id] });
      await only.client.keys.generate({ ...gen, appId: s.app.id, count: 2 });
      await both.client.keys.generate({ ...gen, appId: s.app.id });
      await both.client.keys.generate({ ...gen, appId: second.id });

      // Beforehand the seller can see who sells it (the dashboard's delete confirmation says so).
      const sellers = await s.client.resellers.list({ appId: s.app.id, limit: 1 });
      expect(sellers.meta.total).toBe(2);

      const res = await t.http.delete(`/v1/admin/apps/${s.app.id}`).set('authorization', `Bearer ${s.token}`).expect(200);
      expect(res.body.data).toEqual({ id: s.app.id, deleted: true });

      // The reseller who sold only it: active, balance kept, no app left, nothing to sell.
      expect(await s.client.resellers.get(only.reseller.id)).toMatchObject({ status: 'ACTIVE', credits: 90, appIds: [] });
      expect((await only.client.me()).apps).toEqual([]);
      expect((await only.client.keys.list()).meta.total).toBe(0);
      expect((await only.client.stats()).keysGenerated).toBe(0);
      await expectError(only.client.keys.generate({ ...gen, appId: s.app.id }), 404, 'NOT_FOUND');
      expect((await only.client.stats()).credits).toBe(90);
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM licenses WHERE reseller_id = $1`, [
        fromPublicId('reseller', only.reseller.id),
      ]);
      expect(n).toBe(0);
      // Its ledger keeps the spend, now without an app (the note still names the id).
      const [spend] = (await only.client.ledger()).data;
      expect(spend).toMatchObject({ amount: -10, app: null, note: `Generated 2 keys (30 days, premium) for ${s.app.id}` });

      // The one who sold both keeps the other, and its keys of it.
      expect((await s.client.resellers.get(both.reseller.id)).appIds).toEqual([second.id]);
      expect((await both.client.keys.list()).data.map((k) => k.appId)).toEqual([second.id]);
      expect((await s.client.resellers.get(elsewhere.reseller.id)).appIds).toEqual([second.id]);
      expect((await s.client.resellers.list({ appId: second.id })).meta.total).toBe(2);
      await expectError(s.client.resellers.list({ appId: s.app.id }), 404, 'NOT_FOUND');
    });
  });

  it('documents the new routes and filters in OpenAPI', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const paths = doc.paths as Record<
      string,
      Record<string, { security?: unknown[]; parameters?: Array<{ name: string }>; responses: Record<string, unknown> }>
    >;
    for (const path of ['/v1/reseller/ledger', '/v1/reseller/keys/export']) {
      const op = paths[path]?.get;
      expect({ path, documented: Boolean(op) }).toEqual({ path, documented: true });
      expect(op.security).toEqual([{ reseller: [] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    }
    const names = (path: string) => (paths[path].get.parameters ?? []).map((p) => p.name);
    expect(names('/v1/reseller/keys/export')).toEqual(expect.arrayContaining(['appId', 'status', 'q']));
    expect(names('/v1/admin/resellers')).toContain('appId');
    expect(names('/v1/admin/licenses')).toContain('resellerId');
    expect(JSON.stringify(doc.components.schemas)).toContain('resellerUsername');
  });
});
