import type { AppStatsResponse } from '@keyhold/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LAST_DAYS_SQL } from '../database/day-series';
import { BaseRepository } from '../database/repository';
import { STATUS_SQL } from '../licenses/license-status';
import { USER_STATUS_SQL } from '../users/user-status';

/** `_count` of an app: its end users (license-only logins create none) and its license keys. */
export interface AppCounts {
  appUsers: number;
  licenses: number;
}

/** An app's end users by status (USER_STATUS_SQL), and all of them. */
export type UserCounts = AppStatsResponse['users'];

/** An app's license keys by status (STATUS_SQL), and all of them. */
export type LicenseCounts = AppStatsResponse['licenses'];

/** One UTC day of the chart: `YYYY-MM-DD` and that day's logins and registrations. */
export type DayCount = AppStatsResponse['perDay'][number];

/** The numbers of an app's overview page. */
@Injectable()
export class AppStatsRepository extends BaseRepository {
  /** `_count` of each of these apps, by app id; an app id that is not in the table is absent. */
  async countsByApp(appIds: string[], m?: EntityManager): Promise<Map<string, AppCounts>> {
    if (appIds.length === 0) return new Map();
    const rows: Array<{ id: string; app_users: string; licenses: string }> = await this.db(m).query(
      `SELECT a.id,
              (SELECT count(*) FROM app_users u WHERE u.app_id = a.id) AS app_users,
              (SELECT count(*) FROM licenses l WHERE l.app_id = a.id) AS licenses
         FROM apps a WHERE a.id = ANY($1::uuid[])`,
      [appIds],
    );
    return new Map(rows.map((r) => [r.id, { appUsers: Number(r.app_users), licenses: Number(r.licenses) }]));
  }

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
}
