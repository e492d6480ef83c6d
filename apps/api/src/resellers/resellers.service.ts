import { Injectable } from '@nestjs/common';
import type {
  AdjustCreditsResponse,
  CreditLedgerEntry,
  DeletedResponse,
  ResellerPrice,
  ResellerProfile,
  ResellerResponse,
} from '@keyhold/contracts';
import { DataSource } from 'typeorm';
import { AppsService } from '../apps/apps.service';
import { isUniqueViolation } from '../common/errors/db-errors';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { Page } from '../common/page';
import { PasswordsService } from '../common/passwords.service';
import { AccountSessionsService } from '../tokens/account-sessions.service';
import { CreditLedgerService } from './credit-ledger.service';
import { AdjustCreditsDto, CreateResellerDto, LedgerQueryDto, ListResellersQueryDto, UpdateResellerDto } from './dto/reseller.dto';
import { distinct, normalisePrices, sortPrices } from './reseller-prices';
import { ResellerEntity } from './reseller.entity';
import { ResellerPatch, ResellersRepository } from './resellers.repository';

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

/** The seller's management of resellers: accounts, what they may sell, and their credits. */
@Injectable()
export class ResellersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resellers: ResellersRepository,
    private readonly apps: AppsService,
    private readonly passwords: PasswordsService,
    private readonly ledger: CreditLedgerService,
    private readonly sessions: AccountSessionsService,
  ) {}

  async create(sellerId: string, dto: CreateResellerDto): Promise<ResellerResponse> {
    const appIds = await this.ownedApps(sellerId, dto.appIds);
    const prices = normalisePrices(dto.prices);
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const resellerId = await this.resellers.insert(
          {
            sellerId,
            username: dto.username,
            passwordHash,
            subscriptions: distinct(dto.subscriptions),
          },
          m,
        );
        await this.resellers.replaceApps(resellerId, appIds, m);
        await this.resellers.replacePrices(resellerId, prices, m);
        if (dto.credits) await this.ledger.change(m, resellerId, dto.credits, 'Opening balance');
        return resellerId;
      });
      return this.respond(await this.resellers.getById(id));
    } catch (e) {
      if (isUniqueViolation(e, 'uq_resellers_seller_username'))
        throw new DomainError('USERNAME_TAKEN', 'You already have a reseller with this username');
      throw e;
    }
  }

  async list(sellerId: string, query: ListResellersQueryDto): Promise<Page<ResellerResponse>> {
    // Another seller's app is 404, as everywhere else.
    const appId = query.appId === undefined ? undefined : (await this.apps.findOwned(sellerId, query.appId)).id;
    const { rows, meta } = await this.resellers.pageForSeller(sellerId, { status: query.status, q: query.q, appId }, query);
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
      await this.resellers.lockById(reseller.id, m);
      const patch: ResellerPatch = {};
      if (dto.status !== undefined) patch.status = dto.status;
      if (dto.subscriptions !== undefined) patch.subscriptions = distinct(dto.subscriptions);
      if (passwordHash) patch.passwordHash = passwordHash;
      if (Object.keys(patch).length > 0) await this.resellers.update(reseller.id, patch, m);
      // A new password or a suspension ends every token the reseller has: reactivation does not revive them.
      if (passwordHash || dto.status === 'SUSPENDED') await this.sessions.endAll({ kind: 'reseller', id: reseller.id }, {}, m);
      if (appIds) await this.resellers.replaceApps(reseller.id, appIds, m);
      if (prices) await this.resellers.replacePrices(reseller.id, prices, m);
    });
    return this.get(sellerId, publicId);
  }

  /** The reseller goes; the keys it made stay (their resellerId becomes null); its ledger goes with it. */
  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const reseller = await this.findOwned(sellerId, publicId);
    await this.resellers.deleteOwned(sellerId, reseller.id);
    return { id: publicId, deleted: true };
  }

  async adjustCredits(sellerId: string, publicId: string, dto: AdjustCreditsDto): Promise<AdjustCreditsResponse> {
    const reseller = await this.findOwned(sellerId, publicId);
    const entry = await this.dataSource.transaction((m) =>
      this.ledger.change(m, reseller.id, dto.amount, dto.note ?? (dto.amount > 0 ? 'Credits added' : 'Credits taken back')),
    );
    return { credits: entry.balanceAfter, entry };
  }

  /** Newest first; each spend names its app. */
  async ledgerOf(sellerId: string, publicId: string, query: LedgerQueryDto): Promise<Page<CreditLedgerEntry>> {
    const reseller = await this.findOwned(sellerId, publicId);
    return this.ledger.page(reseller.id, query);
  }

  /** A reseller of this seller, or 404 (another seller's reseller is simply not found). */
  async findOwned(sellerId: string, publicId: string): Promise<ResellerEntity> {
    const id = fromPublicId('reseller', publicId);
    const reseller = id ? await this.resellers.findOwned(sellerId, id) : null;
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
    for (const a of await this.resellers.appsOf(resellerIds)) map.get(a.resellerId)!.apps.push({ id: a.app.id, name: a.app.name });
    for (const p of await this.resellers.pricesOf(resellerIds))
      map.get(p.resellerId)!.prices.push({ durationDays: p.durationDays, credits: p.credits });
    for (const a of map.values()) a.prices = sortPrices(a.prices);
    return map;
  }

  /** Row ids of the seller's apps named by public id (each must be the seller's, else 404). */
  private async ownedApps(sellerId: string, publicIds: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const publicId of distinct(publicIds)) ids.push((await this.apps.findOwned(sellerId, publicId)).id);
    return ids;
  }
}
