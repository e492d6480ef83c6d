import { Injectable } from '@nestjs/common';
import { OFFLINE_LICENSE_TYPE } from '@keyhold/contracts';
import type { OfflineLicenseClaims, OfflineLicenseResponse } from '@keyhold/contracts';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { AppsRepository } from '../apps/apps.repository';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import type { ClientPrincipal } from '../common/request';
import { SigningKeysService } from './signing-keys.service';

/**
 * Offline licenses: what the software may trust for a while without reaching the server, as an
 * RFC 7515 compact JWS (EdDSA, RFC 8037) signed with the app's active key, so any JOSE library
 * verifies it against the app's JWK Set. It never outlives the license (or user) it stands for.
 */
@Injectable()
export class OfflineLicensesService {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly apps: AppsRepository,
  ) {}

  async issue(principal: ClientPrincipal): Promise<OfflineLicenseResponse> {
    if (!principal.session) throw new DomainError('UNAUTHORIZED', 'Session expired or ended');
    // The principal's app is what the guard loaded; the offline settings are read fresh.
    const app = await this.apps.findById(principal.appId);
    if (!app?.offlineEnabled) throw new DomainError('FORBIDDEN', 'Offline licenses are off for this app');
    const { user, license } = principal.session;
    const holder = user ?? license;
    if (!holder) throw new DomainError('UNAUTHORIZED', 'Session expired or ended');

    const iat = Math.floor(Date.now() / 1000);
    const until = holder.expiresAt ? Math.floor(holder.expiresAt.getTime() / 1000) : Infinity;
    const exp = Math.min(iat + app.offlineTtlHours * 3600, until);
    const claims: OfflineLicenseClaims = {
      iss: toPublicId('app', app.id),
      sub: user ? toPublicId('user', user.id) : toPublicId('license', license!.id),
      hwid: holder.hwid,
      subscription: holder.subscription,
      licenseExpiresAt: holder.expiresAt ? holder.expiresAt.toISOString() : null,
      iat,
      nbf: iat,
      exp,
      jti: randomUUID(),
    };
    const signer = await this.keys.signerFor(app.id);
    const jws = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: OFFLINE_LICENSE_TYPE })
      .sign(signer.privateKey);
    return { license: jws, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
