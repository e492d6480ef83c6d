import { Injectable } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';

/** bcrypt through its async API, which hashes on libuv's thread pool, never on the event loop. */
@Injectable()
export class PasswordsService {
  // A fixed hash to compare against when the account does not exist, so both paths cost the same.
  private dummyHash?: Promise<string>;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.bcryptCost);
  }

  async verify(password: string, hash: string | null | undefined): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= bcrypt.hash('keyhold-timing-equaliser', this.config.bcryptCost);
      await bcrypt.compare(password, await this.dummyHash);
      return false;
    }
    return bcrypt.compare(password, hash);
  }
}
