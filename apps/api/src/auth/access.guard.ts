import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/errors/domain-error';
import { Access, ACCESS_KEY } from '../common/decorators/access.decorators';
import { bearerTokenOf } from '../common/bearer-token';
import { CLIENT_AUTHENTICATOR } from '../common/request';
import type { ClientAuthenticator, KeyholdRequest, Principal, ResellerPrincipal, SellerPrincipal } from '../common/request';
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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access === 'public') return true;
    const req = context.switchToHttp().getRequest<KeyholdRequest>();
    req.principal = await this.authenticate(access, req);
    return true;
  }

  private authenticate(access: Access | undefined, req: KeyholdRequest): Promise<Principal> {
    switch (access) {
      case 'seller':
        return this.seller(req);
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
