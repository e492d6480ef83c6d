import { Injectable } from '@nestjs/common';
import type { PageMeta } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import { BaseRepository } from '../database/repository';
import { CreditLedgerEntryEntity } from './credit-ledger-entry.entity';
import { ResellerEntity } from './reseller.entity';

/** A ledger row as written. */
export type LedgerRow = Pick<CreditLedgerEntryEntity, 'id' | 'amount' | 'balanceAfter' | 'note' | 'createdAt'>;

/** A ledger row as the lists show it: with the app a spend bought keys of (null: none, or deleted since). */
export type LedgerRowWithApp = CreditLedgerEntryEntity & { app?: Pick<AppEntity, 'id' | 'name'> | null };

/** resellers.credits as pg returns a bigint: a string. */
interface CreditsColumn {
  credits: string;
}

/** The credit_ledger columns `append` returns, as pg returns them (bigints as strings). */
interface LedgerColumns {
  id: string;
  amount: string;
  balance_after: string;
  note: string | null;
  created_at: Date;
}

/**
 * Reseller credit balances and their ledger. A balance changes only through `addToBalance` followed
 * by `append` in the same transaction (CreditLedgerService); the CHECK constraint on
 * resellers.credits (never below 0) is the last line behind the bound the UPDATE itself checks.
 */
@Injectable()
export class CreditLedgerRepository extends BaseRepository {
  /**
   * Adds `amount` (negative: takes it) when the result stays within [0, max], and answers the new
   * balance; null when the reseller is missing or the bound would be crossed. One conditional
   * UPDATE: it takes the reseller's row lock and re-checks the bound on the row it locked, so
   * concurrent changes queue and none can take the balance below zero.
   */
  async addToBalance(resellerId: string, amount: number, max: number, m: EntityManager): Promise<number | null> {
    const updated: CreditsColumn[] = await m.query(
      `WITH changed AS (
         UPDATE resellers SET credits = credits + $2, updated_at = now()
          WHERE id = $1 AND credits + $2 >= 0 AND credits + $2 <= $3
          RETURNING credits
       )
       SELECT credits FROM changed`,
      [resellerId, amount, max],
    );
    return updated.length === 0 ? null : Number(updated[0].credits);
  }

  /** The reseller's balance, or null when there is no such reseller. */
  async balanceOf(resellerId: string, m?: EntityManager): Promise<number | null> {
    const row = await this.db(m).findOne(ResellerEntity, { select: { credits: true }, where: { id: resellerId } });
    return row ? row.credits : null;
  }

  /**
   * Writes the ledger row of a change, with the balance after it. SQL, so that the INSERT itself
   * returns created_at (the database's clock_timestamp(), which an entity insert would not read back).
   */
  async append(
    resellerId: string,
    amount: number,
    balanceAfter: number,
    note: string | null,
    appId: string | null,
    m: EntityManager,
  ): Promise<LedgerRow> {
    const [entry]: LedgerColumns[] = await m.query(
      `INSERT INTO credit_ledger (reseller_id, amount, balance_after, note, app_id) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, amount, balance_after, note, created_at`,
      [resellerId, amount, balanceAfter, note, appId],
    );
    return {
      id: entry.id,
      amount: Number(entry.amount),
      balanceAfter: Number(entry.balance_after),
      note: entry.note,
      createdAt: new Date(entry.created_at),
    };
  }

  /**
   * One page of the reseller's ledger, newest first (by seq, the order the changes were made in),
   * each spend with its app's id and current name.
   */
  async pageForReseller(
    resellerId: string,
    { page, limit }: { page: number; limit: number },
  ): Promise<{ rows: LedgerRowWithApp[]; meta: PageMeta }> {
    const [rows, total] = await this.db()
      .getRepository(CreditLedgerEntryEntity)
      .createQueryBuilder('e')
      .leftJoinAndMapOne('e.app', AppEntity, 'a', 'a.id = e.app_id')
      .select(['e', 'a.id', 'a.name'])
      .where('e.reseller_id = :resellerId', { resellerId })
      .orderBy('e.seq', 'DESC')
      // A to-one join: OFFSET and LIMIT count entries (skip/take would add a DISTINCT round trip).
      .offset((page - 1) * limit)
      .limit(limit)
      .getManyAndCount();
    return { rows, meta: { total, page, limit } };
  }
}
