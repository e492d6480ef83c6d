import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  AdjustCreditsResponse,
  CreditLedgerEntry,
  DeletedResponse,
  ResellerPrice,
  ResellerProfile,
  ResellerResponse,
} from '@keyhold/contracts';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AppsService } from '../apps/apps.service';
import { likePattern } from '../common/dto/pagination.dto';
import { isUniqueViolation } from '../common/errors/db-errors';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { Page } from '../common/page';
import { fetchPage } from '../database/page-query';
import { PasswordsService } from '../common/passwords.service';
import { CreditLedgerEntryEntity } from './credit-ledger-entry.entity';
import { CreditLedgerService, toLedgerEntry } from './credit-ledger.service';
import { AdjustCreditsDto, CreateResellerDto, LedgerQueryDto, ListResellersQueryDto, UpdateResellerDto } from './dto/reseller.dto';
import { distinct, normalisePrices, sortPrices } from './reseller-prices';
import { ResellerEntity } from './reseller.entity';

/** What a reseller may sell, loaded beside the row. */
export interface ResellerAllowances {
  apps: Array<{ id: string; name: string }>;
  prices: ResellerPrice[];
}

export function toResellerResponse(r: ResellerEntity, allowed: ResellerAllowances): ResellerResponse {
  return {
    id: toPublicId('reseller', r.id),
    username: r.username,
    status: r.status,
    credits: r.credits,
    appIds: allowed.apps.map((a) => toPublicId('app', a.id)),
    subscriptions: r.subscriptions,
    prices: allowed.prices,
    createdAt: r.createdAt.toISOString(),
  };
}

export function toResellerProfile(r: ResellerEntity, allowed: ResellerAllowances): ResellerProfile {
  return {
    ...toResellerResponse(r, allowed),
    sellerId: toPublicId('seller', r.sellerId),
    apps: allowed.apps.map((a) => ({ id: toPublicId('app', a.id), name: a.name })),
  };
}

/** Tokens carry whole seconds (iat): the change is stored at the second, so a token issued after it is never older. */
export const wholeSecond = (d = new Date()) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** The seller's management of resellers: accounts, what they may sell, and their credits. */
@Injectable()
export class ResellersService {
  constructor(
    @InjectRepository(ResellerEntity) private readonly resellers: Repository<ResellerEntity>,
    @InjectRepository(CreditLedgerEntryEntity) private readonly ledgerEntries: Repository<CreditLedgerEntryEntity>,
    private readonly dataSource: DataSource,
    private readonly apps: AppsService,
    private readonly passwords: PasswordsService,
    private readonly ledger: CreditLedgerService,
  ) {}

  async create(sellerId: string, dto: CreateResellerDto): Promise<ResellerResponse> {
    const appIds = await this.ownedApps(sellerId, dto.appIds);
    const prices = normalisePrices(dto.prices);
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const reseller = await m.getRepository(ResellerEntity).save(
          m.getRepository(ResellerEntity).create({
            sellerId,
            username: dto.username,
            passwordHash,
            subscriptions: distinct(dto.subscriptions),
            credentialsChangedAt: wholeSecond(),
          }),
        );
        await this.replaceApps(m, reseller.id, appIds);
        await this.replacePrices(m, reseller.id, prices);
        if (dto.credits) await this.ledger.change(m, reseller.id, dto.credits, 'Opening balance');
        return reseller.id;
      });
      return this.respond(await this.resellers.findOneByOrFail({ id }));
    } catch (e) {
      if (isUniqueViolation(e, 'uq_resellers_seller_username')) throw new DomainError('USERNAME_TAKEN', 'You already have a reseller with this username');
      throw e;
    }
  }

  async list(sellerId: string, query: ListResellersQueryDto): Promise<Page<ResellerResponse>> {
    const qb = this.resellers.createQueryBuilder('r').where('r.seller_id = :sellerId', { sellerId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.q) qb.andWhere('r.username ILIKE :q', { q: likePattern(query.q) });
    const { rows, meta } = await fetchPage(qb, query);
    const allowed = await this.allowances(rows.map((r) => r.id));
    return new Page(
      rows.map((r) => toResellerResponse(r, allowed.get(r.id)!)),
      meta,
    );
  }

  async get(sellerId: string, publicId: string): Promise<ResellerResponse> {
    return this.respond(await this.findOwned(sellerId, publicId));
  }

  async update(sellerId: string, publicId: string, dto: UpdateResellerDto): Promise<ResellerResponse> {
    const reseller = await this.findOwned(sellerId, publicId);
    const appIds = dto.appIds ? await this.ownedApps(sellerId, dto.appIds) : undefined;
    const prices = dto.prices ? normalisePrices(dto.prices) : undefined;
    const passwordHash = dto.password ? await this.passwords.hash(dto.password) : undefined;
    await this.dataSource.transaction(async (m) => {
      // The row lock orders this change against key generation, which reads the allowances under it.
      await m.query(`SELECT id FROM resellers WHERE id = $1 FOR UPDATE`, [reseller.id]);
      const patch: Partial<ResellerEntity> = {};
      if (dto.status !== undefined) patch.status = dto.status;
      if (dto.subscriptions !== undefined) patch.subscriptions = distinct(dto.subscriptions);
      if (passwordHash) {
        patch.passwordHash = passwordHash;
        patch.credentialsChangedAt = wholeSecond();
      }
      if (Object.keys(patch).length > 0) await m.getRepository(ResellerEntity).update({ id: reseller.id }, patch);
      if (appIds) await this.replaceApps(m, reseller.id, appIds);
      if (prices) await this.replacePrices(m, reseller.id, prices);
    });
    return this.get(sellerId, publicId);
  }

  /** The reseller goes; the keys it made stay (their resellerId becomes null); its ledger goes with it. */
  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const reseller = await this.findOwned(sellerId, publicId);
    await this.resellers.delete({ id: reseller.id, sellerId });
    return { id: publicId, deleted: true };
  }

  async adjustCredits(sellerId: string, publicId: string, dto: AdjustCreditsDto): Promise<AdjustCreditsResponse> {
    const reseller = await this.findOwned(sellerId, publicId);
    const entry = await this.dataSource.transaction((m) =>
      this.ledger.change(m, reseller.id, dto.amount, dto.note ?? (dto.amount > 0 ? 'Credits added' : 'Credits taken back')),
    );
    return { credits: entry.balanceAfter, entry };
  }

  /** Newest first. */
  async ledgerOf(sellerId: string, publicId: string, query: LedgerQueryDto): Promise<Page<CreditLedgerEntry>> {
    const reseller = await this.findOwned(sellerId, publicId);
    const [rows, total] = await this.ledgerEntries.findAndCount({
      where: { resellerId: reseller.id },
      order: { seq: 'DESC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return new Page(rows.map(toLedgerEntry), { total, page: query.page, limit: query.limit });
  }

  /** A reseller of this seller, or 404 (another seller's reseller is simply not found). */
  async findOwned(sellerId: string, publicId: string): Promise<ResellerEntity> {
    const id = fromPublicId('reseller', publicId);
    const reseller = id ? await this.resellers.findOneBy({ id, sellerId }) : null;
    if (!reseller) throw notFound('Reseller not found');
    return reseller;
  }

  async respond(r: ResellerEntity): Promise<ResellerResponse> {
    return toResellerResponse(r, (await this.allowances([r.id])).get(r.id)!);
  }

  /** The apps (oldest first) and prices of each reseller. */
  async allowances(resellerIds: string[]): Promise<Map<string, ResellerAllowances>> {
    const map = new Map<string, ResellerAllowances>(resellerIds.map((id) => [id, { apps: [], prices: [] }]));
    if (resellerIds.length === 0) return map;
    const apps: Array<{ reseller_id: string; id: string; name: string }> = await this.dataSource.query(
      `SELECT ra.reseller_id, a.id, a.name
         FROM reseller_apps ra JOIN apps a ON a.id = ra.app_id
        WHERE ra.reseller_id = ANY($1::uuid[])
        ORDER BY a.created_at, a.id`,
      [resellerIds],
    );
    for (const a of apps) map.get(a.reseller_id)!.apps.push({ id: a.id, name: a.name });
    const prices: Array<{ reseller_id: string; duration_days: number | null; credits: number }> = await this.dataSource.query(
      `SELECT reseller_id, duration_days, credits FROM reseller_prices WHERE reseller_id = ANY($1::uuid[])`,
      [resellerIds],
    );
    for (const p of prices) map.get(p.reseller_id)!.prices.push({ durationDays: p.duration_days, credits: p.credits });
    for (const a of map.values()) a.prices = sortPrices(a.prices);
    return map;
  }

  /** Row ids of the seller's apps named by public id (each must be the seller's, else 404). */
  private async ownedApps(sellerId: string, publicIds: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const publicId of distinct(publicIds)) ids.push((await this.apps.findOwned(sellerId, publicId)).id);
    return ids;
  }

  private async replaceApps(m: EntityManager, resellerId: string, appIds: string[]): Promise<void> {
    await m.query(`DELETE FROM reseller_apps WHERE reseller_id = $1`, [resellerId]);
    if (appIds.length > 0) {
      await m.query(`INSERT INTO reseller_apps (reseller_id, app_id) SELECT $1, unnest($2::uuid[])`, [resellerId, appIds]);
    }
  }

  private async replacePrices(m: EntityManager, resellerId: string, prices: ResellerPrice[]): Promise<void> {
    await m.query(`DELETE FROM reseller_prices WHERE reseller_id = $1`, [resellerId]);
    if (prices.length > 0) {
      await m.query(
        `INSERT INTO reseller_prices (reseller_id, duration_days, credits)
         SELECT $1, d, c FROM unnest($2::int[], $3::int[]) AS p(d, c)`,
        [resellerId, prices.map((p) => p.durationDays), prices.map((p) => p.credits)],
      );
    }
  }
}
