import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { IntegrationKeys } from '../common/request';
import { decryptSecret, sha256Hex } from '../common/crypto';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { AppsRepository } from './apps.repository';

/**
 * Store integration keys: an app's secret (`as_...`) as a bearer token on the admin routes of that
 * app. The AccessGuard (auth/) asks this service, by INTEGRATION_KEYS, which app a key opens. A
 * key is found by its SHA-256 on every request (no cache), so a rotation ends the old one at once.
 */
@Injectable()
export class IntegrationKeysService implements IntegrationKeys, OnApplicationBootstrap {
  private readonly log = new Logger(IntegrationKeysService.name);

  constructor(
    private readonly apps: AppsRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async authenticate(secret: string): Promise<{ sellerId: string; appId: string } | null> {
    const app = await this.apps.findBySecretHash(sha256Hex(secret));
    return app ? { sellerId: app.sellerId, appId: app.id } : null;
  }

  /**
   * Secrets of apps made before secrets were hashed are still encrypted: hash them (the master
   * key is here, not in the migration) and drop the ciphertext. Idempotent, and safe with several
   * processes starting at once (each update applies only while the hash is missing).
   */
  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.apps.withEncryptedSecret();
    for (const app of pending) {
      try {
        await this.apps.hashEncryptedSecret(app.id, sha256Hex(decryptSecret(this.config.masterKey, app.secretEncrypted!)));
      } catch (e) {
        // A secret sealed under another master key cannot be recovered: the seller rotates it.
        this.log.warn(`The secret of app ${app.id} could not be decrypted (${(e as Error).message}); rotate it in the app's settings`);
      }
    }
  }
}
