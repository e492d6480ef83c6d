import { Injectable } from '@nestjs/common';
import type { ResellerGenerateKeysResponse, ResellerKeyResponse, ResellerStatsResponse } from '@keyhold/contracts';
import { DataSource } from 'typeorm';
import { iso } from '../common/dates';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { Page } from '../common/page';
import type { ResellerPrincipal } from '../common/request';
import { licenseStatus } from '../licenses/license-status';
import { LicensesService } from '../licenses/licenses.service';
import { CreditLedgerService } from './credit-ledger.service';
import { ListResellerKeysQueryDto, ResellerGenerateKeysDto } from './dto/reseller-portal.dto';
import { ResellerKeyRow, ResellerKeysRepository } from './reseller-keys.repository';
import { spendNote } from './reseller-prices';
import { ResellersRepository } from './resellers.repository';

export function toResellerKeyResponse(l: ResellerKeyRow, now = new Date()): ResellerKeyResponse {
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

/** What a signed-in reseller does: generate keys for credits, list them, see its numbers. */
@Injectable()
export class ResellerKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resellers: ResellersRepository,
    private readonly keys: ResellerKeysRepository,
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
      const reseller = await this.resellers.lockForSale(principal.resellerId, dto.subscription, m);
      if (!reseller) throw new DomainError('UNAUTHORIZED');
      if (reseller.status !== 'ACTIVE') throw new DomainError('RESELLER_SUSPENDED');
      if (!(await this.resellers.maySellApp(principal.resellerId, appId, principal.sellerId, m))) throw notFound('App not found');
      if (!reseller.maySell) {
        throw new DomainError('FORBIDDEN', `You may not sell the subscription "${dto.subscription}"`);
      }
      const price = await this.resellers.priceOf(principal.resellerId, dto.durationDays, m);
      if (price === null) {
        const what = dto.durationDays === null ? 'lifetime keys' : `keys of ${dto.durationDays} days`;
        throw new DomainError('FORBIDDEN', `You may not sell ${what} (no price is set for that duration)`);
      }
      const cost = price * dto.count;
      let credits = reseller.credits;
      if (cost > credits) {
        throw new DomainError('INSUFFICIENT_CREDITS', `Not enough credits: ${dto.count} keys cost ${cost}, the balance is ${credits}`);
      }
      if (cost > 0) {
        const entry = await this.ledger.change(
          m,
          principal.resellerId,
          -cost,
          spendNote(dto.count, dto.durationDays, dto.subscription, dto.appId),
        );
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
    let appId: string | undefined;
    if (query.appId !== undefined) {
      const id = fromPublicId('app', query.appId);
      if (!id || !(await this.resellers.hasApp(principal.resellerId, id))) throw notFound('App not found');
      appId = id;
    }
    const { rows, meta } = await this.keys.pageOwn(principal.resellerId, { appId, status: query.status, q: query.q }, query);
    const now = new Date();
    return new Page(
      rows.map((l) => toResellerKeyResponse(l, now)),
      meta,
    );
  }

  async get(principal: ResellerPrincipal, publicId: string): Promise<ResellerKeyResponse> {
    const id = fromPublicId('license', publicId);
    const key = id ? await this.keys.findOwn(principal.resellerId, id) : null;
    if (!key) throw notFound('License not found');
    return toResellerKeyResponse(key);
  }

  async stats(principal: ResellerPrincipal): Promise<ResellerStatsResponse> {
    const totals = await this.keys.totals(principal.resellerId);
    const perDay = await this.keys.perDay(principal.resellerId);
    return {
      credits: totals.credits,
      keysGenerated: totals.generated,
      keysUsed: totals.used,
      keysActive: totals.active,
      perDay,
    };
  }
}
