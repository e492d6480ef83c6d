import { Injectable } from '@nestjs/common';
import type { CreditLedgerEntry } from '@keyhold/contracts';
import { MAX_CREDITS_BALANCE } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import { CreditLedgerEntryEntity } from './credit-ledger-entry.entity';

interface LedgerRow {
  id: string;
  amount: string;
  balance_after: string;
  note: string | null;
  created_at: Date;
}

export function toLedgerEntry(e: Pick<CreditLedgerEntryEntity, 'id' | 'amount' | 'balanceAfter' | 'note' | 'createdAt'>): CreditLedgerEntry {
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
  async change(m: EntityManager, resellerId: string, amount: number, note: string | null): Promise<CreditLedgerEntry> {
    const updated: Array<{ credits: string }> = await m.query(
      `WITH changed AS (
         UPDATE resellers SET credits = credits + $2, updated_at = now()
          WHERE id = $1 AND credits + $2 >= 0 AND credits + $2 <= $3
          RETURNING credits
       )
       SELECT credits FROM changed`,
      [resellerId, amount, MAX_CREDITS_BALANCE],
    );
    if (updated.length === 0) {
      const [row]: Array<{ credits: string }> = await m.query(`SELECT credits FROM resellers WHERE id = $1`, [resellerId]);
      if (!row) throw new DomainError('NOT_FOUND', 'Reseller not found');
      const balance = Number(row.credits);
      if (balance + amount < 0) {
        throw new DomainError('INSUFFICIENT_CREDITS', `Not enough credits: the balance is ${balance}, the change is ${amount}`);
      }
      throw new DomainError('VALIDATION_FAILED', 'Request validation failed', [
        { field: 'amount', reason: `the balance may not exceed ${MAX_CREDITS_BALANCE}` },
      ]);
    }
    const [entry]: LedgerRow[] = await m.query(
      `INSERT INTO credit_ledger (reseller_id, amount, balance_after, note) VALUES ($1, $2, $3, $4)
       RETURNING id, amount, balance_after, note, created_at`,
      [resellerId, amount, updated[0].credits, note],
    );
    return toLedgerEntry({
      id: entry.id,
      amount: Number(entry.amount),
      balanceAfter: Number(entry.balance_after),
      note: entry.note,
      createdAt: new Date(entry.created_at),
    });
  }
}
