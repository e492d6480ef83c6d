import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ResellerAuthResponse, ResellerProfile } from '@keyhold/contracts';
import { DomainError } from '../common/errors/domain-error';
import { fromPublicId } from '../common/ids';
import { PasswordsService } from '../common/passwords.service';
import type { SignInOrigin } from '../common/decorators/principal.decorators';
import type { ResellerPrincipal } from '../common/request';
import { AccountSessionsService } from '../tokens/account-sessions.service';
import { ResellerLoginDto } from './dto/reseller-portal.dto';
import { ResellerEntity } from './reseller.entity';
import { ResellersRepository } from './resellers.repository';
import { ResellersService, toResellerProfile } from './resellers.service';

/**
 * Reseller sign-in. Usernames are unique per seller, so a reseller signs in to one seller's portal
 * (`sellerId`, carried by the portal link the seller hands out): another seller's resellers of the
 * same name can neither lock the account out nor reveal that it exists.
 */
@Injectable()
export class ResellerAuthService {
  constructor(
    private readonly resellers: ResellersRepository,
    private readonly passwords: PasswordsService,
    private readonly sessions: AccountSessionsService,
    private readonly manage: ResellersService,
    private readonly dataSource: DataSource,
  ) {}

  async login(dto: ResellerLoginDto, from: SignInOrigin): Promise<ResellerAuthResponse> {
    // A malformed sellerId finds nobody, and answers as a wrong password does, at the same cost.
    const sellerId = fromPublicId('seller', dto.sellerId);
    const reseller = sellerId ? await this.resellers.findForLogin(sellerId, dto.username) : null;
    const ok = await this.passwords.verify(dto.password, reseller?.passwordHash);
    if (!reseller || !ok) throw new DomainError('INVALID_CREDENTIALS');
    if (reseller.status === 'SUSPENDED') throw new DomainError('RESELLER_SUSPENDED');
    const token = await this.dataSource.transaction(async (m) => {
      // Password and status may have changed while bcrypt ran: decide on the row as it is now, locked.
      const now = await this.resellers.lockForSignIn(reseller.id, reseller.passwordHash, m);
      if (!now?.samePassword) throw new DomainError('INVALID_CREDENTIALS');
      if (now.status !== 'ACTIVE') throw new DomainError('RESELLER_SUSPENDED');
      return this.sessions.open({ kind: 'reseller', id: reseller.id }, from, m);
    });
    return { token, reseller: await this.profileOf(reseller) };
  }

  /** Ends the session of the token used, or with `everywhere` every session of the reseller. */
  logout(principal: ResellerPrincipal, everywhere = false): Promise<number> {
    const owner = { kind: 'reseller', id: principal.resellerId } as const;
    return everywhere ? this.sessions.endAll(owner) : this.sessions.end(owner, principal.sessionId);
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
