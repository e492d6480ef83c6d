import { Injectable } from '@nestjs/common';
import type { SigningKeyStatus } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { SigningKeyEntity } from './signing-key.entity';

export interface NewSigningKey {
  appId: string;
  status: SigningKeyStatus;
  publicX: string;
  privateKeyEncrypted: string;
}

/** The key the process signs with: its id and sealed private key. */
export type ActiveKeyRow = Pick<SigningKeyEntity, 'id' | 'privateKeyEncrypted'>;

/** Apps' signing keys. */
@Injectable()
export class SigningKeysRepository extends BaseRepository {
  /** The app's published keys, oldest first. */
  listForApp(appId: string, m?: EntityManager): Promise<SigningKeyEntity[]> {
    return this.db(m).find(SigningKeyEntity, { where: { appId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The app's active key with its sealed private key, if it has one. */
  async findActive(appId: string): Promise<ActiveKeyRow | null> {
    return this.db().findOne(SigningKeyEntity, {
      where: { appId, status: 'active' },
      select: { id: true, privateKeyEncrypted: true },
    });
  }

  /**
   * Inserts a key. An active one only if the app has none yet (the partial unique index decides
   * between two processes creating an app's first key at once). Its id, or null when another won.
   */
  async insert(key: NewSigningKey, m?: EntityManager): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.db(m).query(
      `WITH added AS (
         INSERT INTO signing_keys (app_id, status, public_x, private_key_encrypted, activated_at)
         VALUES ($1, $2::varchar, $3, $4, CASE WHEN $2::varchar = 'active' THEN now() END)
         ON CONFLICT (app_id) WHERE status = 'active' DO NOTHING
         RETURNING id
       )
       SELECT id FROM added`,
      [key.appId, key.status, key.publicX, key.privateKeyEncrypted],
    );
    return rows[0]?.id ?? null;
  }

  /** The key becomes active and the app's active one previous, in the caller's transaction. */
  async activate(appId: string, id: string, m: EntityManager): Promise<void> {
    await m.query(`UPDATE signing_keys SET status = 'previous' WHERE app_id = $1 AND status = 'active' AND id <> $2`, [appId, id]);
    await m.query(`UPDATE signing_keys SET status = 'active', activated_at = now() WHERE app_id = $1 AND id = $2`, [appId, id]);
  }

  async delete(appId: string, id: string, m: EntityManager): Promise<void> {
    await m.delete(SigningKeyEntity, { appId, id });
  }
}
