import { createTestModule, TestModule } from '../../test/utils/test-module';
import { DAYS_SHOWN, LAST_DAYS_SQL, lastDays } from './day-series';

describe('the days of the charts: SQL and TypeScript agree', () => {
  let t: TestModule;
  beforeAll(async () => {
    t = await createTestModule();
  });
  afterAll(() => t.close());

  it('are the same 30 UTC days, today last, on the database clock', async () => {
    const rows: Array<{ day: string; db_now: Date }> = await t.dataSource.query(
      `WITH days AS (${LAST_DAYS_SQL}) SELECT to_char(day, 'YYYY-MM-DD') AS day, now() AS db_now FROM days ORDER BY day`,
    );
    expect(rows).toHaveLength(DAYS_SHOWN);
    expect(rows.map((r) => r.day)).toEqual(lastDays(rows[0].db_now));
  });

  it('counts calendar days in UTC, whatever the hour', () => {
    const late = lastDays(new Date('2026-03-01T23:59:59Z'));
    expect(late[DAYS_SHOWN - 1]).toBe('2026-03-01');
    expect(late[0]).toBe('2026-01-31');
    expect(lastDays(new Date('2026-03-02T00:00:00Z'))[DAYS_SHOWN - 1]).toBe('2026-03-02');
  });
});
