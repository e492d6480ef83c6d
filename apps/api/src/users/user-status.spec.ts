import { USER_STATUSES } from '@keyhold/contracts';
import { createTestModule, insertSellerAndApp, TestModule } from '../../test/utils/test-module';
import { USER_STATUS_SQL, userStatus } from './user-status';

/** The user status rule as TypeScript and as SQL: the same single status for every combination. */
describe('user status: SQL and TypeScript agree', () => {
  let t: TestModule;
  beforeAll(async () => {
    t = await createTestModule();
  });
  afterAll(() => t.close());

  it('gives every user exactly one status, the same in SQL as in TypeScript', async () => {
    const { appId } = await insertSellerAndApp(t.dataSource);
    const rows = await t.dataSource.transaction(async (m) => {
      let n = 0;
      for (const banned of [false, true]) {
        for (const expires of [null, "now() - interval '1 hour'", 'now()', "now() + interval '1 hour'"]) {
          await m.query(
            `INSERT INTO app_users (app_id, username, password_hash, banned, expires_at) VALUES ($1, $2, 'x', $3, ${expires ?? 'NULL'})`,
            [appId, `spec${n++}`, banned],
          );
        }
      }
      const predicates = USER_STATUSES.map((s) => `(${USER_STATUS_SQL[s]}) AS "${s}"`).join(', ');
      return m.query(`SELECT u.banned, u.expires_at, now() AS db_now, ${predicates} FROM app_users u WHERE u.app_id = $1`, [appId]);
    });
    expect(rows).toHaveLength(8);
    const seen = new Set<string>();
    for (const r of rows) {
      const inSql = USER_STATUSES.filter((s) => r[s] === true);
      const inTs = userStatus({ banned: r.banned, expiresAt: r.expires_at }, r.db_now);
      expect({ row: r, statuses: inSql }).toEqual({ row: r, statuses: [inTs] });
      seen.add(inTs);
    }
    expect([...seen].sort()).toEqual([...USER_STATUSES].sort());
  });
});
