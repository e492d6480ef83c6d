import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { AccountOwner, AccountSessionsRepository } from './account-sessions.repository';
import { TokensService } from './tokens.service';

export type { AccountOwner } from './account-sessions.repository';

/** A verified seller or reseller token whose session is live. */
export interface AccountToken {
  ownerId: string;
  sessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Seller and reseller sign-in sessions. A token is a signed JWT naming its session row (`jti`);
 * it works while the signature, its expiry and the row all hold. Ending a session deletes its row,
 * so the token is dead at once on every process, with no clock comparison involved.
 */
@Injectable()
export class AccountSessionsService {
  constructor(
    private readonly sessions: AccountSessionsRepository,
    private readonly tokens: TokensService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** A new session for the owner, and its token. */
  async open(owner: AccountOwner, meta: { ip: string; userAgent?: string }, m?: EntityManager): Promise<string> {
    const ttl = this.config.sellerTokenTtlSeconds;
    const session = await this.sessions.insert(
      owner,
      {
        ip: meta.ip.slice(0, 64),
        userAgent: meta.userAgent?.slice(0, 256) ?? null,
        expiresAt: new Date(Date.now() + ttl * 1000),
      },
      m,
    );
    return this.tokens.sign(owner.kind, owner.id, { jti: session.id, expiresInSeconds: ttl });
  }

  /**
   * The owner and session a genuine, unexpired token of this kind names, else null. The signature
   * only: whether the session still lives is `isLive`, asked right after.
   */
  decode(kind: AccountOwner['kind'], token: string): AccountToken | null {
    const payload = this.tokens.verify(kind, token);
    // Tokens from before sessions existed name none: they are void.
    if (!payload || typeof payload.jti !== 'string' || !UUID.test(payload.jti)) return null;
    return { ownerId: payload.sub, sessionId: payload.jti };
  }

  /** Whether the token's session was not ended and has not expired. */
  isLive(kind: AccountOwner['kind'], token: AccountToken): Promise<boolean> {
    return this.sessions.isLive(token.sessionId, { kind, id: token.ownerId });
  }

  /** Ends one session of the owner (logout). */
  end(owner: AccountOwner, sessionId: string): Promise<number> {
    return this.sessions.deleteAllOf(owner, { only: sessionId });
  }

  /** Ends every session of the owner, or every one but `except` (a password change keeps the caller's). */
  endAll(owner: AccountOwner, options: { except?: string } = {}, m?: EntityManager): Promise<number> {
    return this.sessions.deleteAllOf(owner, options, m);
  }
}
