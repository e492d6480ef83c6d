import { Injectable, StreamableFile } from '@nestjs/common';
import type { BulkResponse, DeletedResponse, GenerateLicensesResponse, LicenseResponse } from '@keyhold/contracts';
import { DEFAULT_LICENSE_MASK, MAX_DURATION_DAYS, OWN_KEYS_FILTER } from '@keyhold/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AppsService } from '../apps/apps.service';
import { csvDownload } from '../common/csv';
import { runBulk } from '../common/bulk';
import { bulkIds } from '../common/dto/bulk.dto';
import { iso } from '../common/dates';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import type { RecordApps } from '../common/request';
import { Page } from '../common/page';
import { EventsService } from '../events/events.service';
import { SessionsService } from '../sessions/sessions.service';
import { UsersRepository } from '../users/users.repository';
import { ExportLicensesQueryDto, GenerateLicensesDto, LicenseBulkDto, ListLicensesQueryDto, UpdateLicenseDto } from './dto/license.dto';
import { KEY_ALPHABETS, keysFromMask, maskProblem } from './license-key';
import { LicenseEntity } from './license.entity';
import { licenseStatus } from './license-status';
import { KeyTerms, LicenseFilter, LicensesRepository, LicenseWithUser } from './licenses.repository';

/** `resellerNames`: the usernames of the resellers who made keys, by reseller row id (LicensesRepository.resellerUsernames). */
export function toLicenseResponse(
  l: LicenseWithUser,
  now = new Date(),
  resellerNames: ReadonlyMap<string, string> = new Map(),
): LicenseResponse {
  return {
    id: toPublicId('license', l.id),
    appId: toPublicId('app', l.appId),
    key: l.key,
    status: licenseStatus(l, now),
    subscription: l.subscription,
    durationDays: l.durationDays,
    note: l.note,
    // A redeemed key's device is its user's (the user's login binds it, a reset of either frees it).
    hwid: l.user ? l.user.hwid : l.hwid,
    usedBy: l.user ? { id: toPublicId('user', l.user.id), username: l.user.username } : null,
    activatedAt: iso(l.activatedAt),
    expiresAt: iso(l.expiresAt),
    banned: l.banned,
    banReason: l.banReason,
    resellerId: l.resellerId ? toPublicId('reseller', l.resellerId) : null,
    resellerUsername: l.resellerId ? (resellerNames.get(l.resellerId) ?? null) : null,
    createdAt: l.createdAt.toISOString(),
  };
}

export interface KeyBatch extends KeyTerms {
  count: number;
  mask?: string;
  /** Without the look-alike characters (see KEY_ALPHABETS). */
  readable?: boolean;
}

const CSV_COLUMNS = [
  'key',
  'status',
  'subscription',
  'durationDays',
  'note',
  'usedBy',
  'hwid',
  'activatedAt',
  'expiresAt',
  'createdAt',
] as const;

/**
 * The list's filters, as the repository takes them (the export's are the same). `resellerId=none`
 * keeps the seller's own keys; a reseller id matches that reseller's keys (another seller's reseller
 * has none in this seller's app, so it matches nothing).
 */
function filterOf(query: ExportLicensesQueryDto): LicenseFilter {
  // The DTO's patterns let only well-formed ids through: fromPublicId answers their row ids.
  const userId = query.userId ? (fromPublicId('user', query.userId) ?? undefined) : undefined;
  if (query.resellerId === OWN_KEYS_FILTER) return { status: query.status, q: query.q, resellerId: null, userId };
  const resellerId = query.resellerId ? (fromPublicId('reseller', query.resellerId) ?? undefined) : undefined;
  return { status: query.status, q: query.q, resellerId, userId };
}

@Injectable()
export class LicensesService implements RecordApps {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly users: UsersRepository,
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
    const mask = this.usableMask(batch.mask);
    const created: string[] = [];
    for (let round = 0; created.length < batch.count; round++) {
      if (round >= 5) throw new Error('Could not draw unique license keys: the mask has too few combinations left');
      const wanted = batch.count - created.length;
      const candidates = [...new Set(keysFromMask(mask, wanted, batch.readable ? KEY_ALPHABETS.readable : KEY_ALPHABETS.full))];
      created.push(...(await this.licenses.insertKeys(batch, candidates, manager)));
    }
    return created;
  }

  /** The mask keys are drawn from (the default when none is given); 400 VALIDATION_FAILED on `mask` when it cannot be used. */
  usableMask(mask: string | undefined): string {
    const usable = mask ?? DEFAULT_LICENSE_MASK;
    const problem = maskProblem(usable);
    if (problem) throw new DomainError('VALIDATION_FAILED', 'Request validation failed', [{ field: 'mask', reason: problem }]);
    return usable;
  }

  async list(sellerId: string, query: ListLicensesQueryDto): Promise<Page<LicenseResponse>> {
    const app = await this.apps.findOwned(sellerId, query.appId);
    const { rows, meta } = await this.licenses.pageForApp(app.id, filterOf(query), query);
    const names = await this.makersOf(rows);
    const now = new Date();
    return new Page(
      rows.map((l) => toLicenseResponse(l, now, names)),
      meta,
    );
  }

  async exportCsv(sellerId: string, query: ExportLicensesQueryDto): Promise<StreamableFile> {
    const app = await this.apps.findOwned(sellerId, query.appId);
    const now = new Date();
    return csvDownload(CSV_COLUMNS, this.licenses.batchesForApp(app.id, filterOf(query)), (l) => {
      const r = toLicenseResponse(l, now);
      return [r.key, r.status, r.subscription, r.durationDays, r.note, r.usedBy?.username, r.hwid, r.activatedAt, r.expiresAt, r.createdAt];
    });
  }

  async get(sellerId: string, publicId: string): Promise<LicenseResponse> {
    const license = await this.findOwned(sellerId, publicId);
    return toLicenseResponse(license, new Date(), await this.makersOf([license]));
  }

  /** The usernames of the resellers who made these keys (the seller's own have none). */
  private makersOf(rows: LicenseWithUser[]): Promise<Map<string, string>> {
    return this.licenses.resellerUsernames(rows.flatMap((l) => (l.resellerId ? [l.resellerId] : [])));
  }

  async update(sellerId: string, publicId: string, dto: UpdateLicenseDto): Promise<LicenseResponse> {
    const { id } = await this.findOwned(sellerId, publicId);
    await this.dataSource.transaction(async (m) => {
      // Under the row lock, the decisions below see the license as it is, not as it was read.
      const found = await this.licenses.lockByIdOrFail(id, m);
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
      if (dto.resetHwid) {
        patch.hwid = null;
        // The device lock of a redeemed key is its user's: free that too, or the reset would change nothing.
        if (found.userId) await this.users.update(found.userId, { hwid: null }, m);
      }
      if (Object.keys(patch).length > 0) await this.licenses.update(found.id, patch, m);
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
      await this.licenses.delete(license.id, m); // its sessions go with it (FK cascade)
      if (license.userId) await this.users.deleteInApp(license.appId, license.userId, m);
    });
    return { id: publicId, deleted: true };
  }

  /**
   * One action on many keys, in one transaction under their row locks: the selected ids, or every
   * key matching the list's filters. Refused (nothing changed) past BULK_MAX keys. Each action does
   * what its single form does: a ban ends the sessions of the key and of its user; a delete takes a
   * redeemed key's user along and records license.delete.
   */
  async bulk(sellerId: string, dto: LicenseBulkDto): Promise<BulkResponse> {
    const app = await this.apps.findOwned(sellerId, dto.appId);
    return runBulk(
      this.dataSource,
      { ids: bulkIds(dto, 'license'), filter: filterOf(dto), dryRun: dto.dryRun, what: 'keys' },
      {
        count: (selection, cap) => this.licenses.countSelection(app.id, selection, cap),
        lock: (selection, limit, m) => this.licenses.lockSelection(app.id, selection, limit, m),
      },
      (m, keys) => this.applyBulk(m, app.id, dto, keys),
    );
  }

  /** Applies a bulk action to locked keys; answers how many it changed. */
  private async applyBulk(m: EntityManager, appId: string, dto: LicenseBulkDto, keys: LicenseWithUser[]): Promise<number> {
    const idsOf = (ls: LicenseWithUser[]) => ls.map((l) => l.id);
    const usersOf = (ls: LicenseWithUser[]) => ls.flatMap((l) => (l.userId ? [l.userId] : []));
    switch (dto.action) {
      case 'ban': {
        const changed = keys.filter((l) => !l.banned);
        await this.licenses.updateMany(idsOf(changed), { banned: true, banReason: dto.banReason ?? null }, m);
        await this.sessions.revokeForMany(m, { licenseIds: idsOf(changed), userIds: usersOf(changed) });
        return changed.length;
      }
      case 'unban': {
        const changed = keys.filter((l) => l.banned);
        await this.licenses.updateMany(idsOf(changed), { banned: false, banReason: null }, m);
        return changed.length;
      }
      case 'extend': {
        // A key with an expiry date gets days on it (from now once it has passed, as the dialog's
        // extensions do); an unused key on a duration gets days on its duration; lifetime keys stay.
        const now = Date.now();
        let changed = 0;
        for (const l of keys) {
          const days = dto.days!;
          if (l.expiresAt) {
            const from = Math.max(l.expiresAt.getTime(), now);
            await this.licenses.update(l.id, { expiresAt: new Date(from + days * 86_400_000), expiryNotifiedAt: null }, m);
          } else if (!l.activatedAt && l.durationDays !== null) {
            await this.licenses.update(l.id, { durationDays: Math.min(l.durationDays + days, MAX_DURATION_DAYS) }, m);
          } else continue;
          changed++;
        }
        return changed;
      }
      case 'delete':
        for (const l of keys) {
          await this.events.record(m, appId, 'license.delete', {
            licenseId: toPublicId('license', l.id),
            key: l.key,
            userId: l.userId ? toPublicId('user', l.userId) : undefined,
          });
        }
        await this.licenses.deleteMany(appId, idsOf(keys), m); // their sessions go with them (FK cascade)
        await this.users.deleteMany(appId, usersOf(keys), m);
        return keys.length;
    }
  }

  /** A license of one of the seller's apps, or 404. */
  async findOwned(sellerId: string, publicId: string): Promise<LicenseWithUser> {
    const id = fromPublicId('license', publicId);
    const license = id ? await this.licenses.findOwned(sellerId, id) : null;
    if (!license) throw notFound('License not found');
    return license;
  }

  /** RecordApps: the app of one of the seller's license records (the integration key's scope check). */
  async appOfRecord(sellerId: string, publicId: string): Promise<string | null> {
    const id = fromPublicId('license', publicId);
    return id ? ((await this.licenses.findOwned(sellerId, id))?.appId ?? null) : null;
  }
}
