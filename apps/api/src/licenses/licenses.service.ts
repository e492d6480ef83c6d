import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DeletedResponse, GenerateLicensesResponse, LicenseResponse } from '@keyhold/contracts';
import { DEFAULT_LICENSE_MASK } from '@keyhold/contracts';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import { AppsService } from '../apps/apps.service';
import { iso } from '../common/dates';
import { likePattern } from '../common/dto/pagination.dto';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { Page } from '../common/page';
import { fetchPage } from '../database/page-query';
import { EventsService } from '../events/events.service';
import { SessionsService } from '../sessions/sessions.service';
import { AppUserEntity } from '../users/app-user.entity';
import { ExportLicensesQueryDto, GenerateLicensesDto, ListLicensesQueryDto, UpdateLicenseDto } from './dto/license.dto';
import { keysFromMask, maskProblem } from './license-key';
import { LicenseEntity } from './license.entity';
import { licenseStatus, STATUS_SQL } from './license-status';

type LicenseRow = LicenseEntity & { user?: AppUserEntity | null };

export function toLicenseResponse(l: LicenseRow, now = new Date()): LicenseResponse {
  return {
    id: toPublicId('license', l.id),
    appId: toPublicId('app', l.appId),
    key: l.key,
    status: licenseStatus(l, now),
    subscription: l.subscription,
    durationDays: l.durationDays,
    note: l.note,
    hwid: l.hwid,
    usedBy: l.user ? { id: toPublicId('user', l.user.id), username: l.user.username } : null,
    activatedAt: iso(l.activatedAt),
    expiresAt: iso(l.expiresAt),
    banned: l.banned,
    banReason: l.banReason,
    resellerId: l.resellerId ? toPublicId('reseller', l.resellerId) : null,
    createdAt: l.createdAt.toISOString(),
  };
}

export interface KeyBatch {
  appId: string;
  count: number;
  durationDays: number | null;
  subscription: string;
  mask?: string;
  note?: string | null;
  /** Set when a reseller generates the keys. */
  resellerId?: string | null;
}

const CSV_COLUMNS = ['key', 'status', 'subscription', 'durationDays', 'note', 'usedBy', 'hwid', 'activatedAt', 'expiresAt', 'createdAt'] as const;

/** Quotes a CSV cell, and defuses cells a spreadsheet would run as a formula. */
function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

@Injectable()
export class LicensesService {
  constructor(
    @InjectRepository(LicenseEntity) private readonly licenses: Repository<LicenseEntity>,
    private readonly dataSource: DataSource,
    private readonly apps: AppsService,
    private readonly events: EventsService,
    private readonly sessions: SessionsService,
  ) {}

  async generate(sellerId: string, dto: GenerateLicensesDto): Promise<GenerateLicensesResponse> {
    const app = await this.apps.findOwned(sellerId, dto.appId);
    const keys = await this.dataSource.transaction((m) => this.insertKeys(m, { ...dto, appId: app.id }));
    return { count: keys.length, keys };
  }

  /**
   * Inserts `count` new keys in bulk (one statement per round) inside the caller's transaction.
   * Uniqueness within the app is the database's constraint: a collision is skipped and redrawn.
   */
  async insertKeys(manager: EntityManager, batch: KeyBatch): Promise<string[]> {
    const mask = batch.mask ?? DEFAULT_LICENSE_MASK;
    const problem = maskProblem(mask);
    if (problem) throw new DomainError('VALIDATION_FAILED', 'Request validation failed', [{ field: 'mask', reason: problem }]);
    const created: string[] = [];
    for (let round = 0; created.length < batch.count; round++) {
      if (round >= 5) throw new Error('Could not draw unique license keys: the mask has too few combinations left');
      const wanted = batch.count - created.length;
      const candidates = [...new Set(keysFromMask(mask, wanted))];
      const rows: Array<{ key: string }> = await manager.query(
        `INSERT INTO licenses (app_id, key, duration_days, subscription, note, reseller_id)
         SELECT $1, k, $3, $4, $5, $6 FROM unnest($2::text[]) AS k
         ON CONFLICT (app_id, key) DO NOTHING RETURNING key`,
        [batch.appId, candidates, batch.durationDays, batch.subscription, batch.note ?? null, batch.resellerId ?? null],
      );
      created.push(...rows.map((r) => r.key));
    }
    return created;
  }

  async list(sellerId: string, query: ListLicensesQueryDto): Promise<Page<LicenseResponse>> {
    const app = await this.apps.findOwned(sellerId, query.appId);
    const qb = this.filtered(app.id, query.status, query.q);
    if (query.resellerId) qb.andWhere('l.reseller_id = :resellerId', { resellerId: fromPublicId('reseller', query.resellerId) });
    const { rows, meta } = await fetchPage(qb, query);
    const now = new Date();
    return new Page(rows.map((l) => toLicenseResponse(l, now)), meta);
  }

  async exportCsv(sellerId: string, query: ExportLicensesQueryDto): Promise<string> {
    const app = await this.apps.findOwned(sellerId, query.appId);
    const rows = await this.filtered(app.id, query.status).orderBy('l.created_at', 'ASC').addOrderBy('l.id', 'ASC').getMany();
    const now = new Date();
    const lines = rows.map((l) => {
      const r = toLicenseResponse(l, now);
      return [r.key, r.status, r.subscription, r.durationDays, r.note, r.usedBy?.username, r.hwid, r.activatedAt, r.expiresAt, r.createdAt]
        .map(csvCell)
        .join(',');
    });
    return `${CSV_COLUMNS.join(',')}\n${lines.map((l) => `${l}\n`).join('')}`;
  }

  async get(sellerId: string, publicId: string): Promise<LicenseResponse> {
    return toLicenseResponse(await this.findOwned(sellerId, publicId));
  }

  async update(sellerId: string, publicId: string, dto: UpdateLicenseDto): Promise<LicenseResponse> {
    const { id } = await this.findOwned(sellerId, publicId);
    await this.dataSource.transaction(async (m) => {
      // Under the row lock, the decisions below see the license as it is, not as it was read.
      const found = await m.getRepository(LicenseEntity).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const patch: Partial<LicenseEntity> = {};
      if (dto.banned !== undefined) {
        patch.banned = dto.banned;
        patch.banReason = dto.banned ? (dto.banReason ?? null) : null;
        if (dto.banned) {
          // A redeemed key carries its user's access: the ban ends the user's sessions too.
          await this.sessions.revokeFor(m, { licenseId: found.id });
          if (found.userId) await this.sessions.revokeFor(m, { userId: found.userId });
        }
      } else if (dto.banReason !== undefined && found.banned) {
        patch.banReason = dto.banReason;
      }
      if (dto.expiresAt !== undefined) {
        patch.expiresAt = dto.expiresAt === null ? null : new Date(dto.expiresAt);
        // A new expiry in the future may expire (and be announced) again later.
        if (!patch.expiresAt || patch.expiresAt > new Date()) patch.expiryNotifiedAt = null;
      }
      if (dto.note !== undefined) patch.note = dto.note;
      if (dto.resetHwid) patch.hwid = null;
      if (Object.keys(patch).length > 0) await m.getRepository(LicenseEntity).update({ id: found.id }, patch);
    });
    return this.get(sellerId, publicId);
  }

  /**
   * Deletes the key. A key a user registered with is that user's access, so the user goes with it
   * (and, by cascade, the user's sessions); license.delete names the user.
   */
  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const license = await this.findOwned(sellerId, publicId);
    await this.dataSource.transaction(async (m) => {
      await this.events.record(m, license.appId, 'license.delete', {
        licenseId: publicId,
        key: license.key,
        userId: license.userId ? toPublicId('user', license.userId) : undefined,
      });
      await m.getRepository(LicenseEntity).delete({ id: license.id }); // its sessions go with it (FK cascade)
      if (license.userId) await m.getRepository(AppUserEntity).delete({ id: license.userId, appId: license.appId });
    });
    return { id: publicId, deleted: true };
  }

  /** A license of one of the seller's apps, or 404. */
  async findOwned(sellerId: string, publicId: string): Promise<LicenseRow> {
    const id = fromPublicId('license', publicId);
    const license = id
      ? await this.withUser(this.licenses.createQueryBuilder('l'))
          .innerJoin(AppEntity, 'a', 'a.id = l.app_id')
          .where('l.id = :id AND a.seller_id = :sellerId', { id, sellerId })
          .getOne()
      : null;
    if (!license) throw notFound('License not found');
    return license;
  }

  private filtered(appId: string, status?: keyof typeof STATUS_SQL, q?: string): SelectQueryBuilder<LicenseEntity> {
    const qb = this.withUser(this.licenses.createQueryBuilder('l')).where('l.app_id = :appId', { appId });
    if (status) qb.andWhere(STATUS_SQL[status]);
    if (q) qb.andWhere(`(l.key ILIKE :q OR l.note ILIKE :q OR u.username ILIKE :q OR l.hwid ILIKE :q)`, { q: likePattern(q) });
    return qb;
  }

  private withUser(qb: SelectQueryBuilder<LicenseEntity>): SelectQueryBuilder<LicenseEntity> {
    return qb.leftJoinAndMapOne('l.user', AppUserEntity, 'u', 'u.id = l.user_id');
  }
}
