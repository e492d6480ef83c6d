import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import { DomainError } from '../common/errors/domain-error';
import type { ClientPrincipal, KeyholdRequest } from '../common/request';
import type { ActiveSession } from '../sessions/sessions.service';

const ClientJwtGuard = AuthGuard('client-jwt');

/** Resolves end-user software: the app behind X-Api-Key, then (on session routes) its client token. */
@Injectable()
export class ClientAuthService {
  private readonly clientJwt = new ClientJwtGuard();

  constructor(@InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>) {}

  async authenticate(context: ExecutionContext, withSession: boolean): Promise<ClientPrincipal> {
    const req = context.switchToHttp().getRequest<KeyholdRequest>();
    const apiKey = req.header('x-api-key');
    if (!apiKey || apiKey.length > 64) throw new DomainError('INVALID_KEY');
    const app = await this.apps.findOne({ where: { apiKey } });
    if (!app) throw new DomainError('INVALID_KEY');
    if (app.status !== 'ACTIVE') throw new DomainError('APP_DISABLED');
    const principal: ClientPrincipal = {
      kind: 'client',
      appId: app.id,
      sellerId: app.sellerId,
      app: {
        id: app.id,
        name: app.name,
        version: app.version,
        enforceVersion: app.enforceVersion,
        hwidLock: app.hwidLock,
        registrationEnabled: app.registrationEnabled,
      },
    };
    if (withSession) {
      req.principal = principal; // the strategy checks the token's app against it
      await this.clientJwt.canActivate(context);
      const active = req.user as ActiveSession;
      principal.session = active;
    }
    return principal;
  }
}
