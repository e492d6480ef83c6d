import { Injectable } from '@nestjs/common';
import type { ResellerAuthResponse, ResellerProfile } from '@keyhold/contracts';
import { DomainError } from '../common/errors/domain-error';
import { fromPublicId } from '../common/ids';
import { PasswordsService } from '../common/passwords.service';
import type { ResellerPrincipal } from '../common/request';
import { TokensService } from '../tokens/tokens.service';
import { ResellerLoginDto } from './dto/reseller-portal.dto';
import { ResellerEntity } from './reseller.entity';
import { ResellersRepository } from './resellers.repository';
import { ResellersService, toResellerProfile } from './resellers.service';

/** More accounts than this under one username (across sellers) must sign in with sellerId. */
const MAX_CANDIDATES = 5;

/**
 * Reseller sign-in. Usernames are unique per seller, and a reseller signs in as on KeyAuth's
 * reseller panel, with username and password alone: the password picks the account among the
 * sellers' resellers of that name. `sellerId` narrows it to one seller, and is needed only when two
 * accounts share both username and password (or one name is used by very many sellers).
 */
@Injectable()
export class ResellerAuthService {
  constructor(
    private readonly resellers: ResellersRepository,
    private readonly passwords: PasswordsService,
    private readonly tokens: TokensService,
    private readonly manage: ResellersService,
  ) {}

  async login(dto: ResellerLoginDto): Promise<ResellerAuthResponse> {
    const sellerId = dto.sellerId === undefined ? undefined : fromPublicId('seller', dto.sellerId);
    // A malformed sellerId finds nobody (sellerId null matches no row), and answers like a wrong password.
    const candidates = sellerId === null ? [] : await this.resellers.loginCandidates(dto.username, sellerId, MAX_CANDIDATES + 1);
    if (candidates.length > MAX_CANDIDATES) {
      throw new DomainError('INVALID_CREDENTIALS', 'Username or password is incorrect (sign in with sellerId)');
    }
    const matches: ResellerEntity[] = [];
    if (candidates.length === 0) await this.passwords.verify(dto.password, undefined); // the same cost as a wrong password
    for (const c of candidates) if (await this.passwords.verify(dto.password, c.passwordHash)) matches.push(c);
    if (matches.length === 0) throw new DomainError('INVALID_CREDENTIALS');
    if (matches.length > 1) {
      throw new DomainError('INVALID_CREDENTIALS', 'Several reseller accounts match: sign in with sellerId');
    }
    const reseller = matches[0];
    if (reseller.status === 'SUSPENDED') throw new DomainError('RESELLER_SUSPENDED');
    return { token: this.tokens.sign('reseller', reseller.id), reseller: await this.profileOf(reseller) };
  }

  async me(principal: ResellerPrincipal): Promise<ResellerProfile> {
    const reseller = await this.resellers.findById(principal.resellerId);
    if (!reseller) throw new DomainError('UNAUTHORIZED');
    return this.profileOf(reseller);
  }

  private async profileOf(r: ResellerEntity): Promise<ResellerProfile> {
    return toResellerProfile(r, (await this.manage.allowances([r.id])).get(r.id)!);
  }
}
