import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ResellerGenerateKeysResponse, ResellerKeyResponse, ResellerStatsResponse } from '@keyhold/contracts';
import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { iso } from '../common/dates';
import { likePattern } from '../common/dto/pagination.dto';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { Page } from '../common/page';
import { fetchPage } from '../database/page-query';
import type { ResellerPrincipal } from '../common/request';
import { licenseStatus, STATUS_SQL } from '../licenses/license-status';
import { LicenseEntity } from '../licenses/license.entity';
import { LicensesService } from '../licenses/licenses.service';
import { AppUserEntity } from '../users/app-user.entity';
import { CreditLedgerService } from './credit-ledger.service';
import { ListResellerKeysQueryDto, ResellerGenerateKeysDto } from './dto/reseller-portal.dto';
import { spendNote } from './reseller-prices';

type KeyRow = LicenseEntity & { user?: AppUserEntity | null };

export function toResellerKeyResponse(l: KeyRow, now = new Date()): ResellerKeyResponse {
  return {
    id: toPublicId('license', l.id),
    appId: toPublicId('app', l.appId),
    key: l.key,
    status: licenseStatus(l, now),
    subscription: l.subscription,
    durationDays: l.durationDays,
    usedBy: l.user ? { id: toPublicId('user', l.user.id), username: l.user.username } : null,
    activatedAt: iso(l.activatedAt),
    expiresAt: iso(l.expiresAt),
    createdAt: l.createdAt.toISOString(),
  };
}

/** A reseller's keys: its own, in the apps it may (still) sell. Alias `l`, parameter `:rid`. */
const OWN_KEYS = 'l.reseller_id = :rid AND l.app_id IN (SELECT ra.app_id FROM reseller_apps ra WHERE ra.reseller_id = :rid)';

interface LockedReseller {
  status: string;
  credits: string;
  may_sell: boolean;
}

/** What a signed-in reseller does: generate keys for credits, list them, see its numbers. */
@Injectable()
export class ResellerKeysService {
  constructor(
    @InjectRepository(LicenseEntity) private readonly licenses: Repository<LicenseEntity>,
    private readonly dataSource: DataSource,
    private readonly licenseKeys: LicensesService,
    private readonly ledger: CreditLedgerService,
  ) {}

  /**
   * One transaction: lock the reseller's row, check what it may sell and at what price, debit the
   * credits (never below zero) with its ledger row, insert the keys. Any refusal creates nothing.
   */
  async generate(principal: ResellerPrincipal, dto: ResellerGenerateKeysDto): Promise<ResellerGenerateKeysResponse> {
    const appId = fromPublicId('app', dto.appId);
    if (!appId) throw notFound('App not found');
    return this.dataSource.transaction(async (m) => {
      const [reseller]: LockedReseller[] = await m.query(
        `SELECT status, credits, $2 = ANY(subscriptions) AS may_sell FROM resellers WHERE id = $1 FOR UPDATE`,
        [principal.resellerId, dto.subscription],
      );
      if (!reseller) throw new DomainError('UNAUTHORIZED');
      if (reseller.status !== 'ACTIVE') throw new DomainError('RESELLER_SUSPENDED');
      const [allowed] = await m.query(
        `SELECT 1 FROM reseller_apps ra JOIN apps a ON a.id = ra.app_id
          WHERE ra.reseller_id = $1 AND ra.app_id = $2 AND a.seller_id = $3`,
        [principal.resellerId, appId, principal.sellerId],
      );
      if (!allowed) throw notFound('App not found');
      if (!reseller.may_sell) {
        throw new DomainError('FORBIDDEN', `You may not sell the subscription "${dto.subscription}"`);
      }
      const [price]: Array<{ credits: number }> = await m.query(
        `SELECT credits FROM reseller_prices WHERE reseller_id = $1 AND duration_days IS NOT DISTINCT FROM $2::int`,
        [principal.resellerId, dto.durationDays],
      );
      if (!price) {
        const what = dto.durationDays === null ? 'lifetime keys' : `keys of ${dto.durationDays} days`;
        throw new DomainError('FORBIDDEN', `You may not sell ${what} (no price is set for that duration)`);
      }
      const cost = price.credits * dto.count;
      let credits = Number(reseller.credits);
      if (cost > credits) {
        throw new DomainError('INSUFFICIENT_CREDITS', `Not enough credits: ${dto.count} keys cost ${cost}, the balance is ${credits}`);
      }
      if (cost > 0) {
        const entry = await this.ledger.change(m, principal.resellerId, -cost, spendNote(dto.count, dto.durationDays, dto.subscription, dto.appId));
        credits = entry.balanceAfter;
      }
      const keys = await this.licenseKeys.insertKeys(m, {
        appId,
        count: dto.count,
        durationDays: dto.durationDays,
        subscription: dto.subscription,
        resellerId: principal.resellerId,
      });
      return { count: keys.length, keys, cost, credits };
    });
  }

  async list(principal: ResellerPrincipal, query: ListResellerKeysQueryDto): Promise<Page<ResellerKeyResponse>> {
    const qb = this.ownKeys(principal);
    if (query.appId !== undefined) {
      const appId = fromPublicId('app', query.appId);
      const allowed = appId
        ? await this.dataSource.query(`SELECT 1 FROM reseller_apps WHERE reseller_id = $1 AND app_id = $2`, [principal.resellerId, appId])
        : [];
      if (allowed.length === 0) throw notFound('App not found');
      qb.andWhere('l.app_id = :appId', { appId });
    }
    if (query.status) qb.andWhere(STATUS_SQL[query.status]);
    if (query.q) qb.andWhere('(l.key ILIKE :q OR u.username ILIKE :q)', { q: likePattern(query.q) });
    const { rows, meta } = await fetchPage(qb, query);
    const now = new Date();
    return new Page(rows.map((l) => toResellerKeyResponse(l, now)), meta);
  }

  async get(principal: ResellerPrincipal, publicId: string): Promise<ResellerKeyResponse> {
    const id = fromPublicId('license', publicId);
    const key = id ? await this.ownKeys(principal).andWhere('l.id = :id', { id }).getOne() : null;
    if (!key) throw notFound('License not found');
    return toResellerKeyResponse(key);
  }

  async stats(principal: ResellerPrincipal): Promise<ResellerStatsResponse> {
    const params = [principal.resellerId];
    const own = `SELECT created_at, activated_at, expires_at, banned FROM licenses
                  WHERE reseller_id = $1 AND app_id IN (SELECT app_id FROM reseller_apps WHERE reseller_id = $1)`;
    const [totals]: Array<{ credits: string; generated: number; used: number; active: number }> = await this.dataSource.query(
      `WITH own AS (${own})
       SELECT (SELECT credits FROM resellers WHERE id = $1) AS credits,
              count(*)::int AS generated,
              count(*) FILTER (WHERE activated_at IS NOT NULL)::int AS used,
              count(*) FILTER (WHERE activated_at IS NOT NULL AND NOT banned AND (expires_at IS NULL OR expires_at > now()))::int AS active
         FROM own`,
      params,
    );
    const perDay: ResellerStatsResponse['perDay'] = await this.dataSource.query(
      `WITH own AS (${own}),
            days AS (
              SELECT d::date AS day
                FROM generate_series((now() AT TIME ZONE 'UTC')::date - 29, (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d
            ),
            g AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM own GROUP BY 1),
            u AS (SELECT (activated_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM own WHERE activated_at IS NOT NULL GROUP BY 1)
       SELECT to_char(days.day, 'YYYY-MM-DD') AS date, COALESCE(g.n, 0)::int AS generated, COALESCE(u.n, 0)::int AS used
         FROM days LEFT JOIN g ON g.day = days.day LEFT JOIN u ON u.day = days.day
        ORDER BY days.day`,
      params,
    );
    return {
      credits: Number(totals.credits),
      keysGenerated: totals.generated,
      keysUsed: totals.used,
      keysActive: totals.active,
      perDay,
    };
  }

  private ownKeys(principal: ResellerPrincipal): SelectQueryBuilder<LicenseEntity> {
    return this.licenses
      .createQueryBuilder('l')
      .leftJoinAndMapOne('l.user', AppUserEntity, 'u', 'u.id = l.user_id')
      .where(OWN_KEYS, { rid: principal.resellerId });
  }
}
