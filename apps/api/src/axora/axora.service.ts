import { Injectable } from '@nestjs/common';
import { AppLookup } from '../apps/app-lookup';
import { AppsService } from '../apps/apps.service';
import { AuthDenials } from '../client/auth-denials';
import { ClientService } from '../client/client.service';
import { DomainError } from '../common/errors/domain-error';
import { AxoraCredentials } from './axora-url';

export interface AxoraSuccess {
  authenticated: true;
  app_id: string;
  app_name: string;
  endpoint: string;
  message: 'Authentication successful';
}

/** Axora's messages. The first four are the seed's; the rest follow its style for cases it does not name. */
export const AXORA_MESSAGES = {
  appNotFound: 'App disabled or not found',
  credentialInvalid: 'Credential disabled or invalid',
  updateRequired: (version: string) => `Update required. Current version: ${version}`,
  otherDevice: 'This user is logged into another device',
  malformed: 'Malformed authentication URL: expected /app/auth/{endpoint}+{username}+{password}+{version}[+{hardware_id}]',
  hwidRequired: 'Hardware ID required: this app restricts login access to a single device per user account',
  expired: 'Credential expired',
  blacklisted: 'Access denied: IP or hardware ID is blacklisted',
} as const;

const axora = (status: number, message: string, code: DomainError['code'] = 'BAD_REQUEST') =>
  new DomainError(code, message, undefined, status);

/**
 * A second wire protocol over the same domain: the app is found by its Axora endpoint id, the
 * credential is an end user, and the checks are the client API's (same rules and events, but no
 * session: Axora answers no token), so a ban, a hardware-id reset or an expiry applies to both.
 */
@Injectable()
export class AxoraService {
  constructor(
    private readonly apps: AppsService,
    private readonly lookup: AppLookup,
    private readonly client: ClientService,
    private readonly denials: AuthDenials,
  ) {}

  /** `req` only keys the per-request app lookup, which the rate-limit guard and the signer already made. */
  async authenticate(req: object, c: AxoraCredentials | null, ip: string): Promise<AxoraSuccess> {
    if (!c) throw axora(400, AXORA_MESSAGES.malformed);
    const app = await this.lookup.byEndpoint(req, c.endpoint);
    if (!app || app.status !== 'ACTIVE') throw axora(404, AXORA_MESSAGES.appNotFound, 'NOT_FOUND');
    // Refused before the credentials are looked at; the client service records the refusals it makes itself.
    // (A missing hardware id with the device lock on is the lock's refusal: HWID_MISMATCH.)
    const early =
      app.enforceVersion && c.version !== app.version
        ? { reason: 'UPDATE_REQUIRED' as const, error: axora(426, AXORA_MESSAGES.updateRequired(app.version)) }
        : app.hwidLock && !c.hwid
          ? { reason: 'HWID_MISMATCH' as const, error: axora(400, AXORA_MESSAGES.hwidRequired) }
          : null;
    if (early) {
      await this.denials.recordReason(app.id, early.reason, { username: c.username }, ip, c.hwid);
      throw early.error;
    }
    try {
      await this.client.verifyCredentials(app, { username: c.username, password: c.password, hwid: c.hwid, version: c.version }, ip);
    } catch (e) {
      throw e instanceof DomainError ? toAxoraError(e) : e;
    }
    return {
      authenticated: true,
      app_id: this.apps.publicId(app),
      app_name: app.name,
      endpoint: app.endpoint,
      message: 'Authentication successful',
    };
  }
}

function toAxoraError(e: DomainError): DomainError {
  switch (e.code) {
    case 'INVALID_CREDENTIALS':
    case 'USER_BANNED':
    case 'LICENSE_BANNED':
      return axora(401, AXORA_MESSAGES.credentialInvalid, e.code);
    case 'HWID_MISMATCH':
      return axora(403, AXORA_MESSAGES.otherDevice, e.code);
    case 'LICENSE_EXPIRED':
      return axora(403, AXORA_MESSAGES.expired, e.code);
    case 'BLACKLISTED':
      return axora(403, AXORA_MESSAGES.blacklisted, e.code);
    default:
      return e;
  }
}
