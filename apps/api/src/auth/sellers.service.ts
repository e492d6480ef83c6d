import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import type { ChangePasswordResponse, SellerAuthResponse, SellerResponse } from '@keyhold/contracts';
import { isUniqueViolation } from '../common/errors/db-errors';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import { PasswordsService } from '../common/passwords.service';
import type { SignInOrigin } from '../common/decorators/principal.decorators';
import type { SellerPrincipal } from '../common/request';
import { AccountSessionsService } from '../tokens/account-sessions.service';
import { ChangePasswordDto, LoginSellerDto, RegisterSellerDto } from './dto/register-seller.dto';
import { SellerEntity } from './seller.entity';
import { SellersRepository } from './sellers.repository';
import { TwoFactorService } from './two-factor.service';

export function toSellerResponse(s: SellerEntity): SellerResponse {
  return {
    id: toPublicId('seller', s.id),
    email: s.email,
    name: s.name,
    twoFactorEnabled: Boolean(s.totpEnabledAt),
    createdAt: s.createdAt.toISOString(),
  };
}

const FIRST_ONLY = 'Sign-up is closed: this server already has its seller account';

@Injectable()
export class SellersService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly passwords: PasswordsService,
    private readonly sessions: AccountSessionsService,
    private readonly twoFactor: TwoFactorService,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Whether a sign-up would be taken now. */
  async signupOpen(): Promise<boolean> {
    const policy = this.config.sellerSignup;
    return policy === 'open' || (policy === 'first' && !(await this.sellers.any()));
  }

  /**
   * A new seller account, as SELLER_SIGNUP allows: `open` always, `closed` never (403
   * SIGNUP_CLOSED), `first` only while no seller exists, so the self-hoster makes the first account
   * and nobody else can add one on a public instance.
   */
  async register(dto: RegisterSellerDto, from: SignInOrigin): Promise<SellerAuthResponse> {
    const policy = this.config.sellerSignup;
    if (policy === 'closed') throw new DomainError('SIGNUP_CLOSED', 'Sign-up is closed on this server');
    if (policy === 'first' && (await this.sellers.any())) throw new DomainError('SIGNUP_CLOSED', FIRST_ONLY);
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      return await this.dataSource.transaction(async (m) => {
        if (policy === 'first') {
          await this.sellers.lockSignups(m);
          if (await this.sellers.any(m)) throw new DomainError('SIGNUP_CLOSED', FIRST_ONLY);
        }
        const seller = await this.sellers.insert({ email: dto.email, name: dto.name.trim(), passwordHash }, m);
        const token = await this.sessions.open({ kind: 'seller', id: seller.id }, from, m);
        return { token, seller: toSellerResponse(seller) };
      });
    } catch (e) {
      if (isUniqueViolation(e, 'uq_sellers_email')) throw new DomainError('EMAIL_TAKEN');
      throw e;
    }
  }

  /** Email and password, then the two-factor code when the seller has it on. */
  async login(dto: LoginSellerDto, from: SignInOrigin): Promise<SellerAuthResponse> {
    const seller = await this.sellers.findForLogin(dto.email);
    // Same answer and same bcrypt cost for an unknown email and a wrong password.
    const ok = await this.passwords.verify(dto.password, seller?.passwordHash);
    if (!seller || !ok) throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    if (seller.totpEnabledAt) await this.twoFactor.verify(seller.id, dto.code);
    const token = await this.dataSource.transaction(async (m) => {
      // The password may have changed while bcrypt ran: a session is opened only for the one checked.
      if (!(await this.sellers.lockForSignIn(seller.id, seller.passwordHash, m))) {
        throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
      }
      return this.sessions.open({ kind: 'seller', id: seller.id }, from, m);
    });
    return { token, seller: toSellerResponse(seller) };
  }

  /** Ends the session of the token used, or with `everywhere` every session of the seller. */
  logout(principal: SellerPrincipal, everywhere = false): Promise<number> {
    const owner = { kind: 'seller', id: principal.sellerId } as const;
    return everywhere ? this.sessions.endAll(owner) : this.sessions.end(owner, principal.sessionId);
  }

  /**
   * A new password after the current one is confirmed; every other session ends in the same
   * transaction, so no token but the caller's outlives the change.
   */
  async changePassword(principal: SellerPrincipal, dto: ChangePasswordDto): Promise<ChangePasswordResponse> {
    const current = await this.sellers.passwordHashOf(principal.sellerId);
    if (!(await this.passwords.verify(dto.currentPassword, current))) {
      throw new DomainError('INVALID_CREDENTIALS', 'The current password is incorrect');
    }
    const passwordHash = await this.passwords.hash(dto.newPassword);
    const sessionsEnded = await this.dataSource.transaction(async (m) => {
      await this.sellers.updatePassword(principal.sellerId, passwordHash, m);
      return this.sessions.endAll({ kind: 'seller', id: principal.sellerId }, { except: principal.sessionId }, m);
    });
    return { seller: await this.me(principal.sellerId), sessionsEnded };
  }

  async me(sellerId: string): Promise<SellerResponse> {
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw new DomainError('UNAUTHORIZED');
    return toSellerResponse(seller);
  }
}
