import { Injectable } from '@nestjs/common';
import type { CreditLedgerEntry } from '@keyhold/contracts';
import { MAX_CREDITS_BALANCE } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import { Page } from '../common/page';
import { CreditLedgerRepository, LedgerRow, LedgerRowWithApp } from './credit-ledger.repository';

export function toLedgerEntry(e: LedgerRow): CreditLedgerEntry {
  return {
    id: toPublicId('ledgerEntry', e.id),
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    note: e.note,
    createdAt: e.createdAt.toISOString(),
  };
}

/** A ledger list's entry: the entry and the app a spend bought keys of (null: none, or deleted since). */
export function toListedLedgerEntry(e: LedgerRowWithApp): CreditLedgerEntry {
  const { createdAt, ...entry } = toLedgerEntry(e);
  return { ...entry, app: e.app ? { id: toPublicId('app', e.app.id), name: e.app.name } : null, createdAt };
}

/**
 * The only writer of a reseller's balance. Each change is one conditional UPDATE (which takes the
 * reseller's row lock and re-checks the bound on the row it locked, so concurrent changes queue
 * and none can take the balance below zero) plus its ledger row, in the caller's transaction.
 * The CHECK constraint on resellers.credits is the last line behind it.
 */
@Injectable()
export class CreditLedgerService {
  constructor(private readonly balances: CreditLedgerRepository) {}

  /** Changes the balance by `amount` and writes its ledger row; `appId` (a row id) names the app a spend bought keys of. */
  async change(
    m: EntityManager,
    resellerId: string,
    amount: number,
    note: string | null,
    appId: string | null = null,
  ): Promise<CreditLedgerEntry> {
    const balanceAfter = await this.balances.addToBalance(resellerId, amount, MAX_CREDITS_BALANCE, m);
    if (balanceAfter === null) {
      const balance = await this.balances.balanceOf(resellerId, m);
      if (balance === null) throw new DomainError('NOT_FOUND', 'Reseller not found');
      if (balance + amount < 0) {
        throw new DomainError('INSUFFICIENT_CREDITS', `Not enough credits: the balance is ${balance}, the change is ${amount}`);
      }
      throw new DomainError('VALIDATION_FAILED', 'Request validation failed', [
        { field: 'amount', reason: `the balance may not exceed ${MAX_CREDITS_BALANCE}` },
      ]);
    }
    return toLedgerEntry(await this.balances.append(resellerId, amount, balanceAfter, note, appId, m));
  }

  /** One page of a reseller's ledger (the caller has checked whose it is), newest first. */
  async page(resellerId: string, page: { page: number; limit: number }): Promise<Page<CreditLedgerEntry>> {
    const { rows, meta } = await this.balances.pageForReseller(resellerId, page);
    return new Page(rows.map(toListedLedgerEntry), meta);
  }
}
