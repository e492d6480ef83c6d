import { Injectable } from '@nestjs/common';
import { PASSWORD_MAX_BYTES, passwordBytes } from '@keyhold/contracts';
import * as bcrypt from 'bcrypt';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { DomainError } from './errors/domain-error';
import { HashingAdmission, HashingClass } from './hashing-admission';

/**
 * bcrypt through its async API, which hashes on libuv's thread pool, never on the event loop, and
 * through admission control (hashing-admission.ts): `cls` says whose password it is, so a flood of
 * account logins can neither starve end-user logins nor queue work for seconds.
 */
@Injectable()
export class PasswordsService {
  // A fixed hash to compare against when the account does not exist, so both paths cost the same.
  private dummyHash?: Promise<string>;
  private readonly admission: HashingAdmission;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    const slots = config.hashingConcurrency;
    this.admission = new HashingAdmission(slots, { 'end-user': 64 * slots, account: 4 * slots });
  }

  hash(password: string, cls: HashingClass = 'account'): Promise<string> {
    // The DTOs refuse longer ones; this keeps a new path from storing a hash of a cut password.
    if (passwordBytes(password) > PASSWORD_MAX_BYTES)
      throw new DomainError('VALIDATION_FAILED', `Passwords are at most ${PASSWORD_MAX_BYTES} bytes of UTF-8`);
    return this.admission.run(cls, () => bcrypt.hash(password, this.config.bcryptCost));
  }

  /** Routes refuse longer passwords; Axora has no validation step, so a longer one never matches here. */
  verify(password: string, hash: string | null | undefined, cls: HashingClass = 'account'): Promise<boolean> {
    return this.admission.run(cls, async () => {
      if (!hash || passwordBytes(password) > PASSWORD_MAX_BYTES) {
        this.dummyHash ??= bcrypt.hash('keyhold-timing-equaliser', this.config.bcryptCost);
        await bcrypt.compare(password, await this.dummyHash);
        return false;
      }
      return bcrypt.compare(password, hash);
    });
  }
}
