import { Injectable, Logger } from '@nestjs/common';
import type { AuthDenialReason, WebhookEventData } from '@keyhold/contracts';
import { AUTH_DENIAL_REASONS, HWID_MAX_LENGTH } from '@keyhold/contracts';
import { DomainError } from '../common/errors/domain-error';
import { countryOfIp } from '../common/ip-country';
import { EventsService } from '../events/events.service';

/** Who a refused authentication named: a username, or a license key (of which only the last 4 characters are kept). */
export interface DeniedAs {
  username?: string;
  licenseKey?: string;
}

/**
 * At most this many refusals are being written at once. A flood of refused logins (rate limits
 * count per app and IP, so many IPs make a flood) then holds at most this many database
 * connections for its events; the refusals beyond it are answered all the same and not recorded.
 */
export const MAX_DENIALS_IN_FLIGHT = 8;
/** How often, at most, skipped or failed recordings are logged. */
const WARN_EVERY_MS = 60_000;

const REASONS: ReadonlySet<string> = new Set(AUTH_DENIAL_REASONS);

/** The code of `error` when it is a refusal worth recording (not a rate limit, load shedding or a fault). */
export function denialReasonOf(error: unknown): AuthDenialReason | null {
  return error instanceof DomainError && REASONS.has(error.code) ? (error.code as AuthDenialReason) : null;
}

/** In a `u` regex a valid pair is one code point, so `\p{Cs}` matches only a lone surrogate. */
const LONE_SURROGATES = /\p{Cs}/gu;

/**
 * Text fit for the log: bounded, with no lone surrogate and no NUL, which jsonb refuses (an Axora
 * URL may carry either; JSON bodies with them were refused before they got here).
 */
function clean(value: string, max: number): string {
  return value.slice(0, max).replace(LONE_SURROGATES, '\uFFFD').replaceAll('\u0000', '');
}

/**
 * Records refused end-user authentications (client login, register, license login, Axora) as
 * `auth.denied` events, with their webhook deliveries. A refusal has no transaction of its own
 * (what it tried rolled back), so its event is one statement of its own, written after the
 * refusal is decided and before it is answered. It never turns a refusal into another answer: a
 * failed write is logged, not thrown, and past MAX_DENIALS_IN_FLIGHT the event is skipped.
 */
@Injectable()
export class AuthDenials {
  private readonly logger = new Logger(AuthDenials.name);
  private inFlight = 0;
  private unrecorded = 0;
  private lastWarnAt = 0;

  constructor(private readonly events: EventsService) {}

  /**
   * Records `error` as the app's auth.denied when it is a refusal (denialReasonOf); anything else
   * is left alone. Resolves once written (or given up), never rejects.
   */
  async record(appId: string, error: unknown, as: DeniedAs, ip: string, hwid: string | null | undefined): Promise<void> {
    const reason = denialReasonOf(error);
    if (reason) await this.recordReason(appId, reason, as, ip, hwid);
  }

  /** Records a refusal decided outside the domain's errors (Axora's own early checks). Never rejects. */
  async recordReason(appId: string, reason: AuthDenialReason, as: DeniedAs, ip: string, hwid: string | null | undefined): Promise<void> {
    if (this.inFlight >= MAX_DENIALS_IN_FLIGHT) return this.skipped('too many refusals at once');
    this.inFlight++;
    try {
      // What the client sent is only as well-formed as its DTO made it (a JSON null hardware id is "none").
      const data: WebhookEventData['auth.denied'] = {
        reason,
        ...(typeof as.username === 'string' ? { username: clean(as.username, 64) } : {}),
        ...(typeof as.licenseKey === 'string' ? { keyLast4: clean(as.licenseKey.slice(-4), 4) } : {}),
        ip,
        hwid: typeof hwid === 'string' ? clean(hwid, HWID_MAX_LENGTH) : null,
        country: countryOfIp(ip),
      };
      await this.events.recordAlone(appId, 'auth.denied', data);
    } catch (e) {
      this.skipped(`the write failed: ${(e as Error)?.message ?? String(e)}`);
    } finally {
      this.inFlight--;
    }
  }

  /** Logs, at most once a minute, how many refusals went unrecorded. */
  private skipped(why: string): void {
    this.unrecorded++;
    const now = Date.now();
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    this.logger.warn(`${this.unrecorded} refused sign-in(s) not recorded as auth.denied since the last warning (latest: ${why})`);
    this.unrecorded = 0;
  }
}
