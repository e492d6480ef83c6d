import { Injectable } from '@nestjs/common';
import { Page } from '../common/page';
import { InjectRepository } from '@nestjs/typeorm';
import type { AppResponse, AppStatsResponse, CreatedAppResponse, DeletedResponse } from '@keyhold/contracts';
import { SECRET_PREFIX } from '@keyhold/contracts';
import { DataSource, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { encryptSecret, randomString, randomToken } from '../common/crypto';
import { notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { AppEntity } from './app.entity';
import { CreateAppDto, UpdateAppDto } from './dto/app.dto';

type Counts = { appUsers: number; licenses: number };

/** The columns a seller's change may write. */
type AppSetting = 'name' | 'version' | 'status' | 'enforceVersion' | 'hwidLock' | 'registrationEnabled' | 'apiKey' | 'endpoint';

export function toAppResponse(app: AppEntity, counts: Counts): AppResponse {
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
    endpoint: app.endpoint,
    createdAt: app.createdAt.toISOString(),
  };
}

@Injectable()
export class AppsService {
  constructor(
    @InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * The app with this public id, if it belongs to the seller; otherwise 404 (never a 403 that
   * would confirm another seller's app exists). Other modules use this to scope their writes.
   */
  async findOwned(sellerId: string, publicId: string): Promise<AppEntity> {
    const id = fromPublicId('app', publicId);
    const app = id ? await this.apps.findOne({ where: { id, sellerId } }) : null;
    if (!app) throw notFound('App not found');
    return app;
  }

  /** The app behind an Axora endpoint id (case-sensitive), whatever its status. */
  findByEndpoint(endpoint: string): Promise<AppEntity | null> {
    return this.apps.findOne({ where: { endpoint } });
  }

  publicId(app: AppEntity): string {
    return toPublicId('app', app.id);
  }

  async list(sellerId: string): Promise<Page<AppResponse>> {
    const apps = await this.apps.find({ where: { sellerId }, order: { createdAt: 'ASC' } });
    const counts = await this.counts(apps.map((a) => a.id));
    return Page.all(apps.map((a) => toAppResponse(a, counts.get(a.id) ?? { appUsers: 0, licenses: 0 })));
  }

  async get(sellerId: string, publicId: string): Promise<AppResponse> {
    const app = await this.findOwned(sellerId, publicId);
    return this.respond(app);
  }

  async create(sellerId: string, dto: CreateAppDto): Promise<CreatedAppResponse> {
    const apiSecret = randomToken(SECRET_PREFIX.appSecret, 32);
    const app = await this.apps.save(
      this.apps.create({
        sellerId,
        name: dto.name.trim(),
        version: dto.version ?? '1.0.0',
        apiKey: randomToken(SECRET_PREFIX.apiKey, 24),
        secretEncrypted: encryptSecret(this.config.masterKey, apiSecret),
        endpoint: randomString(20),
      }),
    );
    return { ...toAppResponse(app, { appUsers: 0, licenses: 0 }), apiSecret };
  }

  async update(sellerId: string, publicId: string, dto: UpdateAppDto): Promise<AppResponse> {
    // Only the fields sent: an absent field leaves the setting as it is.
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as UpdateAppDto;
    if (changes.name !== undefined) changes.name = changes.name.trim();
    return this.patch(sellerId, publicId, changes);
  }

  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const app = await this.findOwned(sellerId, publicId);
    await this.apps.delete({ id: app.id, sellerId });
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
   * One UPDATE of exactly the columns given, never a write-back of a loaded row: a PATCH racing a
   * key rotation cannot put the old key back, and the rotation cannot undo the PATCH.
   */
  private async patch(sellerId: string, publicId: string, changes: Partial<Pick<AppEntity, AppSetting>>): Promise<AppResponse> {
    const app = await this.findOwned(sellerId, publicId);
    if (Object.keys(changes).length > 0) await this.apps.update({ id: app.id, sellerId }, changes);
    return this.get(sellerId, publicId);
  }

  /** Counts for the overview page, and logins and registrations per day (from the event log). */
  async stats(sellerId: string, publicId: string): Promise<AppStatsResponse> {
    const app = await this.findOwned(sellerId, publicId);
    const [users] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE NOT banned AND (expires_at IS NULL OR expires_at > now()))::int AS active,
              count(*) FILTER (WHERE NOT banned AND expires_at <= now())::int AS expired,
              count(*) FILTER (WHERE banned)::int AS banned
         FROM app_users WHERE app_id = $1`,
      [app.id],
    );
    const [licenses] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE NOT banned AND activated_at IS NULL AND (expires_at IS NULL OR expires_at > now()))::int AS unused,
              count(*) FILTER (WHERE NOT banned AND activated_at IS NOT NULL AND (expires_at IS NULL OR expires_at > now()))::int AS used,
              count(*) FILTER (WHERE NOT banned AND expires_at <= now())::int AS expired,
              count(*) FILTER (WHERE banned)::int AS banned
         FROM licenses WHERE app_id = $1`,
      [app.id],
    );
    const perDay: AppStatsResponse['perDay'] = await this.dataSource.query(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
              count(e.id) FILTER (WHERE e.name = 'user.login')::int AS logins,
              count(e.id) FILTER (WHERE e.name = 'user.register')::int AS registrations
         FROM generate_series((now() AT TIME ZONE 'UTC')::date - 29, (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d(day)
         LEFT JOIN events e
           ON e.app_id = $1 AND e.name IN ('user.login', 'user.register')
          AND (e.created_at AT TIME ZONE 'UTC')::date = d.day::date
        GROUP BY d.day ORDER BY d.day`,
      [app.id],
    );
    return { users, licenses, perDay };
  }

  private async respond(app: AppEntity): Promise<AppResponse> {
    const counts = await this.counts([app.id]);
    return toAppResponse(app, counts.get(app.id) ?? { appUsers: 0, licenses: 0 });
  }

  /** `_count` of the seed: end users (license-only logins create none) and license keys. */
  private async counts(appIds: string[]): Promise<Map<string, Counts>> {
    if (appIds.length === 0) return new Map();
    const rows: Array<{ id: string; app_users: string; licenses: string }> = await this.dataSource.query(
      `SELECT a.id,
              (SELECT count(*) FROM app_users u WHERE u.app_id = a.id) AS app_users,
              (SELECT count(*) FROM licenses l WHERE l.app_id = a.id) AS licenses
         FROM apps a WHERE a.id = ANY($1::uuid[])`,
      [appIds],
    );
    return new Map(rows.map((r) => [r.id, { appUsers: Number(r.app_users), licenses: Number(r.licenses) }]));
  }
}
