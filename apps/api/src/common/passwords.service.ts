import { Injectable } from '@nestjs/common';
import { PASSWORD_MAX_BYTES, passwordBytes } from '@keyhold/contracts';
import * as bcrypt from 'bcrypt';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { DomainError } from './errors/domain-error';

/** bcrypt through its async API, which hashes on libuv's thread pool, never on the event loop. */
@Injectable()
export class PasswordsService {
  // A fixed hash to compare against when the account does not exist, so both paths cost the same.
  private dummyHash?: Promise<string>;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    // The DTOs refuse longer ones; this keeps a new path from storing a hash of a cut password.
    if (passwordBytes(password) > PASSWORD_MAX_BYTES)
      throw new DomainError('VALIDATION_FAILED', `Passwords are at most ${PASSWORD_MAX_BYTES} bytes of UTF-8`);
    return bcrypt.hash(password, this.config.bcryptCost);
  }

  /** Routes refuse longer passwords; Axora has no validation step, so a longer one never matches here. */
  async verify(password: string, hash: string | null | undefined): Promise<boolean> {
    if (!hash || passwordBytes(password) > PASSWORD_MAX_BYTES) {
      this.dummyHash ??= bcrypt.hash('keyhold-timing-equaliser', this.config.bcryptCost);
      await bcrypt.compare(password, await this.dummyHash);
      return false;
    }
    return bcrypt.compare(password, hash);
  }
}
