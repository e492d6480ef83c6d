import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { LicenseEntity } from '../licenses/license.entity';
import { SessionEntity } from '../sessions/session.entity';
import { AppUserEntity } from '../users/app-user.entity';

/** A session with its user or license, both as they are now. */
export interface SessionWithOwner {
  session: SessionEntity;
  user: AppUserEntity | null;
  license: LicenseEntity | null;
}

/**
 * The session check on every client call, in one statement: the session and whoever it belongs
 * to. Here rather than in sessions/, which the user and license domains depend on (to end
 * sessions), so that sessions/ need not know them back.
 */
@Injectable()
export class ClientSessionsRepository extends BaseRepository {
  /** The app's session with this id unless it was revoked (its expiry is the caller's to check), with its owner. */
  async findUnrevokedWithOwner(id: string, appId: string, m?: EntityManager): Promise<SessionWithOwner | null> {
    const rows: Array<Record<string, unknown>> = await this.db(m).query(
      `SELECT ${this.sql(SessionEntity).columns('s')},
              ${this.sql(AppUserEntity).columns('u', { prefix: 'user.' })},
              ${this.sql(LicenseEntity).columns('l', { prefix: 'license.' })}
         FROM sessions s
         LEFT JOIN app_users u ON u.id = s.user_id
         LEFT JOIN licenses l ON l.id = s.license_id
        WHERE s.id = $1 AND s.app_id = $2 AND s.revoked_at IS NULL`,
      [id, appId],
    );
    const session = this.sql(SessionEntity).fromRow(rows[0]);
    if (!session) return null;
    return {
      session,
      user: this.sql(AppUserEntity).fromRow(rows[0], 'user.'),
      license: this.sql(LicenseEntity).fromRow(rows[0], 'license.'),
    };
  }
}
