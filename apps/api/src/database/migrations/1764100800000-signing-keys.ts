import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Apps' Ed25519 signing keys and offline-license settings (issue 14): the public key in the clear (it is published), the
 * private key encrypted under MASTER_KEY. At most one active key per app. An app without one (every
 * app from before this migration) gets its first key the first time anything needs it: the server
 * holds MASTER_KEY, a migration does not.
 */
export class SigningKeys1764100800000 implements MigrationInterface {
  name = 'SigningKeys1764100800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_keys (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        status varchar(8) NOT NULL,
        public_x varchar(64) NOT NULL,
        private_key_encrypted text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        CONSTRAINT ck_signing_keys_status CHECK (status IN ('active', 'next', 'previous'))
      )`);
    await q.query(`CREATE INDEX ix_signing_keys_app ON signing_keys (app_id, created_at)`);
    await q.query(`CREATE UNIQUE INDEX uq_signing_keys_active ON signing_keys (app_id) WHERE status = 'active'`);
    // Offline licenses (JWS): off by default; a week long.
    await q.query(`ALTER TABLE apps ADD COLUMN offline_enabled boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE apps ADD COLUMN offline_ttl_hours integer NOT NULL DEFAULT 168 CONSTRAINT ck_apps_offline_ttl CHECK (offline_ttl_hours BETWEEN 1 AND 2160)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps DROP COLUMN offline_ttl_hours, DROP COLUMN offline_enabled`);
    await q.query(`DROP TABLE signing_keys`);
  }
}
