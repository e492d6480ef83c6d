import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { BaseRepository } from '../database/repository';
import type { Write } from '../database/write-batch';
import { SessionEntity } from './session.entity';

/** What a new session row is made of; created_at comes from the column default. */
export type NewSessionRow = Pick<SessionEntity, 'appId' | 'userId' | 'licenseId' | 'ip' | 'hwid' | 'expiresAt'>;

/** Sessions behind the client tokens. */
@Injectable()
export class SessionsRepository extends BaseRepository {
  /** Inserting the session as the write `session` of a batch (database/write-batch.ts); the id is the caller's. */
  insertWrite(row: NewSessionRow & Pick<SessionEntity, 'id'>): Write {
    return {
      name: 'session',
      sql: `INSERT INTO sessions (id, app_id, user_id, license_id, ip, hwid, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      params: [row.id, row.appId, row.userId, row.licenseId, row.ip, row.hwid, row.expiresAt],
    };
  }

  /** Ends the session now, unless it already ended (an earlier revocation keeps its time). */
  async revoke(id: string, m?: EntityManager): Promise<void> {
    await this.db(m).update(SessionEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** A user's sessions, newest first (ended ones too, until the retention sweep prunes them). */
  listOfUser(userId: string, limit: number): Promise<SessionEntity[]> {
    return this.db().find(SessionEntity, { where: { userId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Ends one session of the user now; false when the user has no such session. An ended one stays ended at its time. */
  async revokeOfUser(userId: string, id: string): Promise<boolean> {
    const found = await this.db().exists(SessionEntity, { where: { id, userId } });
    if (found) await this.revoke(id);
    return found;
  }

  /** Ends every open session of these users and of these licenses (a bulk ban). */
  async revokeAllOfMany(owners: { userIds?: string[]; licenseIds?: string[] }, m: EntityManager): Promise<void> {
    const now = new Date();
    if (owners.userIds?.length)
      await this.db(m).update(SessionEntity, { userId: In(owners.userIds), revokedAt: IsNull() }, { revokedAt: now });
    if (owners.licenseIds?.length)
      await this.db(m).update(SessionEntity, { licenseId: In(owners.licenseIds), revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeAllOf(owner: { userId: string } | { licenseId: string }, m?: EntityManager): Promise<void> {
    await this.db(m).update(SessionEntity, { ...owner, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
