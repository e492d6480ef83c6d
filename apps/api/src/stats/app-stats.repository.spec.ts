import { EntityManager } from 'typeorm';
import { createTestModule, insertSellerAndApp, TestModule } from '../../test/utils/test-module';
import { DAYS_SHOWN, lastDays } from '../database/day-series';
import { AppsRepository } from '../apps/apps.repository';
import { AppStatsRepository, DayCount } from './app-stats.repository';

/** The UTC calendar day `daysAgo` days before today, at `hour` o'clock UTC, on the database clock. */
const atDay = (daysAgo: number, hour: number) =>
  `(((now() AT TIME ZONE 'UTC')::date - ${daysAgo}) + make_interval(hours => ${hour})) AT TIME ZONE 'UTC'`;

/**
 * The overview numbers on PGlite: users and licenses in every status (on both sides of the expiry
 * boundary and on it), events on a few days and at the edges of the 30-day window. Everything runs
 * in one transaction, so `now()` is the same instant for the inserts and the counts.
 */
describe('AppStatsRepository', () => {
  let t: TestModule;
  let stats: AppStatsRepository;
  beforeAll(async () => {
    t = await createTestModule();
    stats = t.get(AppStatsRepository);
  });
  afterAll(() => t.close());

  async function insertUser(m: EntityManager, appId: string, name: string, banned: boolean, expires: string | null): Promise<void> {
    await m.query(
      `INSERT INTO app_users (app_id, username, password_hash, banned, expires_at) VALUES ($1, $2, 'x', $3, ${expires ?? 'NULL'})`,
      [appId, name, banned],
    );
  }

  async function insertLicense(
    m: EntityManager,
    appId: string,
    key: string,
    banned: boolean,
    expires: string | null,
    activated: string | null,
  ): Promise<void> {
    await m.query(
      `INSERT INTO licenses (app_id, key, banned, expires_at, activated_at) VALUES ($1, $2, $3, ${expires ?? 'NULL'}, ${activated ?? 'NULL'})`,
      [appId, key, banned],
    );
  }

  async function insertEvent(m: EntityManager, appId: string, name: string, at: string): Promise<void> {
    await m.query(`INSERT INTO events (app_id, name, data, created_at) VALUES ($1, $2, '{}', ${at})`, [appId, name]);
  }

  it('counts users and licenses by status and logins and registrations per UTC day', async () => {
    const { appId } = await insertSellerAndApp(t.dataSource);
    const other = await insertSellerAndApp(t.dataSource);
    const past = "now() - interval '1 hour'";
    const future = "now() + interval '1 hour'";
    const activated = "now() - interval '2 hours'";

    await t.dataSource.transaction(async (m) => {
      // Users: 3 active, 3 expired (one exactly at now()), 2 banned (one also expired).
      await insertUser(m, appId, 'active-forever', false, null);
      await insertUser(m, appId, 'active-future', false, future);
      await insertUser(m, appId, 'active-far', false, "now() + interval '30 days'");
      await insertUser(m, appId, 'expired-past', false, past);
      await insertUser(m, appId, 'expired-now', false, 'now()');
      await insertUser(m, appId, 'expired-long-ago', false, "now() - interval '90 days'");
      await insertUser(m, appId, 'banned', true, null);
      await insertUser(m, appId, 'banned-expired', true, past);
      await insertUser(m, other.appId, 'elsewhere', false, null);

      // Licenses: 2 unused, 3 used, 4 expired (used or not, one exactly at now()), 3 banned.
      await insertLicense(m, appId, 'UNUSED-1', false, null, null);
      await insertLicense(m, appId, 'UNUSED-2', false, future, null);
      await insertLicense(m, appId, 'USED-1', false, null, activated);
      await insertLicense(m, appId, 'USED-2', false, future, activated);
      await insertLicense(m, appId, 'USED-3', false, "now() + interval '7 days'", activated);
      await insertLicense(m, appId, 'EXPIRED-1', false, past, null);
      await insertLicense(m, appId, 'EXPIRED-2', false, past, activated);
      await insertLicense(m, appId, 'EXPIRED-3', false, 'now()', activated);
      await insertLicense(m, appId, 'EXPIRED-4', false, 'now()', null);
      await insertLicense(m, appId, 'BANNED-1', true, null, null);
      await insertLicense(m, appId, 'BANNED-2', true, past, activated);
      await insertLicense(m, appId, 'BANNED-3', true, future, activated);
      await insertLicense(m, other.appId, 'ELSEWHERE', false, null, null);

      // Events: today 3 logins + 1 registration; 5 days ago 2 registrations (first and last
      // second of the day); 29 days ago (the oldest day shown) 1 login; 30 days ago (not shown),
      // another event name and another app's login count nowhere.
      await insertEvent(m, appId, 'user.login', atDay(0, 0));
      await insertEvent(m, appId, 'user.login', atDay(0, 0));
      await insertEvent(m, appId, 'user.login', 'now()');
      await insertEvent(m, appId, 'user.register', 'now()');
      await insertEvent(m, appId, 'user.register', atDay(5, 0));
      await insertEvent(m, appId, 'user.register', `${atDay(4, 0)} - interval '1 second'`);
      await insertEvent(m, appId, 'user.login', atDay(29, 12));
      await insertEvent(m, appId, 'user.login', `${atDay(29, 0)} - interval '1 second'`);
      await insertEvent(m, appId, 'license.login', 'now()');
      await insertEvent(m, appId, 'user.ban', atDay(5, 12));
      await insertEvent(m, other.appId, 'user.login', 'now()');
      await insertEvent(m, other.appId, 'user.register', atDay(5, 12));

      expect(await stats.userCounts(appId, m)).toEqual({ total: 8, active: 3, expired: 3, banned: 2 });
      expect(await stats.licenseCounts(appId, m)).toEqual({ total: 12, unused: 2, used: 3, expired: 4, banned: 3 });
      expect(await stats.userCounts(other.appId, m)).toEqual({ total: 1, active: 1, expired: 0, banned: 0 });

      const [{ db_now }]: Array<{ db_now: Date }> = await m.query(`SELECT now() AS db_now`);
      const days = lastDays(db_now);
      const expected: DayCount[] = days.map((date) => ({ date, logins: 0, registrations: 0 }));
      expected[DAYS_SHOWN - 1] = { date: days[DAYS_SHOWN - 1], logins: 3, registrations: 1 };
      expected[DAYS_SHOWN - 1 - 5] = { date: days[DAYS_SHOWN - 1 - 5], logins: 0, registrations: 2 };
      expected[0] = { date: days[0], logins: 1, registrations: 0 };
      const perDay = await stats.perDay(appId, m);
      expect(perDay).toEqual(expected);
      expect(perDay.map((d) => Object.keys(d))).toEqual(days.map(() => ['date', 'logins', 'registrations']));
    });
  });

  it('gives each app its number of users and licenses, zero for an empty app, none for no app', async () => {
    const { appId } = await insertSellerAndApp(t.dataSource);
    const empty = await insertSellerAndApp(t.dataSource);
    await t.dataSource.transaction(async (m) => {
      await insertUser(m, appId, 'one', false, null);
      await insertUser(m, appId, 'two', true, "now() - interval '1 day'");
      for (const key of ['K-1', 'K-2', 'K-3']) await insertLicense(m, appId, key, false, null, null);
    });
    const missing = '00000000-0000-4000-8000-000000000000';
    const apps = t.get(AppsRepository);
    const counts = await apps.countsByApp([appId, empty.appId, missing]);
    expect([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))).toEqual(
      [
        [appId, { appUsers: 2, licenses: 3 }],
        [empty.appId, { appUsers: 0, licenses: 0 }],
      ].sort(([a], [b]) => (a as string).localeCompare(b as string)),
    );
    expect((await apps.countsByApp([])).size).toBe(0);
  });
});
