import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { AppEntity } from './app.entity';

/** The columns a seller's change may write. */
export type AppSetting =
  | 'name'
  | 'version'
  | 'status'
  | 'enforceVersion'
  | 'hwidLock'
  | 'registrationEnabled'
  | 'offlineEnabled'
  | 'offlineTtlHours'
  | 'apiKey'
  | 'endpoint';

/** What a new app is made of; the rest (id, status, flags, dates) comes from the column defaults. */
export type NewApp = Pick<AppEntity, 'sellerId' | 'name' | 'version' | 'apiKey' | 'secretHash' | 'endpoint'>;

/** `_count` of an app: its end users (license-only logins create none) and its license keys. */
export interface AppCounts {
  appUsers: number;
  licenses: number;
}

/** A seller's apps. */
@Injectable()
export class AppsRepository extends BaseRepository {
  /** The app with this id. */
  findById(id: string, m?: EntityManager): Promise<AppEntity | null> {
    return this.db(m).findOne(AppEntity, { where: { id } });
  }

  /** The app with this id if `sellerId` owns it (one lookup, so another seller's app is simply absent). */
  findOwned(id: string, sellerId: string, m?: EntityManager): Promise<AppEntity | null> {
    return this.db(m).findOne(AppEntity, { where: { id, sellerId } });
  }

  /** The app behind an Axora endpoint id (case-sensitive), whatever its status. */
  findByEndpoint(endpoint: string, m?: EntityManager): Promise<AppEntity | null> {
    return this.selectOne(AppEntity, `SELECT ${this.sql(AppEntity).columns('a')} FROM apps a WHERE a.endpoint = $1`, [endpoint], m);
  }

  /** The app whose store integration key hashes to `secretHash` (its id and seller), or null. */
  findBySecretHash(secretHash: string, m?: EntityManager): Promise<Pick<AppEntity, 'id' | 'sellerId'> | null> {
    return this.db(m).findOne(AppEntity, { where: { secretHash }, select: { id: true, sellerId: true } });
  }

  /** A new store integration key (its hash): the old one stops working with this statement. */
  async setSecretHash(id: string, sellerId: string, secretHash: string, m?: EntityManager): Promise<boolean> {
    const result = await this.db(m).update(AppEntity, { id, sellerId }, { secretHash, secretEncrypted: null });
    return (result.affected ?? 0) > 0;
  }

  /** Apps whose secret is still stored encrypted (made before secrets were hashed). */
  withEncryptedSecret(m?: EntityManager): Promise<Array<Pick<AppEntity, 'id' | 'secretEncrypted'>>> {
    return this.db(m).find(AppEntity, {
      where: { secretEncrypted: Not(IsNull()), secretHash: IsNull() },
      select: { id: true, secretEncrypted: true },
    });
  }

  /** Hashes an old encrypted secret in place; another process that did it first makes this a no-op. */
  async hashEncryptedSecret(id: string, secretHash: string, m?: EntityManager): Promise<void> {
    await this.db(m).update(AppEntity, { id, secretHash: IsNull() }, { secretHash, secretEncrypted: null });
  }

  /** The seller's apps, oldest first. */
  listForSeller(sellerId: string, m?: EntityManager): Promise<AppEntity[]> {
    return this.db(m).find(AppEntity, { where: { sellerId }, order: { createdAt: 'ASC' } });
  }

  /** Inserts the app and returns it as stored (generated id and defaults filled in). */
  insert(app: NewApp, m?: EntityManager): Promise<AppEntity> {
    const db = this.db(m);
    return db.save(db.create(AppEntity, app));
  }

  /**
   * One UPDATE of exactly the columns given, never a write-back of a loaded row: a PATCH racing a
   * key rotation cannot put the old key back, and the rotation cannot undo the PATCH.
   */
  async updateOwned(id: string, sellerId: string, changes: Partial<Pick<AppEntity, AppSetting>>, m?: EntityManager): Promise<void> {
    await this.db(m).update(AppEntity, { id, sellerId }, changes);
  }

  /**
   * Locks the app's row for the rest of `m`'s transaction. Writers that enforce a per-app cap
   * (webhook endpoints) take it first, so concurrent creations queue and each count sees the others.
   */
  async lockById(id: string, m: EntityManager): Promise<void> {
    await m.findOne(AppEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Deletes the app; everything in it goes by cascade. */
  async deleteOwned(id: string, sellerId: string, m?: EntityManager): Promise<void> {
    await this.db(m).delete(AppEntity, { id, sellerId });
  }

  /** `_count` of each of these apps, by app id; an app id that is not in the table is absent. */
  async countsByApp(appIds: string[], m?: EntityManager): Promise<Map<string, AppCounts>> {
    if (appIds.length === 0) return new Map();
    const rows: Array<{ id: string; app_users: string; licenses: string }> = await this.db(m).query(
      `SELECT a.id,
              (SELECT count(*) FROM app_users u WHERE u.app_id = a.id) AS app_users,
              (SELECT count(*) FROM licenses l WHERE l.app_id = a.id) AS licenses
         FROM apps a WHERE a.id = ANY($1::uuid[])`,
      [appIds],
    );
    return new Map(rows.map((r) => [r.id, { appUsers: Number(r.app_users), licenses: Number(r.licenses) }]));
  }

  // --- for client/ (ClientAuthService): the X-Api-Key check on every client request ---

  /** The app behind an API key, whatever its status. */
  findByApiKey(apiKey: string, m?: EntityManager): Promise<AppEntity | null> {
    return this.selectOne(AppEntity, `SELECT ${this.sql(AppEntity).columns('a')} FROM apps a WHERE a.api_key = $1`, [apiKey], m);
  }
}
