import { Injectable } from '@nestjs/common';
import type { CreditLedgerEntry } from '@keyhold/contracts';
import { MAX_CREDITS_BALANCE } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import { CreditLedgerEntryEntity } from './credit-ledger-entry.entity';
import { CreditLedgerRepository } from './credit-ledger.repository';

export function toLedgerEntry(
  e: Pick<CreditLedgerEntryEntity, 'id' | 'amount' | 'balanceAfter' | 'note' | 'createdAt'>,
): CreditLedgerEntry {
  return {
    id: toPublicId('ledgerEntry', e.id),
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    note: e.note,
    createdAt: e.createdAt.toISOString(),
  };
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

  async change(m: EntityManager, resellerId: string, amount: number, note: string | null): Promise<CreditLedgerEntry> {
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
    return toLedgerEntry(await this.balances.append(resellerId, amount, balanceAfter, note, m));
  }
}
