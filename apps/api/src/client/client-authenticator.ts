import { Injectable } from '@nestjs/common';
import { AppLookup } from '../apps/app-lookup';
import { DomainError } from '../common/errors/domain-error';
import { bearerTokenOf } from '../common/bearer-token';
import type { ClientAuthenticator, ClientPrincipal, KeyholdRequest } from '../common/request';
import { isPast } from '../common/dates';
import { TokensService } from '../tokens/tokens.service';
import { ClientSessionsRepository, SessionWithOwner } from './client-sessions.repository';

/** A live session whose user or license may still use it, both as they were loaded then. */
export type ActiveSession = SessionWithOwner;

declare module '../common/request' {
  /** The client principal carries the session as the authenticator loaded it (see common/request.ts). */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- its members are ActiveSession's
  interface ClientSession extends ActiveSession {}
}

/**
 * Resolves end-user software: the app behind X-Api-Key, then (on session routes) its client token
 * and session. The AccessGuard (auth/) reaches it through CLIENT_AUTHENTICATOR, bound in
 * ClientModule, so auth/ imports no domain that authenticates clients; they meet in AppModule.
 */
@Injectable()
export class ClientAuthService implements ClientAuthenticator {
  constructor(
    private readonly apps: AppLookup,
    private readonly tokens: TokensService,
    private readonly sessions: ClientSessionsRepository,
  ) {}

  async authenticate(req: KeyholdRequest, withSession: boolean): Promise<ClientPrincipal> {
    const apiKey = req.header('x-api-key');
    if (!apiKey || apiKey.length > 64) throw new DomainError('INVALID_KEY');
    const app = await this.apps.byApiKey(req, apiKey);
    if (!app) throw new DomainError('INVALID_KEY');
    if (app.status !== 'ACTIVE') throw new DomainError('APP_DISABLED');
    const principal: ClientPrincipal = {
      kind: 'client',
      appId: app.id,
      sellerId: app.sellerId,
      app: {
        id: app.id,
        name: app.name,
        version: app.version,
        enforceVersion: app.enforceVersion,
        hwidLock: app.hwidLock,
        registrationEnabled: app.registrationEnabled,
      },
    };
    if (withSession) principal.session = await this.session(req, app.id);
    return principal;
  }

  /**
   * The client token's session: the token must be a genuine client token of this very app (a
   * token of another app's session is refused even with a valid signature), and its session must
   * still be active (not revoked or expired, its user or license not banned or expired).
   */
  private async session(req: KeyholdRequest, appId: string): Promise<ActiveSession> {
    const token = bearerTokenOf(req);
    const payload = token ? this.tokens.verify('client', token) : null;
    if (!payload || payload.app !== appId) throw new DomainError('UNAUTHORIZED');
    const live = await this.sessions.findUnrevokedWithOwner(payload.sub, appId);
    if (!live || isPast(live.session.expiresAt)) throw new DomainError('UNAUTHORIZED');
    // Checked on every call, so a ban or an expiry ends the sessions at once.
    const { session, user, license } = live;
    if (session.userId && (!user || user.banned || isPast(user.expiresAt))) throw new DomainError('UNAUTHORIZED');
    if (session.licenseId && (!license || license.banned || isPast(license.expiresAt))) throw new DomainError('UNAUTHORIZED');
    return { session, user, license };
  }
}
