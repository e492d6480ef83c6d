import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import type { SellerAuthResponse, SellerResponse } from '@keyhold/contracts';
import { isUniqueViolation } from '../common/errors/db-errors';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import { PasswordsService } from '../common/passwords.service';
import { LoginSellerDto, RegisterSellerDto } from './dto/register-seller.dto';
import { SellerEntity } from './seller.entity';
import { SellersRepository } from './sellers.repository';
import { TokensService } from '../tokens/tokens.service';

export function toSellerResponse(s: SellerEntity): SellerResponse {
  return { id: toPublicId('seller', s.id), email: s.email, name: s.name, createdAt: s.createdAt.toISOString() };
}

const FIRST_ONLY = 'Sign-up is closed: this server already has its seller account';

@Injectable()
export class SellersService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly passwords: PasswordsService,
    private readonly tokens: TokensService,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * A new seller account, as SELLER_SIGNUP allows: `open` always, `closed` never (403
   * SIGNUP_CLOSED), `first` only while no seller exists, so the self-hoster makes the first account
   * and nobody else can add one on a public instance.
   */
  async register(dto: RegisterSellerDto): Promise<SellerAuthResponse> {
    const policy = this.config.sellerSignup;
    if (policy === 'closed') throw new DomainError('SIGNUP_CLOSED', 'Sign-up is closed on this server');
    if (policy === 'first' && (await this.sellers.any())) throw new DomainError('SIGNUP_CLOSED', FIRST_ONLY);
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      const seller = await this.dataSource.transaction(async (m) => {
        if (policy === 'first') {
          await this.sellers.lockSignups(m);
          if (await this.sellers.any(m)) throw new DomainError('SIGNUP_CLOSED', FIRST_ONLY);
        }
        return this.sellers.insert({ email: dto.email, name: dto.name.trim(), passwordHash }, m);
      });
      return { token: this.tokens.sign('seller', seller.id), seller: toSellerResponse(seller) };
    } catch (e) {
      if (isUniqueViolation(e, 'uq_sellers_email')) throw new DomainError('EMAIL_TAKEN');
      throw e;
    }
  }

  async login(dto: LoginSellerDto): Promise<SellerAuthResponse> {
    const seller = await this.sellers.findForLogin(dto.email);
    // Same answer and same bcrypt cost for an unknown email and a wrong password.
    const ok = await this.passwords.verify(dto.password, seller?.passwordHash);
    if (!seller || !ok) throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    return { token: this.tokens.sign('seller', seller.id), seller: toSellerResponse(seller) };
  }

  async me(sellerId: string): Promise<SellerResponse> {
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw new DomainError('UNAUTHORIZED');
    return toSellerResponse(seller);
  }
}
