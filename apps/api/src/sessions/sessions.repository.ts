import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { SessionEntity } from './session.entity';

/** What a new session row is made of; id and created_at come from the column defaults. */
export type NewSessionRow = Pick<SessionEntity, 'appId' | 'userId' | 'licenseId' | 'ip' | 'hwid' | 'expiresAt'>;

/** Sessions behind the client tokens. */
@Injectable()
export class SessionsRepository extends BaseRepository {
  /** Inserts the session and returns it as stored (generated id and created_at filled in). */
  insert(row: NewSessionRow, m?: EntityManager): Promise<SessionEntity> {
    return this.db(m).getRepository(SessionEntity).save(row);
  }

  /** The session of this app with this id, unless it was revoked (its expiry is the caller's to check). */
  findUnrevoked(id: string, appId: string, m?: EntityManager): Promise<SessionEntity | null> {
    return this.db(m).findOne(SessionEntity, { where: { id, appId, revokedAt: IsNull() } });
  }

  /** Ends the session now, unless it already ended (an earlier revocation keeps its time). */
  async revoke(id: string, m?: EntityManager): Promise<void> {
    await this.db(m).update(SessionEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every open session of the user, or of the license. */
  async revokeAllOf(owner: { userId: string } | { licenseId: string }, m?: EntityManager): Promise<void> {
    await this.db(m).update(SessionEntity, { ...owner, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
