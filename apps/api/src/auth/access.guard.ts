import { CanActivate, ExecutionContext, Inject, Injectable, type Type } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { SECRET_PREFIX } from '@keyhold/contracts';
import { DomainError } from '../common/errors/domain-error';
import { Access, ACCESS_KEY, INTEGRATION_KEY } from '../common/decorators/access.decorators';
import { toPublicId } from '../common/ids';
import { bearerTokenOf } from '../common/bearer-token';
import { CLIENT_AUTHENTICATOR, INTEGRATION_KEYS } from '../common/request';
import type {
  ClientAuthenticator,
  IntegrationKeys,
  IntegrationPrincipal,
  KeyholdRequest,
  Principal,
  RecordApps,
  ResellerPrincipal,
  SellerPrincipal,
} from '../common/request';
import { ResellersRepository } from '../resellers/resellers.repository';
import { AccountSessionsService, AccountToken } from '../tokens/account-sessions.service';

/**
 * Deny by default: a route without an access declaration is refused. Each principal has its own
 * check, and a token of one principal never passes another's (JWT audiences differ). The one
 * authentication path: the principal it finds is set on the request once (`req.principal`), and
 * the parameter decorators read only that.
 *
 * Every token failure (none, malformed, forged, expired, another audience, its session ended, its
 * principal gone) answers the same 401 UNAUTHORIZED.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: AccountSessionsService,
    private readonly resellers: ResellersRepository,
    @Inject(CLIENT_AUTHENTICATOR) private readonly clients: ClientAuthenticator,
    @Inject(INTEGRATION_KEYS) private readonly integrationKeys: IntegrationKeys,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access === 'public') return true;
    const req = context.switchToHttp().getRequest<KeyholdRequest>();
    req.principal = await this.authenticate(access, req, context);
    return true;
  }

  private authenticate(access: Access | undefined, req: KeyholdRequest, context: ExecutionContext): Promise<Principal> {
    switch (access) {
      case 'seller': {
        const bearer = bearerTokenOf(req);
        if (bearer?.startsWith(`${SECRET_PREFIX.appSecret}_`)) {
          const records = this.reflector.getAllAndOverride<Type<RecordApps> | undefined>(INTEGRATION_KEY, [
            context.getHandler(),
            context.getClass(),
          ]);
          return this.integration(req, bearer, records);
        }
        return this.seller(req);
      }
      case 'reseller':
        return this.reseller(req);
      case 'client':
      case 'client-session':
        return this.clients.authenticate(req, access === 'client-session');
      default:
        throw new DomainError('FORBIDDEN', 'This route declares no access and is closed');
    }
  }

  /**
   * A seller token whose session is live: logout, a password change and deleting the seller (its
   * sessions go by cascade) end it.
   */
  private async seller(req: KeyholdRequest): Promise<SellerPrincipal> {
    const token = this.decode('seller', req);
    if (!(await this.sessions.isLive('seller', token))) throw new DomainError('UNAUTHORIZED');
    return { kind: 'seller', sellerId: token.ownerId, sessionId: token.sessionId };
  }

  /**
   * A store integration key, on a route that accepts one, for a record of its own app: the app
   * whose secret hashes to it (a rotation ends the old secret at once: nothing is cached). Another
   * app's record (by the route's `:id`), another app named by `appId`, a route that names no app,
   * and every route without @StoreIntegration answer 401, as an unknown key does.
   */
  private async integration(req: KeyholdRequest, secret: string, records: Type<RecordApps> | undefined): Promise<IntegrationPrincipal> {
    if (!records)
      throw new DomainError('UNAUTHORIZED', 'A store integration key opens only the licenses, users, blacklist and files of its app');
    const key = await this.integrationKeys.authenticate(secret);
    if (!key) throw new DomainError('UNAUTHORIZED');
    const outside = () => new DomainError('UNAUTHORIZED', 'This store integration key belongs to another app');
    const id = (req.params as Record<string, unknown> | undefined)?.id;
    if (typeof id === 'string') {
      // A record the seller does not have is left to the route (404), as for the seller.
      const appId = await this.moduleRef.get(records, { strict: false }).appOfRecord(key.sellerId, id);
      if (appId !== null && appId !== key.appId) throw outside();
    } else {
      // Every appId the request carries must be the key's: a route reads one of them (a list its
      // query's, a bulk action its body's), so a second one naming another app must not slip by.
      const named = [(req.query as Record<string, unknown> | undefined)?.appId, (req.body as Record<string, unknown> | undefined)?.appId];
      const given = named.filter((v) => v !== undefined);
      if (given.length === 0 || given.some((v) => v !== toPublicId('app', key.appId))) throw outside();
    }
    return { kind: 'integration', ...key };
  }

  /**
   * A reseller token from /v1/reseller/auth/login. The reseller is loaded on every request, so a
   * suspension answers 403 RESELLER_SUSPENDED at once; a password change, a suspension and logout
   * end its sessions, so such a token answers 401 ever after. The status is checked before the
   * session: a suspended reseller's old token says "suspended", as the contract wants.
   */
  private async reseller(req: KeyholdRequest): Promise<ResellerPrincipal> {
    const token = this.decode('reseller', req);
    const reseller = await this.resellers.findForToken(token.ownerId);
    if (!reseller) throw new DomainError('UNAUTHORIZED');
    if (reseller.status !== 'ACTIVE') throw new DomainError('RESELLER_SUSPENDED');
    if (!(await this.sessions.isLive('reseller', token))) throw new DomainError('UNAUTHORIZED');
    return { kind: 'reseller', resellerId: reseller.id, sellerId: reseller.sellerId, sessionId: token.sessionId };
  }

  /** What the request's bearer token of this audience names, if its signature holds; else 401. */
  private decode(audience: 'seller' | 'reseller', req: KeyholdRequest): AccountToken {
    const bearer = bearerTokenOf(req);
    const token = bearer ? this.sessions.decode(audience, bearer) : null;
    if (!token) throw new DomainError('UNAUTHORIZED');
    return token;
  }
}
