import { Injectable } from '@nestjs/common';
import type { PageMeta, ResellerPrice, ResellerStatus } from '@keyhold/contracts';
import { EntityManager, In, IsNull } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import { likePattern } from '../common/dto/pagination.dto';
import { fetchPage, PageRequest } from '../database/page-query';
import { BaseRepository } from '../database/repository';
import { ResellerAppEntity } from './reseller-app.entity';
import { ResellerPriceEntity } from './reseller-price.entity';
import { ResellerEntity } from './reseller.entity';

/** The columns a new reseller is created with (the rest take their defaults). */
export type NewReseller = Pick<ResellerEntity, 'sellerId' | 'username' | 'passwordHash' | 'subscriptions'>;

/** What a seller may change on a reseller row. */
export type ResellerPatch = Partial<Pick<ResellerEntity, 'status' | 'subscriptions' | 'passwordHash'>>;

/** What the reseller token check reads on every request. */
export type ResellerTokenState = Pick<ResellerEntity, 'id' | 'sellerId' | 'status'>;

/** An app a reseller may sell, with the app's id and name. */
export type ResellerAppWithName = ResellerAppEntity & { app: Pick<AppEntity, 'id' | 'name'> };

/** One price of a reseller's price list. */
export type ResellerPriceOf = Pick<ResellerPriceEntity, 'resellerId' | 'durationDays' | 'credits'>;

/** The reseller's row as key generation reads it, under its lock. */
export interface ResellerForSale {
  status: ResellerStatus;
  credits: number;
  /** Whether the subscription asked for is one the reseller may sell. */
  maySell: boolean;
}

/** The columns `lockForSale` selects, as pg returns them (bigint as a string). */
interface ForSaleColumns {
  status: ResellerEntity['status'];
  credits: string;
  may_sell: boolean;
}

/**
 * Resellers and what they may sell (reseller_apps, reseller_prices), with the EntityManager except
 * where a row lock or a computed column needs SQL.
 */
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

  /** For the reseller token check: identity and status. */
  async findForToken(id: string): Promise<ResellerTokenState | null> {
    return this.db()
      .getRepository(ResellerEntity)
      .findOne({ where: { id }, select: { id: true, sellerId: true, status: true } });
  }

  /** The seller's resellers, newest first; `q` searches the username, `appId` keeps those who may sell that app. */
  async pageForSeller(
    sellerId: string,
    filter: { status?: ResellerStatus; q?: string; appId?: string },
    page: PageRequest,
  ): Promise<{ rows: ResellerEntity[]; meta: PageMeta }> {
    const qb = this.db().getRepository(ResellerEntity).createQueryBuilder('r').where('r.seller_id = :sellerId', { sellerId });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.q) qb.andWhere('r.username ILIKE :q', { q: likePattern(filter.q) });
    if (filter.appId !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM reseller_apps ra WHERE ra.reseller_id = r.id AND ra.app_id = :appId)', { appId: filter.appId });
    }
    return fetchPage(qb, page);
  }

  /** The seller's reseller signing in with this username (case-insensitively), with its password hash. */
  async findForLogin(sellerId: string, username: string): Promise<ResellerEntity | null> {
    return this.db()
      .getRepository(ResellerEntity)
      .createQueryBuilder('r')
      .addSelect('r.passwordHash')
      .where('r.seller_id = :sellerId AND lower(r.username) = lower(:username)', { sellerId, username })
      .getOne();
  }

  /**
   * For opening a session: share-locks the reseller's row until the end of `m`'s transaction and
   * reads its status and whether its password hash is still `passwordHash`, so a password change or
   * a suspension (which lock the row, then end the sessions) cannot miss a sign-in made just before.
   */
  async lockForSignIn(
    id: string,
    passwordHash: string,
    m: EntityManager,
  ): Promise<{ status: ResellerStatus; samePassword: boolean } | null> {
    const rows: Array<{ status: ResellerStatus; same: boolean }> = await m.query(
      `SELECT status, password_hash = $2 AS same FROM resellers WHERE id = $1 FOR SHARE`,
      [id, passwordHash],
    );
    return rows[0] ? { status: rows[0].status, samePassword: rows[0].same } : null;
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
    const [row]: ForSaleColumns[] = await m.query(
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
    return this.db().existsBy(ResellerAppEntity, { resellerId, appId });
  }

  /** Whether the reseller may sell the app and the app is its seller's. */
  async maySellApp(resellerId: string, appId: string, sellerId: string, m?: EntityManager): Promise<boolean> {
    return this.db(m)
      .createQueryBuilder(ResellerAppEntity, 'ra')
      .innerJoin(AppEntity, 'a', 'a.id = ra.app_id')
      .where('ra.reseller_id = :resellerId AND ra.app_id = :appId AND a.seller_id = :sellerId', { resellerId, appId, sellerId })
      .getExists();
  }

  /** The price of one key of `durationDays` (null: lifetime), or null when none is set. */
  async priceOf(resellerId: string, durationDays: number | null, m?: EntityManager): Promise<number | null> {
    const price = await this.db(m).findOne(ResellerPriceEntity, {
      select: { credits: true },
      where: { resellerId, durationDays: durationDays ?? IsNull() },
    });
    return price ? price.credits : null;
  }

  /** The apps each reseller may sell, oldest app first. */
  async appsOf(resellerIds: string[]): Promise<ResellerAppWithName[]> {
    const rows = await this.db()
      .createQueryBuilder(ResellerAppEntity, 'ra')
      .innerJoinAndMapOne('ra.app', AppEntity, 'a', 'a.id = ra.app_id')
      .select(['ra.resellerId', 'ra.appId', 'a.id', 'a.name'])
      .where('ra.reseller_id = ANY(:resellerIds)', { resellerIds })
      .orderBy('a.createdAt')
      .addOrderBy('a.id')
      .getMany();
    // An inner join: every row has its app.
    return rows as ResellerAppWithName[];
  }

  /** The price lists of the resellers, in no particular order. */
  async pricesOf(resellerIds: string[]): Promise<ResellerPriceOf[]> {
    return this.db().find(ResellerPriceEntity, {
      select: { resellerId: true, durationDays: true, credits: true },
      where: { resellerId: In(resellerIds) },
    });
  }

  /** Replaces the apps the reseller may sell. */
  async replaceApps(resellerId: string, appIds: string[], m: EntityManager): Promise<void> {
    await m.delete(ResellerAppEntity, { resellerId });
    if (appIds.length > 0)
      await m.insert(
        ResellerAppEntity,
        appIds.map((appId) => ({ resellerId, appId })),
      );
  }

  /** Replaces the reseller's price list. */
  async replacePrices(resellerId: string, prices: ResellerPrice[], m: EntityManager): Promise<void> {
    await m.delete(ResellerPriceEntity, { resellerId });
    if (prices.length > 0) {
      await m.insert(
        ResellerPriceEntity,
        prices.map((p) => ({ resellerId, durationDays: p.durationDays, credits: p.credits })),
      );
    }
  }
}
