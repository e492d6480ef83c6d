import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { TokensService } from '../tokens/tokens.service';
import { isPast } from '../common/dates';
import { toPublicId } from '../common/ids';
import { EventsService } from '../events/events.service';
import { LicenseEntity } from '../licenses/license.entity';
import { AppUserEntity } from '../users/app-user.entity';
import { SessionEntity } from './session.entity';

export interface NewSession {
  appId: string;
  userId?: string;
  licenseId?: string;
  ip: string;
  hwid?: string | null;
}

export interface ActiveSession {
  session: SessionEntity;
  user: AppUserEntity | null;
  license: LicenseEntity | null;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly tokens: TokensService,
    private readonly events: EventsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Creates a session in the caller's transaction, records session.create, and signs its token. */
  async create(m: EntityManager, s: NewSession): Promise<{ session: SessionEntity; token: string }> {
    const ttl = this.config.clientTokenTtlSeconds;
    const session = await m.getRepository(SessionEntity).save({
      appId: s.appId,
      userId: s.userId ?? null,
      licenseId: s.licenseId ?? null,
      ip: s.ip,
      hwid: s.hwid ?? null,
      expiresAt: new Date(Date.now() + ttl * 1000),
    });
    await this.events.record(m, s.appId, 'session.create', {
      sessionId: toPublicId('session', session.id),
      userId: s.userId ? toPublicId('user', s.userId) : undefined,
      licenseId: s.licenseId ? toPublicId('license', s.licenseId) : undefined,
      ip: s.ip,
      hwid: s.hwid ?? null,
    });
    const token = this.tokens.sign('client', session.id, { app: s.appId, expiresInSeconds: ttl });
    return { session, token };
  }

  /**
   * The session behind a verified client token, if it is still good: not revoked, not past its
   * expiry, of this app, and its user or license neither banned nor expired. Checked on every call,
   * so a ban or an expiry ends sessions at once.
   */
  async findActive(sessionId: string, appId: string): Promise<ActiveSession | null> {
    const session = await this.sessions.findOne({ where: { id: sessionId, appId, revokedAt: IsNull() } });
    if (!session || isPast(session.expiresAt)) return null;
    const user = session.userId ? await this.sessions.manager.findOne(AppUserEntity, { where: { id: session.userId } }) : null;
    const license = session.licenseId
      ? await this.sessions.manager.findOne(LicenseEntity, { where: { id: session.licenseId } })
      : null;
    if (session.userId && (!user || user.banned || isPast(user.expiresAt))) return null;
    if (session.licenseId && (!license || license.banned || isPast(license.expiresAt))) return null;
    return { session, user, license };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every open session of a user or a license (ban, password change). */
  async revokeFor(m: EntityManager, owner: { userId?: string; licenseId?: string }): Promise<void> {
    // Never an empty condition: that would end every session of every app.
    if (!owner.userId && !owner.licenseId) throw new Error('revokeFor needs a userId or a licenseId');
    const where = owner.userId ? { userId: owner.userId } : { licenseId: owner.licenseId };
    await m.getRepository(SessionEntity).update({ ...where, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
