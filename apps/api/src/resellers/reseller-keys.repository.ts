import { Injectable } from '@nestjs/common';
import type { LicenseStatus, PageMeta, ResellerStatsResponse } from '@keyhold/contracts';
import { SelectQueryBuilder } from 'typeorm';
import { likePattern } from '../common/dto/pagination.dto';
import { LAST_DAYS_SQL } from '../database/day-series';
import { fetchPage, inBatches, PageRequest } from '../database/page-query';
import { BaseRepository } from '../database/repository';
import { KEY_USER_MATCHES } from '../licenses/license-search';
import { STATUS_SQL } from '../licenses/license-status';
import { LicenseEntity } from '../licenses/license.entity';
import { AppUserEntity } from '../users/app-user.entity';

/** A key with the end user who redeemed it (null: nobody yet). */
export type ResellerKeyRow = LicenseEntity & { user?: AppUserEntity | null };

/** Filters of the reseller's key list. */
export interface ResellerKeyFilter {
  /** One app (already checked to be one the reseller may sell). */
  appId?: string;
  status?: LicenseStatus;
  /** Searches the key, its note and the username of who redeemed it. */
  q?: string;
}

/** The reseller's totals: balance and keys generated, redeemed, and redeemed and still good. */
export interface ResellerKeyTotals {
  credits: number;
  generated: number;
  used: number;
  active: number;
}

/** The columns of `totals`: the balance as pg returns a bigint (a string), and the counts. */
interface TotalsColumns {
  credits: string;
  generated: number;
  used: number;
  active: number;
}

/** A reseller's keys: its own, in the apps it may (still) sell. Alias `l`, parameter `:rid`. */
const OWN_KEYS = 'l.reseller_id = :rid AND l.app_id IN (SELECT ra.app_id FROM reseller_apps ra WHERE ra.reseller_id = :rid)';

/** The same keys as a CTE body for the raw statistics (parameter `$1`: the reseller). */
const OWN_KEYS_CTE = `SELECT created_at, activated_at, expires_at, banned FROM licenses
                  WHERE reseller_id = $1 AND app_id IN (SELECT app_id FROM reseller_apps WHERE reseller_id = $1)`;

/** The keys a reseller generated, as the reseller sees them. */
@Injectable()
export class ResellerKeysRepository extends BaseRepository {
  /** One page of the reseller's keys, newest first. */
  async pageOwn(resellerId: string, filter: ResellerKeyFilter, page: PageRequest): Promise<{ rows: ResellerKeyRow[]; meta: PageMeta }> {
    return fetchPage(this.matching(resellerId, filter), page);
  }

  /** Every key of the reseller's that `filter` keeps (the list's), oldest first, in batches: the CSV export. */
  batchesOwn(resellerId: string, filter: ResellerKeyFilter): AsyncGenerator<ResellerKeyRow[]> {
    return inBatches(this.matching(resellerId, filter));
  }

  /** One of the reseller's keys, or null (another's key, or the seller's own, is null too). */
  async findOwn(resellerId: string, id: string): Promise<ResellerKeyRow | null> {
    return this.ownKeys(resellerId).andWhere('l.id = :id', { id }).getOne();
  }

  /** Balance and key counts; "active" is the license status `used` (STATUS_SQL). */
  async totals(resellerId: string): Promise<ResellerKeyTotals> {
    const [totals]: TotalsColumns[] = await this.dataSource.query(
      `WITH own AS (${OWN_KEYS_CTE})
       SELECT (SELECT credits FROM resellers WHERE id = $1) AS credits,
              count(*)::int AS generated,
              count(*) FILTER (WHERE l.activated_at IS NOT NULL)::int AS used,
              count(*) FILTER (WHERE ${STATUS_SQL.used})::int AS active
         FROM own l`,
      [resellerId],
    );
    return { credits: Number(totals.credits), generated: totals.generated, used: totals.used, active: totals.active };
  }

  /** Keys generated and redeemed per UTC day over the chart's days, oldest first, zeros included. */
  async perDay(resellerId: string): Promise<ResellerStatsResponse['perDay']> {
    return this.dataSource.query(
      `WITH own AS (${OWN_KEYS_CTE}),
            days AS (${LAST_DAYS_SQL}),
            g AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM own GROUP BY 1),
            u AS (SELECT (activated_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM own WHERE activated_at IS NOT NULL GROUP BY 1)
       SELECT to_char(days.day, 'YYYY-MM-DD') AS date, COALESCE(g.n, 0)::int AS generated, COALESCE(u.n, 0)::int AS used
         FROM days LEFT JOIN g ON g.day = days.day LEFT JOIN u ON u.day = days.day
        ORDER BY days.day`,
      [resellerId],
    );
  }

  /** The reseller's keys that `filter` keeps: one definition for the list and its export. */
  private matching(resellerId: string, filter: ResellerKeyFilter): SelectQueryBuilder<LicenseEntity> {
    const qb = this.ownKeys(resellerId);
    if (filter.appId !== undefined) qb.andWhere('l.app_id = :appId', { appId: filter.appId });
    if (filter.status) qb.andWhere(STATUS_SQL[filter.status]);
    if (filter.q) qb.andWhere(`(l.key ILIKE :q OR l.note ILIKE :q OR ${KEY_USER_MATCHES})`, { q: likePattern(filter.q) });
    return qb;
  }

  private ownKeys(resellerId: string): SelectQueryBuilder<LicenseEntity> {
    return this.db()
      .getRepository(LicenseEntity)
      .createQueryBuilder('l')
      .leftJoinAndMapOne('l.user', AppUserEntity, 'u', 'u.id = l.user_id')
      .where(OWN_KEYS, { rid: resellerId });
  }
}
