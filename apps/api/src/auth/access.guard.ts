import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../common/errors/domain-error';
import { Access, ACCESS_KEY } from '../common/decorators/access.decorators';
import type { KeyholdRequest, Principal } from '../common/request';
import { ClientAuthService } from './client-auth.service';

const SellerJwtGuard = AuthGuard('seller-jwt');
const ResellerJwtGuard = AuthGuard('reseller-jwt');

/**
 * Deny by default: a route without an access declaration is refused. Each principal has its own
 * check, and a token of one principal never passes another's (JWT audiences differ).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly seller = new SellerJwtGuard();
  private readonly reseller = new ResellerJwtGuard();

  constructor(
    private readonly reflector: Reflector,
    private readonly clientAuth: ClientAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<KeyholdRequest>();
    switch (access) {
      case 'public':
        return true;
      case 'seller':
        await this.seller.canActivate(context);
        req.principal = req.user as Principal;
        return true;
      case 'reseller':
        await this.reseller.canActivate(context);
        req.principal = req.user as Principal;
        return true;
      case 'client':
      case 'client-session':
        req.principal = await this.clientAuth.authenticate(context, access === 'client-session');
        return true;
      default:
        throw new DomainError('FORBIDDEN', 'This route declares no access and is closed');
    }
  }
}
