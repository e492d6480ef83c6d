import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import { DomainError } from '../common/errors/domain-error';
import type { ClientPrincipal, KeyholdRequest } from '../common/request';

/** Resolves end-user software: the app behind X-Api-Key (and, later, the client session). */
@Injectable()
export class ClientAuthService {
  constructor(@InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>) {}

  async authenticate(req: KeyholdRequest, withSession: boolean): Promise<ClientPrincipal> {
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
    if (withSession) throw new DomainError('UNAUTHORIZED', 'Client sessions are not available');
    return principal;
  }
}
