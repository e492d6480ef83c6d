import { Injectable } from '@nestjs/common';
import type { PageMeta, UserStatus } from '@keyhold/contracts';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import type { BulkSelection } from '../common/bulk';
import { likePattern } from '../common/dto/pagination.dto';
import { fetchPage, PageRequest } from '../database/page-query';
import { BaseRepository } from '../database/repository';
import type { Write } from '../database/write-batch';
import { AppUserEntity } from './app-user.entity';
import { USER_STATUS_SQL } from './user-status';

/** A new end user: created by the seller, or registered with a license key. */
export type NewAppUser = Pick<AppUserEntity, 'appId' | 'username' | 'passwordHash' | 'subscription' | 'expiresAt'> &
  Partial<Pick<AppUserEntity, 'hwid' | 'lastLoginAt' | 'lastLoginIp'>>;

/** The filters of the seller's user list. */
export interface UserFilter {
  status?: UserStatus;
  /** Searches username, hardware id and last login IP. */
  q?: string;
}

/** An app's end users. */
@Injectable()
export class UsersRepository extends BaseRepository {
  /**
   * Inserts the user and answers it with its generated columns. A taken username fails with the
   * unique violation of `uq_app_users_username`, for the caller to translate.
   */
  create(user: NewAppUser, m?: EntityManager): Promise<AppUserEntity> {
    return this.users(m).save(user);
  }

  /** The user as stored (without its password hash); throws when it is gone. */
  findByIdOrFail(id: string): Promise<AppUserEntity> {
    return this.users().findOneOrFail({ where: { id } });
  }

  /** A user of one of the seller's apps; null when there is none. */
  findOwned(sellerId: string, id: string): Promise<AppUserEntity | null> {
    return this.users()
      .createQueryBuilder('u')
      .innerJoin(AppEntity, 'a', 'a.id = u.app_id')
      .where('u.id = :id AND a.seller_id = :sellerId', { id, sellerId })
      .getOne();
  }

  /** The id and password hash of the app's user with this username, to check a login; null when there is none. */
  findCredentials(appId: string, username: string): Promise<Pick<AppUserEntity, 'id' | 'passwordHash'> | null> {
    return this.selectOne(
      AppUserEntity,
      `SELECT u.id AS "id", u.password_hash AS "passwordHash" FROM app_users u WHERE u.app_id = $1 AND u.username = $2`,
      [appId, username],
    );
  }

  /** One page of the app's users matching `filter`, newest first. */
  pageForApp(appId: string, filter: UserFilter, page: PageRequest): Promise<{ rows: AppUserEntity[]; meta: PageMeta }> {
    return fetchPage(this.matching(appId, { filter }), page);
  }

  /**
   * The app's users of a bulk selection (the given ids, or every match of `filter`), row-locked
   * until the transaction ends; at most `limit` (the caller asks one more than it accepts).
   */
  lockSelection(appId: string, selection: BulkSelection<UserFilter>, limit: number, m: EntityManager): Promise<AppUserEntity[]> {
    return this.matching(appId, selection, m).orderBy('u.id').limit(limit).setLock('pessimistic_write').getMany();
  }

  /** How many users a bulk selection holds, counting up to `cap`; unlocked (a dry run). */
  countSelection(appId: string, selection: BulkSelection<UserFilter>, cap: number): Promise<number> {
    return this.countUpTo(this.matching(appId, selection), cap);
  }

  /** The app's users the list's filters keep, or these ids: one definition for the list and bulk actions. */
  private matching(appId: string, selection: BulkSelection<UserFilter>, m?: EntityManager): SelectQueryBuilder<AppUserEntity> {
    const qb = this.users(m).createQueryBuilder('u').where('u.app_id = :appId', { appId });
    if ('ids' in selection) return qb.andWhere('u.id IN (:...ids)', { ids: selection.ids });
    const { status, q } = selection.filter;
    if (status) qb.andWhere(USER_STATUS_SQL[status]);
    if (q) qb.andWhere('(u.username ILIKE :q OR u.hwid ILIKE :q OR u.last_login_ip ILIKE :q)', { q: likePattern(q) });
    return qb;
  }

  /** The same patch on these users, in one statement. */
  async updateMany(ids: string[], patch: Partial<AppUserEntity>, m: EntityManager): Promise<void> {
    if (ids.length > 0) await this.users(m).update({ id: In(ids) }, patch);
  }

  /** Deletes these users of the app (their sessions go with them). */
  async deleteMany(appId: string, ids: string[], m: EntityManager): Promise<void> {
    if (ids.length > 0)
      await this.users(m).createQueryBuilder().delete().where('app_id = :appId AND id IN (:...ids)', { appId, ids }).execute();
  }

  /** The user, row-locked until the transaction ends; null when it is gone. */
  lockById(id: string, m: EntityManager): Promise<AppUserEntity | null> {
    return this.selectOne(
      AppUserEntity,
      `SELECT ${this.sql(AppUserEntity).columns('u')} FROM app_users u WHERE u.id = $1 FOR UPDATE`,
      [id],
      m,
    );
  }

  /** The user, row-locked until the transaction ends; throws when it is gone. */
  lockByIdOrFail(id: string, m: EntityManager): Promise<AppUserEntity> {
    return this.users(m).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  update(id: string, patch: Partial<AppUserEntity>, m?: EntityManager): Promise<void> {
    return this.updateById(AppUserEntity, id, patch, m);
  }

  /** The same update as the write `app_user` of a batch (database/write-batch.ts). */
  updateWrite(id: string, patch: Partial<AppUserEntity>): Write {
    return this.updateByIdWrite(AppUserEntity, 'app_user', id, patch);
  }

  /** Deletes the user; its sessions go with it (FK cascade). */
  async delete(id: string, m?: EntityManager): Promise<void> {
    await this.users(m).delete({ id });
  }

  /** Deletes the user if it belongs to the app (the user of a deleted license). */
  async deleteInApp(appId: string, id: string, m?: EntityManager): Promise<void> {
    await this.users(m).delete({ id, appId });
  }

  private users(m?: EntityManager): Repository<AppUserEntity> {
    return this.db(m).getRepository(AppUserEntity);
  }

  /** The user with this id, if it still exists. */
  findById(id: string, m?: EntityManager): Promise<AppUserEntity | null> {
    return this.selectOne(AppUserEntity, `SELECT ${this.sql(AppUserEntity).columns('u')} FROM app_users u WHERE u.id = $1`, [id], m);
  }
}
