import { Injectable } from '@nestjs/common';
import { Page } from '../common/page';
import type { BlacklistEntryResponse, DeletedResponse } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { AppsService } from '../apps/apps.service';
import { isUniqueViolation } from '../common/errors/db-errors';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import type { RecordApps } from '../common/request';
import { BlacklistEntryEntity } from './blacklist-entry.entity';
import { BlacklistRepository } from './blacklist.repository';
import { CreateBlacklistEntryDto } from './dto/blacklist.dto';
import { parseIpRange } from './ip-range';

export function toBlacklistResponse(e: BlacklistEntryEntity): BlacklistEntryResponse {
  return {
    id: toPublicId('blacklist', e.id),
    appId: toPublicId('app', e.appId),
    type: e.type,
    value: e.value,
    reason: e.reason,
    createdAt: e.createdAt.toISOString(),
  };
}

@Injectable()
export class BlacklistService implements RecordApps {
  constructor(
    private readonly entries: BlacklistRepository,
    private readonly apps: AppsService,
  ) {}

  async list(sellerId: string, appPublicId: string): Promise<Page<BlacklistEntryResponse>> {
    const app = await this.apps.findOwned(sellerId, appPublicId);
    const rows = await this.entries.listForApp(app.id);
    return Page.all(rows.map(toBlacklistResponse));
  }

  async add(sellerId: string, dto: CreateBlacklistEntryDto): Promise<BlacklistEntryResponse> {
    const app = await this.apps.findOwned(sellerId, dto.appId);
    let value = dto.value.trim();
    let network: string | null = null;
    if (dto.type === 'ip') {
      const range = parseIpRange(value);
      if (!range) throw invalidValue('value must be an IPv4 or IPv6 address or a CIDR range such as 203.0.113.0/24');
      // Clear host bits the way PostgreSQL does, so "10.1.2.3/8" is stored and shown as "10.0.0.0/8".
      network = await this.entries.networkOf(`${range.address}/${range.prefix}`);
      const max = range.version === 4 ? 32 : 128;
      value = range.prefix === max ? range.address : network;
    }
    try {
      const saved = await this.entries.insert({ appId: app.id, type: dto.type, value, network, reason: dto.reason ?? null });
      return toBlacklistResponse(saved);
    } catch (e) {
      // Well-formed, but already there: a conflict with what is stored, not a validation error.
      if (isUniqueViolation(e, 'uq_blacklist_entry')) throw new DomainError('CONFLICT', `${value} is already blacklisted`);
      throw e;
    }
  }

  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const id = fromPublicId('blacklist', publicId);
    const entry = id ? await this.entries.findOwned(id, sellerId) : null;
    if (!entry) throw notFound('Blacklist entry not found');
    await this.entries.delete(entry.id);
    return { id: publicId, deleted: true };
  }

  /** Answers 403 BLACKLISTED when the IP falls in a listed range or the hardware id is listed. */
  async assertAllowed(appId: string, ip: string, hwid?: string | null, m?: EntityManager): Promise<void> {
    if (await this.entries.matches(appId, ip, hwid ?? null, m)) throw new DomainError('BLACKLISTED');
  }

  /** RecordApps: the app of one of the seller's blacklist records (the integration key's scope check). */
  async appOfRecord(sellerId: string, publicId: string): Promise<string | null> {
    const id = fromPublicId('blacklist', publicId);
    return id ? ((await this.entries.findOwned(id, sellerId))?.appId ?? null) : null;
  }
}

function invalidValue(reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', 'Request validation failed', [{ field: 'value', reason }]);
}
