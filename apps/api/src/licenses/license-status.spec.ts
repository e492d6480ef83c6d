import { LICENSE_STATUSES } from '@keyhold/contracts';
import { createTestModule, insertSellerAndApp, TestModule } from '../../test/utils/test-module';
import { licenseStatus, STATUS_SQL } from './license-status';

/**
 * The license status rule exists twice, as TypeScript (responses) and as SQL (filters, counts):
 * every combination of its inputs, on both sides of each boundary and on it, must get the same
 * single status from both. One transaction, so `now()` is the same instant for inserts and select.
 */
describe('license status: SQL and TypeScript agree', () => {
  let t: TestModule;
  beforeAll(async () => {
    t = await createTestModule();
  });
  afterAll(() => t.close());

  it('gives every license exactly one status, the same in SQL as in TypeScript', async () => {
    const { appId } = await insertSellerAndApp(t.dataSource);
    const rows = await t.dataSource.transaction(async (m) => {
      let n = 0;
      for (const banned of [false, true]) {
        for (const expires of [null, "now() - interval '1 hour'", 'now()', "now() + interval '1 hour'"]) {
          for (const activated of [null, "now() - interval '2 hours'"]) {
            await m.query(
              `INSERT INTO licenses (app_id, key, banned, expires_at, activated_at) VALUES ($1, $2, $3, ${expires ?? 'NULL'}, ${activated ?? 'NULL'})`,
              [appId, `SPEC-${n++}`, banned],
            );
          }
        }
      }
      const predicates = LICENSE_STATUSES.map((s) => `(${STATUS_SQL[s]}) AS "${s}"`).join(', ');
      return m.query(`SELECT l.banned, l.expires_at, l.activated_at, now() AS db_now, ${predicates} FROM licenses l WHERE l.app_id = $1`, [
        appId,
      ]);
    });
    expect(rows).toHaveLength(16);
    const seen = new Set<string>();
    for (const r of rows) {
      const inSql = LICENSE_STATUSES.filter((s) => r[s] === true);
      const inTs = licenseStatus({ banned: r.banned, expiresAt: r.expires_at, activatedAt: r.activated_at }, r.db_now);
      expect({ row: r, statuses: inSql }).toEqual({ row: r, statuses: [inTs] });
      seen.add(inTs);
    }
    expect([...seen].sort()).toEqual([...LICENSE_STATUSES].sort());
  });
});
