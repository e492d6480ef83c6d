import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seller and reseller account security (issue 13).
 *
 * - `account_sessions`: one row per seller or reseller token. The token names its row (`jti`), and
 *   a token works only while the row exists, so logout, "sign out everywhere", a password change and
 *   a suspension end tokens for good, whatever the clock says. This replaces the reseller's
 *   `credentials_changed_at`, which compared whole seconds and let a token signed in the same second
 *   as a password change live on. Tokens signed before this migration name no row: everyone signs
 *   in once more.
 * - Two-factor sign-in for sellers (TOTP): the secret (encrypted under MASTER_KEY), one being set
 *   up, the last time step used (a code works once), the count of wrong codes in the current window
 *   (a ceiling on guesses by someone who has the password), and the hashed recovery codes.
 */
export class AccountSecurity1764100700000 implements MigrationInterface {
  name = 'AccountSecurity1764100700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_sessions (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        seller_id uuid REFERENCES sellers (id) ON DELETE CASCADE,
        reseller_id uuid REFERENCES resellers (id) ON DELETE CASCADE,
        ip varchar(64),
        user_agent varchar(256),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT ck_account_sessions_owner CHECK ((seller_id IS NULL) <> (reseller_id IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_account_sessions_seller ON account_sessions (seller_id) WHERE seller_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_account_sessions_reseller ON account_sessions (reseller_id) WHERE reseller_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_account_sessions_expires_at ON account_sessions (expires_at)`);
    await q.query(`ALTER TABLE resellers DROP COLUMN credentials_changed_at`);

    await q.query(`
      ALTER TABLE sellers
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN two_factor_failures integer NOT NULL DEFAULT 0,
        ADD COLUMN two_factor_failures_since timestamptz`);
    await q.query(`
      CREATE TABLE seller_recovery_codes (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        seller_id uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
        code_hash char(64) NOT NULL,
        used_at timestamptz,
        CONSTRAINT uq_seller_recovery_codes UNIQUE (seller_id, code_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seller_recovery_codes`);
    await q.query(`
      ALTER TABLE sellers
        DROP COLUMN totp_enabled_at, DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_last_step,
        DROP COLUMN two_factor_failures, DROP COLUMN two_factor_failures_since`);
    await q.query(`ALTER TABLE resellers ADD COLUMN credentials_changed_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`DROP TABLE account_sessions`);
  }
}
