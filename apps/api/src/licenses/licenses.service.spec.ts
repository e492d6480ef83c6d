import type { StreamableFile } from '@nestjs/common';
import type { LicenseStatus } from '@keyhold/contracts';
import { text } from 'node:stream/consumers';
import { LICENSE_STATUSES } from '@keyhold/contracts';
import { createTestModule, insertSellerAndApp, TestModule } from '../../test/utils/test-module';
import { toPublicId } from '../common/ids';
import { BATCH_ROWS } from '../database/page-query';
import { ExportLicensesQueryDto, ListLicensesQueryDto } from './dto/license.dto';
import { LicensesModule } from './licenses.module';
import { LicensesService } from './licenses.service';

interface LicenseFixture {
  id?: string;
  key: string;
  createdAt: string;
  subscription?: string;
  durationDays?: number | null;
  note?: string | null;
  hwid?: string | null;
  userId?: string | null;
  /** SQL expressions, so that "now" is the database's. */
  activatedAt?: string | null;
  expiresAt?: string | null;
  banned?: boolean;
}

const sqlTime = (iso: string) => `'${iso}'::timestamptz`;

async function insertLicense(t: TestModule, appId: string, l: LicenseFixture): Promise<string> {
  const [{ id }]: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO licenses (id, app_id, key, subscription, duration_days, note, hwid, user_id, redeemed, activated_at, expires_at, banned, created_at)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8::uuid, $8::uuid IS NOT NULL,
             ${l.activatedAt ?? 'NULL'}, ${l.expiresAt ?? 'NULL'}, $9, $10)
     RETURNING id`,
    [
      l.id ?? null,
      appId,
      l.key,
      l.subscription ?? 'default',
      l.durationDays ?? null,
      l.note ?? null,
      l.hwid ?? null,
      l.userId ?? null,
      l.banned ?? false,
      l.createdAt,
    ],
  );
  return id;
}

async function insertUser(t: TestModule, appId: string, username: string): Promise<string> {
  const [{ id }]: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO app_users (app_id, username, password_hash) VALUES ($1, $2, 'x') RETURNING id`,
    [appId, username],
  );
  return id;
}

const listQuery = (appId: string, status?: LicenseStatus) =>
  Object.assign(new ListLicensesQueryDto(), { appId: toPublicId('app', appId), status });
const exportQuery = (appId: string, status?: LicenseStatus) =>
  Object.assign(new ExportLicensesQueryDto(), { appId: toPublicId('app', appId), status });
/** The whole CSV document of an export, as its download streams it. */
const csvOf = async (file: Promise<StreamableFile>) => text((await file).getStream());

describe('LicensesService', () => {
  let t: TestModule;
  let service: LicensesService;
  beforeAll(async () => {
    t = await createTestModule({ imports: [LicensesModule] });
    service = t.get(LicensesService);
  });
  afterAll(() => t.close());

  describe('exportCsv', () => {
    it('writes the header, then one line per license, oldest first (ties by id), with every column in order', async () => {
      const { sellerId, appId } = await insertSellerAndApp(t.dataSource);
      const other = await insertSellerAndApp(t.dataSource);
      const alice = await insertUser(t, appId, 'alice');
      // A redeemed key's hardware id is its user's.
      await t.dataSource.query(`UPDATE app_users SET hwid = 'HW-1' WHERE id = $1`, [alice]);
      await insertLicense(t, appId, {
        key: 'KEY-USED',
        createdAt: '2024-01-03T00:00:00Z',
        subscription: 'premium',
        durationDays: 30,
        note: 'a plain note',
        hwid: 'HW-1',
        userId: alice,
        activatedAt: sqlTime('2024-02-01T10:00:00Z'),
        expiresAt: sqlTime('2999-01-01T00:00:00Z'),
      });
      // Same creation instant: the id decides, ascending.
      await insertLicense(t, appId, { id: '00000000-0000-4000-8000-000000000002', key: 'KEY-TIE-B', createdAt: '2024-01-02T00:00:00Z' });
      await insertLicense(t, appId, { id: '00000000-0000-4000-8000-000000000001', key: 'KEY-TIE-A', createdAt: '2024-01-02T00:00:00Z' });
      await insertLicense(t, appId, {
        key: 'KEY-EXPIRED',
        createdAt: '2024-01-01T00:00:00Z',
        activatedAt: sqlTime('2024-01-05T00:00:00Z'),
        expiresAt: sqlTime('2024-02-05T00:00:00Z'),
      });
      await insertLicense(t, appId, { key: 'KEY-BANNED', createdAt: '2024-01-04T00:00:00Z', durationDays: 7, banned: true });
      await insertLicense(t, other.appId, { key: 'KEY-OTHER-APP', createdAt: '2024-01-01T00:00:00Z' });

      const csv = await csvOf(service.exportCsv(sellerId, exportQuery(appId)));

      expect(csv).toBe(
        'key,status,subscription,durationDays,note,usedBy,hwid,activatedAt,expiresAt,createdAt\n' +
          'KEY-EXPIRED,expired,default,,,,,2024-01-05T00:00:00.000Z,2024-02-05T00:00:00.000Z,2024-01-01T00:00:00.000Z\n' +
          'KEY-TIE-A,unused,default,,,,,,,2024-01-02T00:00:00.000Z\n' +
          'KEY-TIE-B,unused,default,,,,,,,2024-01-02T00:00:00.000Z\n' +
          'KEY-USED,used,premium,30,a plain note,alice,HW-1,2024-02-01T10:00:00.000Z,2999-01-01T00:00:00.000Z,2024-01-03T00:00:00.000Z\n' +
          'KEY-BANNED,banned,default,7,,,,,,2024-01-04T00:00:00.000Z\n',
      );
    });

    it('holds what the list shows: the same search and status, on every page', async () => {
      const { sellerId, appId } = await insertSellerAndApp(t.dataSource);
      const bob = await insertUser(t, appId, 'bob-the-buyer');
      for (let i = 0; i < 60; i++) {
        await insertLicense(t, appId, {
          key: `KEY-${String(i).padStart(2, '0')}`,
          createdAt: `2024-01-01T00:${String(i).padStart(2, '0')}:00Z`,
        });
      }
      await insertLicense(t, appId, { key: 'SHOP-1', createdAt: '2024-02-01T00:00:00Z', note: 'order 1001' });
      await insertLicense(t, appId, { key: 'SHOP-2', createdAt: '2024-02-02T00:00:00Z', note: 'ORDER 1002', banned: true });
      await insertLicense(t, appId, {
        key: 'SOLD-3',
        createdAt: '2024-02-03T00:00:00Z',
        userId: bob,
        activatedAt: sqlTime('2024-02-03T00:00:00Z'),
      });
      const keysOf = async (q: string, status?: LicenseStatus) =>
        (await csvOf(service.exportCsv(sellerId, Object.assign(exportQuery(appId, status), { q }))))
          .trimEnd()
          .split('\n')
          .slice(1)
          .map((line) => line.split(',')[0]);

      expect(await keysOf('order')).toEqual(['SHOP-1', 'SHOP-2']);
      expect(await keysOf('order', 'banned')).toEqual(['SHOP-2']);
      expect(await keysOf('the-buyer')).toEqual(['SOLD-3']);
      // The list, paged, finds the same keys: one definition of the filter serves both.
      const listed = await service.list(sellerId, Object.assign(listQuery(appId), { q: 'KEY-', limit: 50 }));
      expect(listed.meta.total).toBe(60);
      expect((await keysOf('KEY-')).length).toBe(60);
    });

    it('walks more licenses than a batch holds: each once, oldest first, across ties and microseconds at the batch ends', async () => {
      const { sellerId, appId } = await insertSellerAndApp(t.dataSource);
      const n = 2 * BATCH_ROWS + 3;
      // The first half share one instant (only the id orders them: the first batch ends among them);
      // the rest are a microsecond apart (a cursor of milliseconds would skip or repeat them).
      await t.dataSource.query(
        `INSERT INTO licenses (app_id, key, subscription, created_at)
         SELECT $1, 'BULK-' || lpad(i::text, 6, '0'), 'default',
                timestamptz '2024-03-01T00:00:00Z' + CASE WHEN i <= $2 / 2 THEN interval '0' ELSE (i + 7) * interval '1 microsecond' END
           FROM generate_series(1, $2::int) AS i`,
        [appId, n],
      );
      const expected: Array<{ key: string }> = await t.dataSource.query(
        'SELECT key FROM licenses WHERE app_id = $1 ORDER BY created_at, id',
        [appId],
      );
      const keys = (await csvOf(service.exportCsv(sellerId, exportQuery(appId))))
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]);
      expect(keys).toHaveLength(n);
      expect(keys).toEqual(expected.map((r) => r.key));
    });

    it('answers the header alone for an app without licenses', async () => {
      const { sellerId, appId } = await insertSellerAndApp(t.dataSource);
      expect(await csvOf(service.exportCsv(sellerId, exportQuery(appId)))).toBe(
        'key,status,subscription,durationDays,note,usedBy,hwid,activatedAt,expiresAt,createdAt\n',
      );
    });

    it('defuses cells a spreadsheet would run as a formula, and quotes cells with a quote, comma or line break', async () => {
      const { sellerId, appId } = await insertSellerAndApp(t.dataSource);
      const cells: Array<[note: string, hwid: string]> = [
        ['=SUM(A1:A9)', '+41'],
        ['-2+3', '@cmd'],
        ['\tindent', '\rreturn'],
        ['=1,2', 'say "hi"'],
        ['a=b', 'x-y'],
        ['two\nlines', 'c,d'],
      ];
      for (const [i, [note, hwid]] of cells.entries()) {
        await insertLicense(t, appId, { key: `KEY-${i}`, createdAt: `2024-01-0${i + 1}T00:00:00Z`, note, hwid });
      }
      await insertLicense(t, appId, { key: '=HYPERLINK("x")', createdAt: '2024-01-09T00:00:00Z', subscription: 'default' });

      const lines = (await csvOf(service.exportCsv(sellerId, exportQuery(appId)))).split('\n');

      // The first two columns and the last three: key,status,subscription,durationDays | note,usedBy,hwid | activatedAt,expiresAt,createdAt
      const middle = (line: string, i: number) => {
        const head = `KEY-${i},unused,default,,`;
        const tail = `,,,2024-01-0${i + 1}T00:00:00.000Z`;
        expect(line.startsWith(head) && line.endsWith(tail)).toBe(true);
        return line.slice(head.length, line.length - tail.length);
      };
      expect(middle(lines[1], 0)).toBe(`'=SUM(A1:A9),,'+41`);
      expect(middle(lines[2], 1)).toBe(`'-2+3,,'@cmd`);
      expect(middle(lines[3], 2)).toBe(`'\tindent,,"'\rreturn"`);
      expect(middle(lines[4], 3)).toBe(`"'=1,2",,"say ""hi"""`);
      expect(middle(lines[5], 4)).toBe(`a=b,,x-y`);
      // The quoted line break splits this record over two lines of the text.
      expect(`${lines[6]}\n${lines[7]}`).toBe(`KEY-5,unused,default,,"two\nlines",,"c,d",,,2024-01-06T00:00:00.000Z`);
      expect(lines[8]).toBe(`"'=HYPERLINK(""x"")",unused,default,,,,,,,2024-01-09T00:00:00.000Z`);
      expect(lines.slice(9)).toEqual(['']);
    });
  });

  describe('status filters', () => {
    let sellerId: string;
    let appId: string;
    /** Key → license id, and the keys of each status, newest first (the list's order). */
    const ids = new Map<string, string>();
    const expected: Record<LicenseStatus, string[]> = {
      unused: ['UNUSED-LIFETIME', 'UNUSED-UNTIL-LATER'],
      used: ['USED-LIFETIME', 'USED-UNTIL-LATER'],
      expired: ['EXPIRED-NEVER-USED', 'EXPIRED-USED'],
      banned: ['BANNED-EXPIRED', 'BANNED-USED', 'BANNED-UNUSED'],
    };

    beforeAll(async () => {
      ({ sellerId, appId } = await insertSellerAndApp(t.dataSource));
      const other = await insertSellerAndApp(t.dataSource);
      const later = "now() + interval '1 day'";
      const earlier = "now() - interval '1 day'";
      const longAgo = "now() - interval '10 days'";
      const fixtures: LicenseFixture[] = [
        { key: 'BANNED-UNUSED', banned: true },
        { key: 'BANNED-USED', banned: true, activatedAt: longAgo, expiresAt: later },
        { key: 'BANNED-EXPIRED', banned: true, activatedAt: longAgo, expiresAt: earlier },
        { key: 'EXPIRED-USED', activatedAt: longAgo, expiresAt: earlier },
        { key: 'EXPIRED-NEVER-USED', expiresAt: earlier },
        { key: 'USED-UNTIL-LATER', activatedAt: longAgo, expiresAt: later },
        { key: 'USED-LIFETIME', activatedAt: longAgo },
        { key: 'UNUSED-UNTIL-LATER', expiresAt: later },
        { key: 'UNUSED-LIFETIME' },
      ].map((l, i) => ({ ...l, createdAt: `2024-01-${String(i + 1).padStart(2, '0')}T00:00:00Z` }));
      for (const l of fixtures) ids.set(l.key, await insertLicense(t, appId, l));
      // Another app's licenses of every status, which no filter of this app may return.
      for (const l of fixtures) await insertLicense(t, other.appId, { ...l, key: `OTHER-${l.key}` });
    });

    it.each(LICENSE_STATUSES)('list ?status=%s returns exactly the licenses with that status, newest first', async (status) => {
      const page = await service.list(sellerId, listQuery(appId, status));
      expect(page.items.map((l) => [l.key, l.id, l.status])).toEqual(
        expected[status].map((k) => [k, toPublicId('license', ids.get(k)!), status]),
      );
      expect(page.meta.total).toBe(expected[status].length);
    });

    it('list without a status returns every license of the app', async () => {
      const page = await service.list(sellerId, listQuery(appId));
      expect(page.items.map((l) => l.key).sort()).toEqual([...ids.keys()].sort());
    });

    it.each(LICENSE_STATUSES)('export ?status=%s has exactly the licenses with that status, oldest first', async (status) => {
      const lines = (await csvOf(service.exportCsv(sellerId, exportQuery(appId, status)))).trimEnd().split('\n').slice(1);
      expect(lines.map((line) => line.split(',').slice(0, 2))).toEqual([...expected[status]].reverse().map((k) => [k, status]));
    });
  });
});
