import { Injectable } from '@nestjs/common';
import { Page } from '../common/page';
import type { AppResponse, CreatedAppResponse, DeletedResponse } from '@keyhold/contracts';
import { SECRET_PREFIX } from '@keyhold/contracts';
import { randomString, randomToken, sha256Hex } from '../common/crypto';
import { notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { AppEntity } from './app.entity';
import { AppCounts, AppSetting, AppsRepository } from './apps.repository';
import { CreateAppDto, UpdateAppDto } from './dto/app.dto';

const NO_COUNTS: AppCounts = { appUsers: 0, licenses: 0 };

/** 32 random bytes: a hash of it cannot be reversed or guessed, so SHA-256 (not a slow hash) stores it. */
const newAppSecret = () => randomToken(SECRET_PREFIX.appSecret, 32);

export function toAppResponse(app: AppEntity, counts: AppCounts): AppResponse {
  return {
    id: toPublicId('app', app.id),
    name: app.name,
    apiKey: app.apiKey,
    version: app.version,
    status: app.status,
    _count: counts,
    enforceVersion: app.enforceVersion,
    hwidLock: app.hwidLock,
    registrationEnabled: app.registrationEnabled,
    offlineEnabled: app.offlineEnabled,
    offlineTtlHours: app.offlineTtlHours,
    endpoint: app.endpoint,
    createdAt: app.createdAt.toISOString(),
  };
}

@Injectable()
export class AppsService {
  constructor(private readonly apps: AppsRepository) {}

  /**
   * The app with this public id, if it belongs to the seller; otherwise 404 (never a 403 that
   * would confirm another seller's app exists). Other modules use this to scope their writes.
   */
  async findOwned(sellerId: string, publicId: string): Promise<AppEntity> {
    const id = fromPublicId('app', publicId);
    const app = id ? await this.apps.findOwned(id, sellerId) : null;
    if (!app) throw notFound('App not found');
    return app;
  }

  publicId(app: AppEntity): string {
    return toPublicId('app', app.id);
  }

  async list(sellerId: string): Promise<Page<AppResponse>> {
    const apps = await this.apps.listForSeller(sellerId);
    const counts = await this.apps.countsByApp(apps.map((a) => a.id));
    return Page.all(apps.map((a) => toAppResponse(a, counts.get(a.id) ?? NO_COUNTS)));
  }

  async get(sellerId: string, publicId: string): Promise<AppResponse> {
    const app = await this.findOwned(sellerId, publicId);
    return this.respond(app);
  }

  async create(sellerId: string, dto: CreateAppDto): Promise<CreatedAppResponse> {
    const apiSecret = newAppSecret();
    const app = await this.apps.insert({
      sellerId,
      name: dto.name.trim(),
      version: dto.version ?? '1.0.0',
      apiKey: randomToken(SECRET_PREFIX.apiKey, 24),
      secretHash: sha256Hex(apiSecret),
      endpoint: randomString(20),
    });
    return { ...toAppResponse(app, NO_COUNTS), apiSecret };
  }

  /** A new app secret (store integration key), shown this once; the old one stops working at once. */
  async rotateSecret(sellerId: string, publicId: string): Promise<CreatedAppResponse> {
    const app = await this.findOwned(sellerId, publicId);
    const apiSecret = newAppSecret();
    if (!(await this.apps.setSecretHash(app.id, sellerId, sha256Hex(apiSecret)))) throw notFound('App not found');
    return { ...(await this.respond(app)), apiSecret };
  }

  async update(sellerId: string, publicId: string, dto: UpdateAppDto): Promise<AppResponse> {
    // Only the fields sent: an absent field leaves the setting as it is.
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as UpdateAppDto;
    if (changes.name !== undefined) changes.name = changes.name.trim();
    return this.patch(sellerId, publicId, changes);
  }

  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const app = await this.findOwned(sellerId, publicId);
    await this.apps.deleteOwned(app.id, sellerId);
    return { id: publicId, deleted: true };
  }

  /** A new API key; the old one stops working at once (it is simply no longer in the table). */
  rotateKey(sellerId: string, publicId: string): Promise<AppResponse> {
    return this.patch(sellerId, publicId, { apiKey: randomToken(SECRET_PREFIX.apiKey, 24) });
  }

  regenerateEndpoint(sellerId: string, publicId: string): Promise<AppResponse> {
    return this.patch(sellerId, publicId, { endpoint: randomString(20) });
  }

  /**
   * One UPDATE of exactly the columns given (AppsRepository.updateOwned), never a write-back of a
   * loaded row: a PATCH racing a key rotation cannot put the old key back, and the rotation cannot
   * undo the PATCH.
   */
  private async patch(sellerId: string, publicId: string, changes: Partial<Pick<AppEntity, AppSetting>>): Promise<AppResponse> {
    const app = await this.findOwned(sellerId, publicId);
    if (Object.keys(changes).length > 0) await this.apps.updateOwned(app.id, sellerId, changes);
    return this.get(sellerId, publicId);
  }

  private async respond(app: AppEntity): Promise<AppResponse> {
    const counts = await this.apps.countsByApp([app.id]);
    return toAppResponse(app, counts.get(app.id) ?? NO_COUNTS);
  }
}
