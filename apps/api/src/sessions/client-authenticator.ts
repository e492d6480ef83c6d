import { Injectable } from '@nestjs/common';
import { AppsRepository } from '../apps/apps.repository';
import { DomainError } from '../common/errors/domain-error';
import { bearerTokenOf } from '../common/bearer-token';
import type { ClientAuthenticator, ClientPrincipal, KeyholdRequest } from '../common/request';
import { TokensService } from '../tokens/tokens.service';
import { ActiveSession, SessionsService } from './sessions.service';

/**
 * Resolves end-user software: the app behind X-Api-Key, then (on session routes) its client token
 * and session. The AccessGuard (auth/) reaches it through CLIENT_AUTHENTICATOR, bound in
 * SessionsModule, so neither auth/ nor sessions/ imports the other; they meet in AppModule.
 */
@Injectable()
export class ClientAuthService implements ClientAuthenticator {
  constructor(
    private readonly apps: AppsRepository,
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
  ) {}

  async authenticate(req: KeyholdRequest, withSession: boolean): Promise<ClientPrincipal> {
    const apiKey = req.header('x-api-key');
    if (!apiKey || apiKey.length > 64) throw new DomainError('INVALID_KEY');
    const app = await this.apps.findByApiKey(apiKey);
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
    const active = await this.sessions.findActive(payload.sub, appId);
    if (!active) throw new DomainError('UNAUTHORIZED');
    return active;
  }
}
