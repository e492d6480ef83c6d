import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The app secret becomes the store integration key (issue 17), so it is stored as a hash (SHA-256
 * of its text, unique: the key finds its app) instead of encrypted. Secrets made before are hashed
 * at the next start, where the master key that decrypts them is at hand (IntegrationKeysService).
 */
export class IntegrationKeys1764101000000 implements MigrationInterface {
  name = 'IntegrationKeys1764101000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps ADD COLUMN secret_hash text`);
    await q.query(`ALTER TABLE apps ALTER COLUMN secret_encrypted DROP NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_apps_secret_hash ON apps (secret_hash) WHERE secret_hash IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_apps_secret_hash`);
    await q.query(`ALTER TABLE apps DROP COLUMN secret_hash`);
  }
}
