import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SellerAuthResponse, SellerResponse } from '@keyhold/contracts';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../common/errors/db-errors';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import { PasswordsService } from '../common/passwords.service';
import { LoginSellerDto, RegisterSellerDto } from './dto/register-seller.dto';
import { SellerEntity } from './seller.entity';
import { TokensService } from '../tokens/tokens.service';

export function toSellerResponse(s: SellerEntity): SellerResponse {
  return { id: toPublicId('seller', s.id), email: s.email, name: s.name, createdAt: s.createdAt.toISOString() };
}

@Injectable()
export class SellersService {
  constructor(
    @InjectRepository(SellerEntity) private readonly sellers: Repository<SellerEntity>,
    private readonly passwords: PasswordsService,
    private readonly tokens: TokensService,
  ) {}

  async register(dto: RegisterSellerDto): Promise<SellerAuthResponse> {
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      const seller = await this.sellers.save(this.sellers.create({ email: dto.email, name: dto.name.trim(), passwordHash }));
      return { token: this.tokens.sign('seller', seller.id), seller: toSellerResponse(seller) };
    } catch (e) {
      if (isUniqueViolation(e, 'uq_sellers_email')) throw new DomainError('EMAIL_TAKEN');
      throw e;
    }
  }

  async login(dto: LoginSellerDto): Promise<SellerAuthResponse> {
    const seller = await this.sellers.findOne({
      where: { email: dto.email },
      select: { id: true, email: true, name: true, createdAt: true, passwordHash: true },
    });
    // Same answer and same bcrypt cost for an unknown email and a wrong password.
    const ok = await this.passwords.verify(dto.password, seller?.passwordHash);
    if (!seller || !ok) throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    return { token: this.tokens.sign('seller', seller.id), seller: toSellerResponse(seller) };
  }

  async me(sellerId: string): Promise<SellerResponse> {
    const seller = await this.sellers.findOne({ where: { id: sellerId } });
    if (!seller) throw new DomainError('UNAUTHORIZED');
    return toSellerResponse(seller);
  }
}
