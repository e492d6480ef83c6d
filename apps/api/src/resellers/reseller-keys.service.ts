import { Injectable, StreamableFile } from '@nestjs/common';
import type { ResellerGenerateKeysResponse, ResellerKeyResponse, ResellerStatsResponse } from '@keyhold/contracts';
import { DataSource } from 'typeorm';
import { csvDownload } from '../common/csv';
import { iso } from '../common/dates';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { Page } from '../common/page';
import type { ResellerPrincipal } from '../common/request';
import { licenseStatus } from '../licenses/license-status';
import { LicensesService } from '../licenses/licenses.service';
import { CreditLedgerService } from './credit-ledger.service';
import { ExportResellerKeysQueryDto, ListResellerKeysQueryDto, ResellerGenerateKeysDto } from './dto/reseller-portal.dto';
import { ResellerKeyFilter, ResellerKeyRow, ResellerKeysRepository } from './reseller-keys.repository';
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
    note: l.note,
    usedBy: l.user ? { id: toPublicId('user', l.user.id), username: l.user.username } : null,
    activatedAt: iso(l.activatedAt),
    expiresAt: iso(l.expiresAt),
    createdAt: l.createdAt.toISOString(),
  };
}

/** The columns of the reseller's CSV export, in order. */
const EXPORT_COLUMNS = ['key', 'app', 'status', 'subscription', 'durationDays', 'note', 'usedBy', 'activatedAt', 'expiresAt', 'createdAt'];

/** What a signed-in reseller does: generate keys for credits, list and export them, see its numbers. */
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
    // The seller's mask rule, checked before anything is locked or charged.
    const mask = this.licenseKeys.usableMask(dto.mask);
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
          appId,
        );
        credits = entry.balanceAfter;
      }
      const keys = await this.licenseKeys.insertKeys(m, {
        appId,
        count: dto.count,
        durationDays: dto.durationDays,
        subscription: dto.subscription,
        mask,
        readable: dto.readable,
        note: dto.note ?? null,
        resellerId: principal.resellerId,
      });
      return { count: keys.length, keys, cost, credits };
    });
  }

  async list(principal: ResellerPrincipal, query: ListResellerKeysQueryDto): Promise<Page<ResellerKeyResponse>> {
    const { rows, meta } = await this.keys.pageOwn(principal.resellerId, await this.filterOf(principal, query), query);
    const now = new Date();
    return new Page(
      rows.map((l) => toResellerKeyResponse(l, now)),
      meta,
    );
  }

  /** The CSV of the keys the list's filters keep, every page, oldest first; `app` is the app's name. */
  async exportCsv(principal: ResellerPrincipal, query: ExportResellerKeysQueryDto): Promise<StreamableFile> {
    const filter = await this.filterOf(principal, query);
    const appNames = new Map((await this.resellers.appsOf([principal.resellerId])).map((a) => [a.app.id, a.app.name]));
    const now = new Date();
    return csvDownload(EXPORT_COLUMNS, this.keys.batchesOwn(principal.resellerId, filter), (l) => {
      const k = toResellerKeyResponse(l, now);
      return [
        k.key,
        appNames.get(l.appId),
        k.status,
        k.subscription,
        k.durationDays,
        k.note,
        k.usedBy?.username,
        k.activatedAt,
        k.expiresAt,
        k.createdAt,
      ];
    });
  }

  /** The list's and the export's filters; an app the reseller may not sell is 404. */
  private async filterOf(principal: ResellerPrincipal, query: ExportResellerKeysQueryDto): Promise<ResellerKeyFilter> {
    let appId: string | undefined;
    if (query.appId !== undefined) {
      const id = fromPublicId('app', query.appId);
      if (!id || !(await this.resellers.hasApp(principal.resellerId, id))) throw notFound('App not found');
      appId = id;
    }
    return { appId, status: query.status, q: query.q };
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
