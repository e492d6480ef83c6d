import { Injectable } from '@nestjs/common';
import type { PageMeta, ResellerPrice, ResellerStatus } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { likePattern } from '../common/dto/pagination.dto';
import { fetchPage } from '../database/page-query';
import { BaseRepository } from '../database/repository';
import { ResellerEntity } from './reseller.entity';

/** The columns a new reseller is created with (the rest take their defaults). */
export type NewReseller = Pick<ResellerEntity, 'sellerId' | 'username' | 'passwordHash' | 'subscriptions' | 'credentialsChangedAt'>;

/** What a seller may change on a reseller row. */
export type ResellerPatch = Partial<Pick<ResellerEntity, 'status' | 'subscriptions' | 'passwordHash' | 'credentialsChangedAt'>>;

/** What the reseller token check reads on every request. */
export type ResellerTokenState = Pick<ResellerEntity, 'id' | 'sellerId' | 'status' | 'credentialsChangedAt'>;

/** An app a reseller may sell, beside the reseller's id. */
export interface ResellerAppRow {
  resellerId: string;
  id: string;
  name: string;
}

/** One price of a reseller's price list. */
export interface ResellerPriceRow extends ResellerPrice {
  resellerId: string;
}

/** The reseller's row as key generation reads it, under its lock. */
export interface ResellerForSale {
  status: ResellerStatus;
  credits: number;
  /** Whether the subscription asked for is one the reseller may sell. */
  maySell: boolean;
}

/** Resellers and what they may sell. */
@Injectable()
export class ResellersRepository extends BaseRepository {
  /** Inserts a reseller; a username the seller already uses fails on uq_resellers_seller_username. */
  async insert(fields: NewReseller, m?: EntityManager): Promise<string> {
    const repo = this.db(m).getRepository(ResellerEntity);
    const reseller = await repo.save(repo.create(fields));
    return reseller.id;
  }

  async findById(id: string, m?: EntityManager): Promise<ResellerEntity | null> {
    return this.db(m).getRepository(ResellerEntity).findOneBy({ id });
  }

  /** The row, which must exist (just written by the caller). */
  async getById(id: string, m?: EntityManager): Promise<ResellerEntity> {
    return this.db(m).getRepository(ResellerEntity).findOneByOrFail({ id });
  }

  /** A reseller of this seller; another seller's reseller is null, as a missing one. */
  async findOwned(sellerId: string, id: string): Promise<ResellerEntity | null> {
    return this.db().getRepository(ResellerEntity).findOneBy({ id, sellerId });
  }

  /** For the reseller token check: identity, status and when the password last changed. */
  async findForToken(id: string): Promise<ResellerTokenState | null> {
    return this.db()
      .getRepository(ResellerEntity)
      .findOne({ where: { id }, select: { id: true, sellerId: true, status: true, credentialsChangedAt: true } });
  }

  /** The seller's resellers, newest first; `q` searches the username. */
  async pageForSeller(
    sellerId: string,
    filter: { status?: ResellerStatus; q?: string },
    page: { page: number; limit: number },
  ): Promise<{ rows: ResellerEntity[]; meta: PageMeta }> {
    const qb = this.db().getRepository(ResellerEntity).createQueryBuilder('r').where('r.seller_id = :sellerId', { sellerId });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.q) qb.andWhere('r.username ILIKE :q', { q: likePattern(filter.q) });
    return fetchPage(qb, page);
  }

  /**
   * The accounts a login may be for, with their password hashes: the username case-insensitively,
   * oldest first, at most `limit`; only the seller's when `sellerId` is given.
   */
  async loginCandidates(username: string, sellerId: string | undefined, limit: number): Promise<ResellerEntity[]> {
    const qb = this.db()
      .getRepository(ResellerEntity)
      .createQueryBuilder('r')
      .addSelect('r.passwordHash')
      .where('lower(r.username) = lower(:username)', { username })
      .orderBy('r.created_at', 'ASC')
      .limit(limit);
    if (sellerId !== undefined) qb.andWhere('r.seller_id = :sellerId', { sellerId });
    return qb.getMany();
  }

  /** Locks the reseller's row until the end of the caller's transaction. */
  async lockById(id: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT id FROM resellers WHERE id = $1 FOR UPDATE`, [id]);
  }

  /**
   * Locks the reseller's row and reads what key generation checks under the lock: status, balance,
   * and whether `subscription` is one it may sell. Null when the reseller is gone.
   */
  async lockForSale(id: string, subscription: string, m: EntityManager): Promise<ResellerForSale | null> {
    const [row]: Array<{ status: ResellerStatus; credits: string; may_sell: boolean }> = await m.query(
      `SELECT status, credits, $2 = ANY(subscriptions) AS may_sell FROM resellers WHERE id = $1 FOR UPDATE`,
      [id, subscription],
    );
    return row ? { status: row.status, credits: Number(row.credits), maySell: row.may_sell } : null;
  }

  async update(id: string, patch: ResellerPatch, m?: EntityManager): Promise<void> {
    await this.db(m).getRepository(ResellerEntity).update({ id }, patch);
  }

  /** Deletes the seller's reseller (its ledger goes by cascade; its keys stay, resellerId null). */
  async deleteOwned(sellerId: string, id: string): Promise<void> {
    await this.db().getRepository(ResellerEntity).delete({ id, sellerId });
  }

  /** Whether the reseller may sell the app (whoever's app it is). */
  async hasApp(resellerId: string, appId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM reseller_apps WHERE reseller_id = $1 AND app_id = $2`, [resellerId, appId]);
    return rows.length > 0;
  }

  /** Whether the reseller may sell the app and the app is its seller's. */
  async maySellApp(resellerId: string, appId: string, sellerId: string, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.db(m).query(
      `SELECT 1 FROM reseller_apps ra JOIN apps a ON a.id = ra.app_id
        WHERE ra.reseller_id = $1 AND ra.app_id = $2 AND a.seller_id = $3`,
      [resellerId, appId, sellerId],
    );
    return rows.length > 0;
  }

  /** The price of one key of `durationDays` (null: lifetime), or null when none is set. */
  async priceOf(resellerId: string, durationDays: number | null, m?: EntityManager): Promise<number | null> {
    const [price]: Array<{ credits: number }> = await this.db(m).query(
      `SELECT credits FROM reseller_prices WHERE reseller_id = $1 AND duration_days IS NOT DISTINCT FROM $2::int`,
      [resellerId, durationDays],
    );
    return price ? price.credits : null;
  }

  /** The apps each reseller may sell, oldest app first. */
  async appsOf(resellerIds: string[]): Promise<ResellerAppRow[]> {
    const rows: Array<{ reseller_id: string; id: string; name: string }> = await this.dataSource.query(
      `SELECT ra.reseller_id, a.id, a.name
         FROM reseller_apps ra JOIN apps a ON a.id = ra.app_id
        WHERE ra.reseller_id = ANY($1::uuid[])
        ORDER BY a.created_at, a.id`,
      [resellerIds],
    );
    return rows.map((r) => ({ resellerId: r.reseller_id, id: r.id, name: r.name }));
  }

  /** The price lists of the resellers, in no particular order. */
  async pricesOf(resellerIds: string[]): Promise<ResellerPriceRow[]> {
    const rows: Array<{ reseller_id: string; duration_days: number | null; credits: number }> = await this.dataSource.query(
      `SELECT reseller_id, duration_days, credits FROM reseller_prices WHERE reseller_id = ANY($1::uuid[])`,
      [resellerIds],
    );
    return rows.map((p) => ({ resellerId: p.reseller_id, durationDays: p.duration_days, credits: p.credits }));
  }

  /** Replaces the apps the reseller may sell. */
  async replaceApps(resellerId: string, appIds: string[], m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM reseller_apps WHERE reseller_id = $1`, [resellerId]);
    if (appIds.length > 0) {
      await m.query(`INSERT INTO reseller_apps (reseller_id, app_id) SELECT $1, unnest($2::uuid[])`, [resellerId, appIds]);
    }
  }

  /** Replaces the reseller's price list. */
  async replacePrices(resellerId: string, prices: ResellerPrice[], m: EntityManager): Promise<void> {
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
