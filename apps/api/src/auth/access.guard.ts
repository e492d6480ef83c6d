import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/errors/domain-error';
import { Access, ACCESS_KEY } from '../common/decorators/access.decorators';
import { bearerTokenOf } from '../common/bearer-token';
import { CLIENT_AUTHENTICATOR } from '../common/request';
import type { ClientAuthenticator, KeyholdRequest, Principal, ResellerPrincipal, SellerPrincipal } from '../common/request';
import { ResellersRepository } from '../resellers/resellers.repository';
import { TokenPayload, TokensService } from '../tokens/tokens.service';
import { SellersRepository } from './sellers.repository';

/**
 * Deny by default: a route without an access declaration is refused. Each principal has its own
 * check, and a token of one principal never passes another's (JWT audiences differ). The one
 * authentication path: the principal it finds is set on the request once (`req.principal`), and
 * the parameter decorators read only that.
 *
 * Every token failure (none, malformed, forged, expired, another audience, its principal gone)
 * answers the same 401 UNAUTHORIZED.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly sellers: SellersRepository,
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

  /** A seller token; a deleted seller's token stops working. */
  private async seller(req: KeyholdRequest): Promise<SellerPrincipal> {
    const payload = this.verify('seller', req);
    if (!(await this.sellers.exists(payload.sub))) throw new DomainError('UNAUTHORIZED');
    return { kind: 'seller', sellerId: payload.sub };
  }

  /**
   * A reseller token from /v1/reseller/auth/login. The reseller is loaded on every request, so a
   * suspension answers 403 RESELLER_SUSPENDED at once, and a deleted reseller's token, or one issued
   * before a password change, stops working (401).
   */
  private async reseller(req: KeyholdRequest): Promise<ResellerPrincipal> {
    const payload = this.verify('reseller', req);
    const reseller = await this.resellers.findForToken(payload.sub);
    if (!reseller) throw new DomainError('UNAUTHORIZED');
    if (typeof payload.iat !== 'number' || payload.iat * 1000 < reseller.credentialsChangedAt.getTime()) {
      throw new DomainError('UNAUTHORIZED');
    }
    if (reseller.status !== 'ACTIVE') throw new DomainError('RESELLER_SUSPENDED');
    return { kind: 'reseller', resellerId: reseller.id, sellerId: reseller.sellerId };
  }

  /** The verified payload of the request's bearer token of this audience, or 401. */
  private verify(audience: 'seller' | 'reseller', req: KeyholdRequest): TokenPayload {
    const token = bearerTokenOf(req);
    const payload = token ? this.tokens.verify(audience, token) : null;
    if (!payload) throw new DomainError('UNAUTHORIZED');
    return payload;
  }
}
