import type { AppStatsResponse, CountryLogins } from '@keyhold/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LAST_DAYS_SQL } from '../database/day-series';
import { BaseRepository } from '../database/repository';
import { STATUS_SQL } from '../licenses/license-status';
import { USER_STATUS_SQL } from '../users/user-status';

/** An app's end users by status (USER_STATUS_SQL), and all of them. */
export type UserCounts = AppStatsResponse['users'];

/** An app's license keys by status (STATUS_SQL), and all of them. */
export type LicenseCounts = AppStatsResponse['licenses'];

/** One UTC day of the chart: `YYYY-MM-DD` and that day's logins and registrations. */
export type DayCount = AppStatsResponse['perDay'][number];

/**
 * The numbers of an app's overview page: a read model over licenses, users and events, so it lives
 * in stats/, which depends on those domains (none depends on it).
 */
@Injectable()
export class AppStatsRepository extends BaseRepository {
  /** The app's end users by status; the statuses partition them, so they add up to `total`. */
  async userCounts(appId: string, m?: EntityManager): Promise<UserCounts> {
    const [row]: UserCounts[] = await this.db(m).query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE ${USER_STATUS_SQL.active})::int AS active,
              count(*) FILTER (WHERE ${USER_STATUS_SQL.expired})::int AS expired,
              count(*) FILTER (WHERE ${USER_STATUS_SQL.banned})::int AS banned
         FROM app_users u WHERE u.app_id = $1`,
      [appId],
    );
    return row;
  }

  /** The app's license keys by status; the statuses partition them, so they add up to `total`. */
  async licenseCounts(appId: string, m?: EntityManager): Promise<LicenseCounts> {
    const [row]: LicenseCounts[] = await this.db(m).query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE ${STATUS_SQL.unused})::int AS unused,
              count(*) FILTER (WHERE ${STATUS_SQL.used})::int AS used,
              count(*) FILTER (WHERE ${STATUS_SQL.expired})::int AS expired,
              count(*) FILTER (WHERE ${STATUS_SQL.banned})::int AS banned
         FROM licenses l WHERE l.app_id = $1`,
      [appId],
    );
    return row;
  }

  /** Logins and registrations (from the event log) on each of the last days, oldest first, zeros included. */
  perDay(appId: string, m?: EntityManager): Promise<DayCount[]> {
    return this.db(m).query(
      `WITH days AS (${LAST_DAYS_SQL})
       SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
              count(e.id) FILTER (WHERE e.name = 'user.login')::int AS logins,
              count(e.id) FILTER (WHERE e.name = 'user.register')::int AS registrations
         FROM days d
         LEFT JOIN events e
           ON e.app_id = $1 AND e.name IN ('user.login', 'user.register')
          AND (e.created_at AT TIME ZONE 'UTC')::date = d.day
        GROUP BY d.day ORDER BY d.day`,
      [appId],
    );
  }

  /**
   * Successful logins per country (the `country` their event carries; null: unknown) on the last
   * `days` UTC calendar days, today included, most first. A login is a username login
   * (user.login, from the client API or Axora) or a license-key login (the session.create of a
   * license); a registration is not one.
   */
  loginsByCountry(appId: string, days: number, m?: EntityManager): Promise<CountryLogins[]> {
    return this.db(m).query(
      `SELECT e.data->>'country' AS country, count(*)::int AS logins
         FROM events e
        WHERE e.app_id = $1
          AND e.name IN ('user.login', 'session.create')
          AND (e.name = 'user.login' OR e.data->>'licenseId' IS NOT NULL)
          AND e.created_at >= (((now() AT TIME ZONE 'UTC')::date - ($2::int - 1)) AT TIME ZONE 'UTC')
        GROUP BY 1
        ORDER BY logins DESC, country NULLS LAST`,
      [appId, days],
    );
  }
}
