import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { TokensService } from '../tokens/tokens.service';
import { toPublicId } from '../common/ids';
import { countryOfIp } from '../common/ip-country';
import { runWrites, Write } from '../database/write-batch';
import { EventsService } from '../events/events.service';
import { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';

export interface NewSession {
  appId: string;
  userId?: string;
  licenseId?: string;
  ip: string;
  hwid?: string | null;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokensService,
    private readonly events: EventsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Creates a session in the caller's transaction, records session.create, and signs its token:
   * with `alongside` (the writes of the login that opens it: the license or user it updates, its
   * events), in one statement, so a client login makes one round trip for all its writes.
   */
  async create(m: EntityManager, s: NewSession, alongside: Write[] = []): Promise<{ sessionId: string; token: string }> {
    const ttl = this.config.clientTokenTtlSeconds;
    // Made here rather than by the column default, so the event can name it in the same statement.
    const id = randomUUID();
    await runWrites(m, [
      ...alongside,
      this.sessions.insertWrite({
        id,
        appId: s.appId,
        userId: s.userId ?? null,
        licenseId: s.licenseId ?? null,
        ip: s.ip,
        hwid: s.hwid ?? null,
        expiresAt: new Date(Date.now() + ttl * 1000),
      }),
      ...this.events.writes(s.appId, 'session.create', {
        sessionId: toPublicId('session', id),
        userId: s.userId ? toPublicId('user', s.userId) : undefined,
        licenseId: s.licenseId ? toPublicId('license', s.licenseId) : undefined,
        ip: s.ip,
        hwid: s.hwid ?? null,
        country: countryOfIp(s.ip),
      }),
    ]);
    const token = this.tokens.sign('client', id, { app: s.appId, expiresInSeconds: ttl });
    return { sessionId: id, token };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
  }

  /** Ends every open session of a user or a license (ban, password change). */
  async revokeFor(m: EntityManager, owner: { userId?: string; licenseId?: string }): Promise<void> {
    // Never an empty condition: that would end every session of every app.
    const whose = owner.userId ? { userId: owner.userId } : owner.licenseId ? { licenseId: owner.licenseId } : null;
    if (!whose) throw new Error('revokeFor needs a userId or a licenseId');
    await this.sessions.revokeAllOf(whose, m);
  }

  /** Ends every open session of these users and of these licenses (a bulk ban), in the caller's transaction. */
  revokeForMany(m: EntityManager, owners: { userIds?: string[]; licenseIds?: string[] }): Promise<void> {
    return this.sessions.revokeAllOfMany(owners, m);
  }

  /** The seller's view of a user's sessions (user detail page): the latest `limit`. */
  listOfUser(userId: string, limit = 100): Promise<SessionEntity[]> {
    return this.sessions.listOfUser(userId, limit);
  }

  /** "End session" from the seller: the token stops working at its next call. */
  revokeOfUser(userId: string, sessionId: string): Promise<boolean> {
    return this.sessions.revokeOfUser(userId, sessionId);
  }
}
