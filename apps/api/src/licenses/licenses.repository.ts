import { Injectable } from '@nestjs/common';
import type { LicenseStatus, PageMeta } from '@keyhold/contracts';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import type { BulkSelection } from '../common/bulk';
import { likePattern } from '../common/dto/pagination.dto';
import { BaseRepository } from '../database/repository';
import { fetchPage, inBatches, PageRequest } from '../database/page-query';
import type { Write } from '../database/write-batch';
import { AppUserEntity } from '../users/app-user.entity';
import { LicenseEntity } from './license.entity';
import { KEY_USER_MATCHES } from './license-search';
import { STATUS_SQL } from './license-status';

/** A license with the user who redeemed it (null: unused, or used by license login alone). */
export type LicenseWithUser = LicenseEntity & { user?: AppUserEntity | null };

/** What every key of one generated batch shares. */
export interface KeyTerms {
  appId: string;
  durationDays: number | null;
  subscription: string;
  note?: string | null;
  /** Set when a reseller generates the keys. */
  resellerId?: string | null;
}

/** The filters of the seller's license list. */
export interface LicenseFilter {
  status?: LicenseStatus;
  /** Searches key, note, the user's username and hardware id. */
  q?: string;
  /** Only the keys this reseller generated; `null`: only the seller's own keys (made by no reseller). */
  resellerId?: string | null;
  /** Only the key this user (row id) redeemed. */
  userId?: string;
}

/** A license the expiry sweep just marked as announced. */
export interface ExpiredLicenseRow {
  id: string;
  app_id: string;
  key: string;
  user_id: string | null;
  expires_at: Date;
}

/** License keys. */
@Injectable()
export class LicensesRepository extends BaseRepository {
  /**
   * Inserts those of `keys` the app does not have yet, in one statement, and answers the keys it
   * inserted. Uniqueness within the app is the database's constraint: a collision is skipped.
   */
  async insertKeys(terms: KeyTerms, keys: string[], m?: EntityManager): Promise<string[]> {
    const rows: Array<{ key: string }> = await this.db(m).query(
      `INSERT INTO licenses (app_id, key, duration_days, subscription, note, reseller_id)
       SELECT $1, k, $3, $4, $5, $6 FROM unnest($2::text[]) AS k
       ON CONFLICT (app_id, key) DO NOTHING RETURNING key`,
      [terms.appId, keys, terms.durationDays, terms.subscription, terms.note ?? null, terms.resellerId ?? null],
    );
    return rows.map((r) => r.key);
  }

  /** A license of one of the seller's apps, with its user; null when there is none. */
  findOwned(sellerId: string, id: string): Promise<LicenseWithUser | null> {
    return this.withUser(this.licenses().createQueryBuilder('l'))
      .innerJoin(AppEntity, 'a', 'a.id = l.app_id')
      .where('l.id = :id AND a.seller_id = :sellerId', { id, sellerId })
      .getOne();
  }

  /** One page of the app's licenses matching `filter`, newest first. */
  pageForApp(appId: string, filter: LicenseFilter, page: PageRequest): Promise<{ rows: LicenseWithUser[]; meta: PageMeta }> {
    return fetchPage(this.matching(appId, filter), page);
  }

  /** Every license of the app matching `filter` (the list's), oldest first, in batches: the CSV export. */
  batchesForApp(appId: string, filter: LicenseFilter): AsyncGenerator<LicenseWithUser[]> {
    return inBatches(this.matching(appId, filter));
  }

  /** The license, row-locked until the transaction ends; throws when it is gone. */
  lockByIdOrFail(id: string, m: EntityManager): Promise<LicenseEntity> {
    return m.getRepository(LicenseEntity).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The app's license with this key, row-locked until the transaction ends; null when there is none. */
  lockByKey(appId: string, key: string, m: EntityManager): Promise<LicenseEntity | null> {
    const columns = this.sql(LicenseEntity).columns('l');
    return this.selectOne(
      LicenseEntity,
      `SELECT ${columns} FROM licenses l WHERE l.app_id = $1 AND l.key = $2 FOR UPDATE`,
      [appId, key],
      m,
    );
  }

  /** Whether a key the user registered with is banned (such a key carries the user's access). */
  async userHasBannedKey(userId: string, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.db(m).query(`SELECT 1 FROM licenses WHERE user_id = $1 AND banned LIMIT 1`, [userId]);
    return rows.length > 0;
  }

  update(id: string, patch: Partial<LicenseEntity>, m?: EntityManager): Promise<void> {
    return this.updateById(LicenseEntity, id, patch, m);
  }

  /** The same update as the write `license` of a batch (database/write-batch.ts). */
  updateWrite(id: string, patch: Partial<LicenseEntity>): Write {
    return this.updateByIdWrite(LicenseEntity, 'license', id, patch);
  }

  /**
   * Up to `limit` of the app's licenses, with their users, row-locked until the transaction ends:
   * these ids, or every license `filter` keeps (the list's). Only the licenses are locked (`FOR
   * UPDATE OF l`): the user of an unused key is the nullable side of the join.
   */
  lockSelection(appId: string, selection: BulkSelection<LicenseFilter>, limit: number, m: EntityManager): Promise<LicenseWithUser[]> {
    return this.selected(appId, selection, m).orderBy('l.id').limit(limit).setLock('pessimistic_write', undefined, ['l']).getMany();
  }

  /** How many licenses a bulk selection holds, counting up to `cap`; unlocked (a dry run). */
  countSelection(appId: string, selection: BulkSelection<LicenseFilter>, cap: number): Promise<number> {
    return this.countUpTo(this.selected(appId, selection), cap);
  }

  private selected(appId: string, selection: BulkSelection<LicenseFilter>, m?: EntityManager): SelectQueryBuilder<LicenseWithUser> {
    return 'ids' in selection
      ? this.filtered(appId, undefined, undefined, m).andWhere('l.id IN (:...ids)', { ids: selection.ids })
      : this.matching(appId, selection.filter, m);
  }

  /** The same patch on these licenses, in one statement. */
  async updateMany(ids: string[], patch: Partial<LicenseEntity>, m: EntityManager): Promise<void> {
    if (ids.length > 0) await m.getRepository(LicenseEntity).update({ id: In(ids) }, patch);
  }

  /** Deletes these licenses of the app (their sessions go with them). */
  async deleteMany(appId: string, ids: string[], m: EntityManager): Promise<void> {
    if (ids.length > 0)
      await m
        .getRepository(LicenseEntity)
        .createQueryBuilder()
        .delete()
        .where('app_id = :appId AND id IN (:...ids)', { appId, ids })
        .execute();
  }

  /** Deletes the license; its sessions go with it (FK cascade). */
  async delete(id: string, m?: EntityManager): Promise<void> {
    await this.db(m).getRepository(LicenseEntity).delete({ id });
  }

  /**
   * Claims up to `limit` expired licenses whose expiry was not announced yet, soonest expired
   * first, and marks them announced. `FOR UPDATE SKIP LOCKED`: concurrent sweeps take disjoint
   * rows; the mark commits (or rolls back) with the caller's transaction, which records the events.
   */
  claimUnannouncedExpiries(limit: number, m: EntityManager): Promise<ExpiredLicenseRow[]> {
    // A CTE so the statement answers rows like a SELECT (a bare UPDATE answers [rows, count]).
    return m.query(
      `WITH due AS (
         SELECT id FROM licenses
          WHERE expiry_notified_at IS NULL AND expires_at IS NOT NULL AND expires_at <= now()
          ORDER BY expires_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), marked AS (
         UPDATE licenses l SET expiry_notified_at = now() FROM due WHERE l.id = due.id
         RETURNING l.id, l.app_id, l.key, l.user_id, l.expires_at
       )
       SELECT * FROM marked`,
      [limit],
    );
  }

  private licenses(m?: EntityManager): Repository<LicenseEntity> {
    return this.db(m).getRepository(LicenseEntity);
  }

  /** The app's licenses that `filter` keeps: one definition for the list and its export. */
  private matching(appId: string, filter: LicenseFilter, m?: EntityManager): SelectQueryBuilder<LicenseWithUser> {
    const qb = this.filtered(appId, filter.status, filter.q, m);
    if (filter.resellerId === null) qb.andWhere('l.reseller_id IS NULL');
    else if (filter.resellerId !== undefined) qb.andWhere('l.reseller_id = :resellerId', { resellerId: filter.resellerId });
    if (filter.userId !== undefined) qb.andWhere('l.user_id = :userId', { userId: filter.userId });
    return qb;
  }

  private filtered(appId: string, status?: LicenseStatus, q?: string, m?: EntityManager): SelectQueryBuilder<LicenseWithUser> {
    const qb = this.withUser(this.licenses(m).createQueryBuilder('l')).where('l.app_id = :appId', { appId });
    if (status) qb.andWhere(STATUS_SQL[status]);
    if (q) qb.andWhere(`(l.key ILIKE :q OR l.note ILIKE :q OR l.hwid ILIKE :q OR ${KEY_USER_MATCHES})`, { q: likePattern(q) });
    return qb;
  }

  private withUser(qb: SelectQueryBuilder<LicenseEntity>): SelectQueryBuilder<LicenseWithUser> {
    return qb.leftJoinAndMapOne('l.user', AppUserEntity, 'u', 'u.id = l.user_id');
  }

  /**
   * The usernames of the resellers who made keys, by reseller row id: one lookup for a page of keys.
   * By SQL on the column licenses.reseller_id refers to, so that licenses need not import the
   * resellers domain (which builds on this one).
   */
  async resellerUsernames(resellerIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(resellerIds)];
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; username: string }> = await this.db().query(
      `SELECT id, username FROM resellers WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.username]));
  }

  /** The license with this id, if it still exists. */
  findById(id: string, m?: EntityManager): Promise<LicenseEntity | null> {
    return this.selectOne(LicenseEntity, `SELECT ${this.sql(LicenseEntity).columns('l')} FROM licenses l WHERE l.id = $1`, [id], m);
  }
}
