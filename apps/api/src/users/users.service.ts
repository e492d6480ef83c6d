import { Injectable } from '@nestjs/common';
import {
  type BulkResponse,
  type DeletedResponse,
  type EndedSessionResponse,
  type UserResponse,
  type UserSessionResponse,
} from '@keyhold/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AppsService } from '../apps/apps.service';
import { iso } from '../common/dates';
import { runBulk } from '../common/bulk';
import { bulkIds } from '../common/dto/bulk.dto';
import { isUniqueViolation } from '../common/errors/db-errors';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import type { RecordApps } from '../common/request';
import { Page } from '../common/page';
import { PasswordsService } from '../common/passwords.service';
import { EventsService } from '../events/events.service';
import { SessionsService } from '../sessions/sessions.service';
import { AppUserEntity } from './app-user.entity';
import { userStatus } from './user-status';
import { UsersRepository } from './users.repository';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserBulkDto } from './dto/user.dto';

export function toUserResponse(u: AppUserEntity, now = new Date()): UserResponse {
  return {
    id: toPublicId('user', u.id),
    appId: toPublicId('app', u.appId),
    username: u.username,
    status: userStatus(u, now),
    hwid: u.hwid,
    subscription: u.subscription,
    expiresAt: iso(u.expiresAt),
    banned: u.banned,
    banReason: u.banReason,
    lastLoginAt: iso(u.lastLoginAt),
    lastLoginIp: u.lastLoginIp,
    createdAt: u.createdAt.toISOString(),
  };
}

/** The seller's management of an app's end users (credentials). */
@Injectable()
export class UsersService implements RecordApps {
  constructor(
    private readonly users: UsersRepository,
    private readonly dataSource: DataSource,
    private readonly apps: AppsService,
    private readonly passwords: PasswordsService,
    private readonly sessions: SessionsService,
    private readonly events: EventsService,
  ) {}

  async create(sellerId: string, dto: CreateUserDto): Promise<UserResponse> {
    const app = await this.apps.findOwned(sellerId, dto.appId);
    const passwordHash = await this.passwords.hash(dto.password, 'end-user');
    try {
      const user = await this.users.create({
        appId: app.id,
        username: dto.username,
        passwordHash,
        subscription: dto.subscription ?? null,
        expiresAt: dto.expiresAt ? new Date(dto.expiresAt) : null,
      });
      return toUserResponse(await this.users.findByIdOrFail(user.id));
    } catch (e) {
      if (isUniqueViolation(e, 'uq_app_users_username')) throw new DomainError('USERNAME_TAKEN');
      throw e;
    }
  }

  async list(sellerId: string, query: ListUsersQueryDto): Promise<Page<UserResponse>> {
    const app = await this.apps.findOwned(sellerId, query.appId);
    const { rows, meta } = await this.users.pageForApp(app.id, { status: query.status, q: query.q }, query);
    const now = new Date();
    return new Page(
      rows.map((u) => toUserResponse(u, now)),
      meta,
    );
  }

  async get(sellerId: string, publicId: string): Promise<UserResponse> {
    return toUserResponse(await this.findOwned(sellerId, publicId));
  }

  async update(sellerId: string, publicId: string, dto: UpdateUserDto): Promise<UserResponse> {
    const { id } = await this.findOwned(sellerId, publicId);
    const passwordHash = dto.password ? await this.passwords.hash(dto.password, 'end-user') : undefined;
    await this.dataSource.transaction(async (m) => {
      // Under the row lock, the decisions below (record user.ban once) see the user as it is.
      const user = await this.users.lockByIdOrFail(id, m);
      const patch: Partial<AppUserEntity> = {};
      if (dto.banned !== undefined) {
        patch.banned = dto.banned;
        patch.banReason = dto.banned ? (dto.banReason ?? null) : null;
        if (dto.banned && !user.banned) {
          await this.events.record(m, user.appId, 'user.ban', {
            userId: publicId,
            username: user.username,
            reason: dto.banReason ?? null,
          });
        }
      } else if (dto.banReason !== undefined && user.banned) {
        patch.banReason = dto.banReason;
      }
      if (dto.resetHwid) patch.hwid = null;
      if (dto.expiresAt !== undefined) patch.expiresAt = dto.expiresAt === null ? null : new Date(dto.expiresAt);
      if (dto.subscription !== undefined) patch.subscription = dto.subscription;
      if (passwordHash) patch.passwordHash = passwordHash;
      // A ban or a new password ends the user's sessions at once.
      if (patch.banned || passwordHash) await this.sessions.revokeFor(m, { userId: user.id });
      if (Object.keys(patch).length > 0) await this.users.update(user.id, patch, m);
    });
    return this.get(sellerId, publicId);
  }

  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const user = await this.findOwned(sellerId, publicId);
    await this.users.delete(user.id); // sessions go with it (FK cascade)
    return { id: publicId, deleted: true };
  }

  /**
   * One action on many users, in one transaction under their row locks: the selected ids, or every
   * user matching the list's filters. Refused (nothing changed) past BULK_MAX users. A ban records
   * user.ban for each user it bans and ends their sessions, as a single ban does.
   */
  async bulk(sellerId: string, dto: UserBulkDto): Promise<BulkResponse> {
    const app = await this.apps.findOwned(sellerId, dto.appId);
    return runBulk(
      this.dataSource,
      { ids: bulkIds(dto, 'user'), filter: { status: dto.status, q: dto.q }, dryRun: dto.dryRun, what: 'users' },
      {
        count: (selection, cap) => this.users.countSelection(app.id, selection, cap),
        lock: (selection, limit, m) => this.users.lockSelection(app.id, selection, limit, m),
      },
      (m, users) => this.applyBulk(m, app.id, dto, users),
    );
  }

  /** Applies a bulk action to locked users; answers how many it changed. */
  private async applyBulk(m: EntityManager, appId: string, dto: UserBulkDto, users: AppUserEntity[]): Promise<number> {
    const idsOf = (us: AppUserEntity[]) => us.map((u) => u.id);
    switch (dto.action) {
      case 'ban': {
        const changed = users.filter((u) => !u.banned);
        await this.users.updateMany(idsOf(changed), { banned: true, banReason: dto.banReason ?? null }, m);
        for (const u of changed) {
          await this.events.record(m, appId, 'user.ban', {
            userId: toPublicId('user', u.id),
            username: u.username,
            reason: dto.banReason ?? null,
          });
        }
        await this.sessions.revokeForMany(m, { userIds: idsOf(changed) });
        return changed.length;
      }
      case 'unban': {
        const changed = users.filter((u) => u.banned);
        await this.users.updateMany(idsOf(changed), { banned: false, banReason: null }, m);
        return changed.length;
      }
      case 'extend': {
        // Users that never expire stay so; a past expiry counts from now, as the dialog's extensions do.
        const now = Date.now();
        const changed = users.filter((u) => u.expiresAt !== null);
        for (const u of changed) {
          const from = Math.max(u.expiresAt!.getTime(), now);
          await this.users.update(u.id, { expiresAt: new Date(from + dto.days! * 86_400_000) }, m);
        }
        return changed.length;
      }
      case 'delete':
        await this.users.deleteMany(appId, idsOf(users), m);
        return users.length;
    }
  }

  /** The user's latest sessions, for the seller's user page. */
  async listSessions(sellerId: string, publicId: string): Promise<UserSessionResponse[]> {
    const user = await this.findOwned(sellerId, publicId);
    const now = Date.now();
    return (await this.sessions.listOfUser(user.id)).map((s) => ({
      id: toPublicId('session', s.id),
      ip: s.ip,
      hwid: s.hwid,
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      endedAt: iso(s.revokedAt),
      active: !s.revokedAt && s.expiresAt.getTime() > now,
    }));
  }

  /** Ends one of the user's sessions: its token is refused from its next call on. 404 for another user's. */
  async endSession(sellerId: string, publicId: string, sessionPublicId: string): Promise<EndedSessionResponse> {
    const user = await this.findOwned(sellerId, publicId);
    const sessionId = fromPublicId('session', sessionPublicId);
    if (!sessionId || !(await this.sessions.revokeOfUser(user.id, sessionId))) throw notFound('Session not found');
    return { id: sessionPublicId, ended: true };
  }

  private async findOwned(sellerId: string, publicId: string): Promise<AppUserEntity> {
    const id = fromPublicId('user', publicId);
    const user = id ? await this.users.findOwned(sellerId, id) : null;
    if (!user) throw notFound('User not found');
    return user;
  }

  /** RecordApps: the app of one of the seller's user records (the integration key's scope check). */
  async appOfRecord(sellerId: string, publicId: string): Promise<string | null> {
    const id = fromPublicId('user', publicId);
    return id ? ((await this.users.findOwned(sellerId, id))?.appId ?? null) : null;
  }
}
