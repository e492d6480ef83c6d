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
  async insert(row: NewSessionRow, m?: EntityManager): Promise<SessionEntity> {
    const session = await this.selectOne(
      SessionEntity,
      `INSERT INTO sessions AS s (app_id, user_id, license_id, ip, hwid, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${this.sql(SessionEntity).columns('s')}`,
      [row.appId, row.userId, row.licenseId, row.ip, row.hwid, row.expiresAt],
      m,
    );
    return session!;
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
