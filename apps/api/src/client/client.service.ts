import { Injectable } from '@nestjs/common';
import type {
  ClientLicense,
  ClientLicenseLoginResponse,
  ClientLoginResponse,
  ClientRegisterResponse,
  ClientSessionResponse,
  ClientUser,
} from '@keyhold/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { BlacklistService } from '../blacklist/blacklist.service';
import { addDays, iso, isPast } from '../common/dates';
import { isUniqueViolation } from '../common/errors/db-errors';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import { countryOfIp } from '../common/ip-country';
import { PasswordsService } from '../common/passwords.service';
import type { ClientPrincipal } from '../common/request';
import { runWrites, Write } from '../database/write-batch';
import { EventsService } from '../events/events.service';
import { LicenseEntity } from '../licenses/license.entity';
import { LicensesRepository } from '../licenses/licenses.repository';
import { SessionsService } from '../sessions/sessions.service';
import { AppUserEntity } from '../users/app-user.entity';
import { UsersRepository } from '../users/users.repository';
import { AuthDenials, DeniedAs } from './auth-denials';

type ClientApp = ClientPrincipal['app'];

export interface LoginInput {
  username: string;
  password: string;
  hwid?: string;
  /** The program's version: with the app's enforceVersion on it must be the app's. */
  version?: string;
}

/** The app's "enforce version": checked once the credentials hold, before any state changes. */
export function assertVersion(app: Pick<ClientApp, 'enforceVersion' | 'version'>, version: string | undefined): void {
  if (app.enforceVersion && version !== app.version) {
    throw new DomainError('UPDATE_REQUIRED', `Update required. Current version: ${app.version}`);
  }
}

export function toClientUser(u: AppUserEntity): ClientUser {
  return { id: toPublicId('user', u.id), username: u.username, hwid: u.hwid, subscription: u.subscription, expiresAt: iso(u.expiresAt) };
}

function toClientLicense(l: LicenseEntity): ClientLicense {
  return { key: l.key, expiresAt: iso(l.expiresAt), hwid: l.hwid };
}

/**
 * The device lock. With it on, a bound hardware id must match (and a missing one does not), and
 * the first one given is bound; with it off, the latest hardware id is recorded, never checked.
 * Returns the hardware id to store.
 */
export function checkHwid(hwidLock: boolean, bound: string | null, given: string | undefined): string | null {
  if (!hwidLock) return given ?? bound;
  if (bound !== null) {
    if (given !== bound) throw new DomainError('HWID_MISMATCH');
    return bound;
  }
  return given ?? null;
}

/**
 * End-user authentication, shared by the Authon client API and the Axora URL. Checks run in the
 * contract's order: blacklist, credentials or key, ban, expiry, hardware id. A refusal is recorded
 * (auth.denied, by AuthDenials) once what it tried has rolled back, then answered.
 */
@Injectable()
export class ClientService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly licenses: LicensesRepository,
    private readonly passwords: PasswordsService,
    private readonly blacklist: BlacklistService,
    private readonly sessions: SessionsService,
    private readonly events: EventsService,
    private readonly denials: AuthDenials,
  ) {}

  async login(app: ClientApp, input: LoginInput, ip: string): Promise<ClientLoginResponse> {
    return this.recordingDenial(app, { username: input.username }, ip, input.hwid, () =>
      this.authenticate(app, input, ip, async (m, user, writes) => {
        const { token } = await this.sessions.create(m, { appId: app.id, userId: user.id, ip, hwid: input.hwid }, writes);
        return { token, user: toClientUser(user) };
      }),
    );
  }

  /**
   * The same checks as login, without a session: Axora answers no token, so a session row would
   * be one nobody can ever use.
   */
  async verifyCredentials(app: ClientApp, input: LoginInput, ip: string): Promise<void> {
    await this.recordingDenial(app, { username: input.username }, ip, input.hwid, () =>
      this.authenticate(app, input, ip, async (m, _user, writes) => {
        await runWrites(m, writes);
      }),
    );
  }

  /**
   * Runs an authentication; when it is refused, records the refusal (outside its rolled-back
   * transaction) and answers the refusal unchanged.
   */
  private async recordingDenial<T>(
    app: ClientApp,
    as: DeniedAs,
    ip: string,
    hwid: string | undefined,
    attempt: () => Promise<T>,
  ): Promise<T> {
    try {
      return await attempt();
    } catch (e) {
      await this.denials.record(app.id, e, as, ip, hwid);
      throw e;
    }
  }

  /**
   * Checks a user's credentials and access, then runs `then` in its transaction with the writes
   * that record the login (the user's update, user.login), for `then` to send with its own.
   */
  private async authenticate<T>(
    app: ClientApp,
    input: LoginInput,
    ip: string,
    then: (m: EntityManager, user: AppUserEntity, writes: Write[]) => Promise<T>,
  ): Promise<T> {
    await this.blacklist.assertAllowed(app.id, ip, input.hwid);
    const found = await this.users.findCredentials(app.id, input.username);
    // The same answer, at the same bcrypt cost, for an unknown user and a wrong password.
    const ok = await this.passwords.verify(input.password, found?.passwordHash, 'end-user');
    if (!found || !ok) throw new DomainError('INVALID_CREDENTIALS');
    assertVersion(app, input.version);

    return this.dataSource.transaction(async (m) => {
      const user = await this.users.lockById(found.id, m);
      if (!user) throw new DomainError('INVALID_CREDENTIALS');
      if (user.banned) throw new DomainError('USER_BANNED');
      // The key the user registered with carries its access: banning the key bans its user.
      if (await this.licenses.userHasBannedKey(user.id, m)) throw new DomainError('LICENSE_BANNED');
      if (isPast(user.expiresAt)) throw new DomainError('LICENSE_EXPIRED');
      user.hwid = checkHwid(app.hwidLock, user.hwid, input.hwid);
      user.lastLoginAt = new Date();
      user.lastLoginIp = ip;
      return then(m, user, [
        this.users.updateWrite(user.id, { hwid: user.hwid, lastLoginAt: user.lastLoginAt, lastLoginIp: ip }),
        ...this.events.writes(app.id, 'user.login', {
          userId: toPublicId('user', user.id),
          username: user.username,
          ip,
          hwid: input.hwid ?? null,
          country: countryOfIp(ip),
        }),
      ]);
    });
  }

  async register(
    app: ClientApp,
    input: { username: string; password: string; licenseKey: string; hwid?: string; version?: string },
    ip: string,
  ): Promise<ClientRegisterResponse> {
    return this.recordingDenial(app, { username: input.username, licenseKey: input.licenseKey }, ip, input.hwid, () =>
      this.redeem(app, input, ip),
    );
  }

  private async redeem(
    app: ClientApp,
    input: { username: string; password: string; licenseKey: string; hwid?: string; version?: string },
    ip: string,
  ): Promise<ClientRegisterResponse> {
    if (!app.registrationEnabled) throw new DomainError('FORBIDDEN', 'Registration is disabled for this application');
    await this.blacklist.assertAllowed(app.id, ip, input.hwid);
    const passwordHash = await this.passwords.hash(input.password, 'end-user');

    return this.dataSource.transaction(async (m) => {
      // The row lock makes concurrent redemptions of one key queue up: one wins, the rest see it used.
      const license = await this.licenses.lockByKey(app.id, input.licenseKey, m);
      if (!license) throw new DomainError('INVALID_LICENSE');
      assertVersion(app, input.version);
      if (license.banned) throw new DomainError('LICENSE_BANNED');
      if (license.redeemed || license.activatedAt || license.userId) throw new DomainError('LICENSE_USED');
      if (isPast(license.expiresAt)) throw new DomainError('LICENSE_EXPIRED');

      const now = new Date();
      const expiresAt = license.expiresAt ?? (license.durationDays ? addDays(now, license.durationDays) : null);
      let user: AppUserEntity;
      try {
        user = await this.users.create(
          {
            appId: app.id,
            username: input.username,
            passwordHash,
            subscription: license.subscription,
            expiresAt,
            hwid: input.hwid ?? null,
            lastLoginAt: now,
            lastLoginIp: ip,
          },
          m,
        );
      } catch (e) {
        if (isUniqueViolation(e, 'uq_app_users_username')) throw new DomainError('USERNAME_TAKEN');
        throw e;
      }
      const userId = toPublicId('user', user.id);
      const country = countryOfIp(ip);
      const { token } = await this.sessions.create(m, { appId: app.id, userId: user.id, ip, hwid: input.hwid }, [
        this.licenses.updateWrite(license.id, { userId: user.id, redeemed: true, activatedAt: now, expiresAt, hwid: input.hwid ?? null }),
        ...this.events.writes(app.id, 'user.register', { userId, username: user.username, ip, hwid: input.hwid ?? null, country }),
        ...this.events.writes(app.id, 'license.activate', {
          licenseId: toPublicId('license', license.id),
          key: license.key,
          userId,
          ip,
          hwid: input.hwid ?? null,
          country,
          expiresAt: iso(expiresAt),
        }),
      ]);
      return { token, user: { id: userId, username: user.username } };
    });
  }

  async licenseLogin(
    app: ClientApp,
    input: { licenseKey: string; hwid?: string; version?: string },
    ip: string,
  ): Promise<ClientLicenseLoginResponse> {
    return this.recordingDenial(app, { licenseKey: input.licenseKey }, ip, input.hwid, () => this.keyLogin(app, input, ip));
  }

  private async keyLogin(
    app: ClientApp,
    input: { licenseKey: string; hwid?: string; version?: string },
    ip: string,
  ): Promise<ClientLicenseLoginResponse> {
    await this.blacklist.assertAllowed(app.id, ip, input.hwid);
    return this.dataSource.transaction(async (m) => {
      const license = await this.licenses.lockByKey(app.id, input.licenseKey, m);
      if (!license) throw new DomainError('INVALID_LICENSE');
      assertVersion(app, input.version);
      if (license.banned) throw new DomainError('LICENSE_BANNED');
      // A redeemed key is its user's, even after that user is deleted.
      if (license.redeemed || license.userId) {
        throw new DomainError('LICENSE_USED', 'License key is registered to a user account: log in with username and password');
      }
      if (isPast(license.expiresAt)) throw new DomainError('LICENSE_EXPIRED');
      const firstUse = !license.activatedAt;
      if (firstUse) {
        // The clock starts now (unless the seller already set an expiry by hand).
        license.activatedAt = new Date();
        license.expiresAt ??= license.durationDays ? addDays(license.activatedAt, license.durationDays) : null;
      }
      const hwid = checkHwid(app.hwidLock, license.hwid, input.hwid);
      // A login of an activated key from the device it knows changes nothing: no write, no new row version.
      const writes: Write[] = [];
      if (firstUse || hwid !== license.hwid) {
        license.hwid = hwid;
        writes.push(this.licenses.updateWrite(license.id, { activatedAt: license.activatedAt, expiresAt: license.expiresAt, hwid }));
      }
      if (firstUse) {
        writes.push(
          ...this.events.writes(app.id, 'license.activate', {
            licenseId: toPublicId('license', license.id),
            key: license.key,
            ip,
            hwid: input.hwid ?? null,
            country: countryOfIp(ip),
            expiresAt: iso(license.expiresAt),
          }),
        );
      }
      const { token } = await this.sessions.create(m, { appId: app.id, licenseId: license.id, ip, hwid: input.hwid }, writes);
      return { token, license: toClientLicense(license) };
    });
  }

  session(principal: ClientPrincipal): ClientSessionResponse {
    if (!principal.session) throw new DomainError('UNAUTHORIZED', 'Session expired or ended');
    const { session, user, license } = principal.session;
    return {
      session: {
        id: toPublicId('session', session.id),
        createdAt: session.createdAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
      },
      ...(user ? { user: toClientUser(user) } : {}),
      ...(license ? { license: { ...toClientLicense(license), subscription: license.subscription } } : {}),
    };
  }

  async logout(principal: ClientPrincipal): Promise<{ loggedOut: true }> {
    if (principal.session) await this.sessions.revoke(principal.session.session.id);
    return { loggedOut: true };
  }
}
