import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import { Strategy } from 'passport-jwt';
import { Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/inject-config';
import { DomainError } from '../../common/errors/domain-error';
import type { ResellerPrincipal } from '../../common/request';
import { ResellerEntity } from '../../resellers/reseller.entity';
import type { TokenPayload } from '../../tokens/tokens.service';
import { jwtOptions } from './jwt-strategy.factory';

/**
 * The reseller token from /v1/reseller/auth/login. The reseller is loaded on every request, so a
 * suspension answers 403 RESELLER_SUSPENDED at once, and a deleted reseller's token, or one issued
 * before a password change, stops working (401).
 */
@Injectable()
export class ResellerJwtStrategy extends PassportStrategy(Strategy, 'reseller-jwt') {
  constructor(
    @InjectConfig() config: AppConfig,
    @InjectRepository(ResellerEntity) private readonly resellers: Repository<ResellerEntity>,
  ) {
    super(jwtOptions(config, 'reseller'));
  }

  async validate(payload: TokenPayload & { iat?: number }): Promise<ResellerPrincipal | null> {
    const reseller = await this.resellers.findOne({
      where: { id: payload.sub },
      select: { id: true, sellerId: true, status: true, credentialsChangedAt: true },
    });
    if (!reseller) return null;
    if (typeof payload.iat !== 'number' || payload.iat * 1000 < reseller.credentialsChangedAt.getTime()) return null;
    if (reseller.status !== 'ACTIVE') throw new DomainError('RESELLER_SUSPENDED');
    return { kind: 'reseller', resellerId: reseller.id, sellerId: reseller.sellerId };
  }
}
