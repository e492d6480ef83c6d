import { Injectable } from '@nestjs/common';
import { RECOVERY_CODE_COUNT } from '@keyhold/contracts';
import type { TwoFactorSetupResponse } from '@keyhold/contracts';
import { Secret, TOTP } from 'otpauth';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { decryptSecret, encryptSecret, randomString, sha256Hex } from '../common/crypto';
import { DomainError, RetryLaterError } from '../common/errors/domain-error';
import { RecoveryCodesRepository } from './recovery-codes.repository';
import { SellersRepository } from './sellers.repository';

/** RFC 6238 as authenticator apps read it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
/** One step either side: a phone's clock a little off, or a code typed as it rolled over. */
const WINDOW = 1;
/** Wrong codes allowed per window, for someone who already has the password. */
const MAX_ATTEMPTS = 10;
const ATTEMPT_WINDOW_SECONDS = 15 * 60;
/** 16 characters of 32 (80 random bits), shown as four groups of four. */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

const totpOf = (base32: string, label = 'Keyhold') =>
  new TOTP({ issuer: 'Keyhold', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(base32) });

/** What a recovery code is stored as: case, spaces and dashes do not matter. */
const recoveryHash = (code: string) => sha256Hex(code.toLowerCase().replace(/[^0-9a-z]/g, ''));

const isTotpCode = (code: string) => /^\d{6}$/.test(code);
const compact = (code: string) => code.replace(/\s+/g, '');

const invalidCode = () => new DomainError('INVALID_TWO_FACTOR_CODE');

/**
 * Sellers' two-factor sign-in (TOTP, RFC 6238, with the otpauth library). The secret is stored
 * encrypted under MASTER_KEY; a code's time step is used once; recovery codes are stored as hashes
 * and used once; wrong codes are counted per seller, so having the password does not buy an
 * unlimited number of guesses.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly recoveryCodes: RecoveryCodesRepository,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** A new secret to set up, not in force until `enable` confirms a code of it. */
  async setup(sellerId: string): Promise<TwoFactorSetupResponse> {
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw new DomainError('UNAUTHORIZED');
    if (seller.totpEnabledAt)
      throw new DomainError('BAD_REQUEST', 'Two-factor sign-in is already on: turn it off first to set up another authenticator');
    const secret = new Secret({ size: 20 }).base32;
    await this.sellers.setPendingTotp(sellerId, encryptSecret(this.config.masterKey, secret));
    return { secret, otpauthUrl: totpOf(secret, seller.email).toString() };
  }

  /** Puts the secret being set up in force once a current code of it is given; returns the recovery codes. */
  async enable(sellerId: string, code: string): Promise<string[]> {
    return this.dataSource.transaction(async (m) => {
      await this.sellers.lockById(sellerId, m);
      const secrets = await this.sellers.totpSecrets(sellerId, m);
      if (secrets?.active) throw new DomainError('BAD_REQUEST', 'Two-factor sign-in is already on');
      if (!secrets?.pending) throw new DomainError('BAD_REQUEST', 'Set up two-factor sign-in first (POST /v1/auth/2fa/setup)');
      const step = this.stepOf(decryptSecret(this.config.masterKey, secrets.pending), compact(code));
      if (step === null) throw invalidCode();
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomString(16, RECOVERY_ALPHABET).replace(/(.{4})(?!$)/g, '$1-'));
      await this.sellers.enableTotp(sellerId, secrets.pending, step, m);
      await this.recoveryCodes.replace(sellerId, codes.map(recoveryHash), m);
      return codes;
    });
  }

  /** Turns two-factor sign-in off, confirmed with a current code or a recovery code. */
  async disable(sellerId: string, code: string): Promise<void> {
    await this.verify(sellerId, code);
    await this.dataSource.transaction(async (m) => {
      await this.sellers.disableTotp(sellerId, m);
      await this.recoveryCodes.deleteAll(sellerId, m);
    });
  }

  /**
   * The second factor of a sign-in (or of turning it off): a code of the authenticator whose step
   * was not used yet, or an unused recovery code. Throws TWO_FACTOR_REQUIRED without a code,
   * INVALID_TWO_FACTOR_CODE for a wrong one, and RATE_LIMITED after too many in a window.
   */
  async verify(sellerId: string, code: string | undefined): Promise<void> {
    if (code === undefined || code.trim() === '') throw new DomainError('TWO_FACTOR_REQUIRED');
    const secrets = await this.sellers.totpSecrets(sellerId);
    if (!secrets?.active) throw new DomainError('BAD_REQUEST', 'Two-factor sign-in is not on');
    const { attempts, windowEndsAt } = await this.sellers.countTwoFactorAttempt(sellerId, ATTEMPT_WINDOW_SECONDS);
    if (attempts > MAX_ATTEMPTS) {
      throw new RetryLaterError((windowEndsAt.getTime() - Date.now()) / 1000, 'Too many wrong two-factor codes, try again later');
    }
    const given = compact(code);
    let ok: boolean;
    if (isTotpCode(given)) {
      const step = this.stepOf(decryptSecret(this.config.masterKey, secrets.active), given);
      ok = step !== null && (await this.sellers.useTotpStep(sellerId, step));
    } else {
      ok = await this.recoveryCodes.use(sellerId, recoveryHash(given));
    }
    if (!ok) throw invalidCode();
    await this.sellers.resetTwoFactorAttempts(sellerId);
  }

  /** The time step `code` belongs to under `secret` (within the window), or null. */
  private stepOf(secret: string, code: string): number | null {
    if (!isTotpCode(code)) return null;
    const now = Date.now();
    const delta = totpOf(secret).validate({ token: code, timestamp: now, window: WINDOW });
    return delta === null ? null : TOTP.counter({ period: PERIOD_SECONDS, timestamp: now }) + delta;
  }
}
