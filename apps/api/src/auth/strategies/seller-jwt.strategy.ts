import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import { Strategy } from 'passport-jwt';
import { Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/inject-config';
import type { SellerPrincipal } from '../../common/request';
import { SellerEntity } from '../seller.entity';
import type { TokenPayload } from '../../tokens/tokens.service';
import { jwtOptions } from './jwt-strategy.factory';

@Injectable()
export class SellerJwtStrategy extends PassportStrategy(Strategy, 'seller-jwt') {
  constructor(
    @InjectConfig() config: AppConfig,
    @InjectRepository(SellerEntity) private readonly sellers: Repository<SellerEntity>,
  ) {
    super(jwtOptions(config, 'seller'));
  }

  /** A token of a deleted seller stops working. Returning null makes passport answer 401. */
  async validate(payload: TokenPayload): Promise<SellerPrincipal | null> {
    const exists = await this.sellers.exists({ where: { id: payload.sub } });
    return exists ? { kind: 'seller', sellerId: payload.sub } : null;
  }
}
