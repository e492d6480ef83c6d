import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { AccountSessionEntity } from './account-session.entity';

/** Whose session: a seller's or a reseller's (each is a column of its own, with its own cascade). */
export interface AccountOwner {
  kind: 'seller' | 'reseller';
  id: string;
}

const OWNER_COLUMN = { seller: 'seller_id', reseller: 'reseller_id' } as const;

/** The rows behind seller and reseller tokens. */
@Injectable()
export class AccountSessionsRepository extends BaseRepository {
  insert(owner: AccountOwner, fields: { ip: string | null; userAgent: string | null; expiresAt: Date }, m?: EntityManager) {
    const repo = this.db(m).getRepository(AccountSessionEntity);
    return repo.save(
      repo.create({
        sellerId: owner.kind === 'seller' ? owner.id : null,
        resellerId: owner.kind === 'reseller' ? owner.id : null,
        ...fields,
      }),
    );
  }

  /** Whether the session exists, is the owner's and has not expired (by the database's clock). */
  async isLive(id: string, owner: AccountOwner): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM account_sessions WHERE id = $1 AND ${OWNER_COLUMN[owner.kind]} = $2 AND expires_at > now()`,
      [id, owner.id],
    );
    return rows.length === 1;
  }

  /** Ends the owner's sessions (all, or all but `except`); returns how many ended. */
  async deleteAllOf(owner: AccountOwner, options: { except?: string; only?: string } = {}, m?: EntityManager): Promise<number> {
    const params: unknown[] = [owner.id];
    let where = `${OWNER_COLUMN[owner.kind]} = $1`;
    if (options.only) where += ` AND id = $${params.push(options.only)}`;
    if (options.except) where += ` AND id <> $${params.push(options.except)}`;
    const rows: unknown[] = await this.db(m).query(
      `WITH gone AS (DELETE FROM account_sessions WHERE ${where} RETURNING 1) SELECT 1 FROM gone`,
      params,
    );
    return rows.length;
  }
}
