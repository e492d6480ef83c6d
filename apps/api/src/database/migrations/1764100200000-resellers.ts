import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resellers (issue: resellers): accounts, the apps they may sell, a price per duration, a credit
 * balance that the database itself keeps at or above zero, the ledger of every balance change, and
 * the reseller behind each license key.
 */
export class Resellers1764100200000 implements MigrationInterface {
  name = 'Resellers1764100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resellers (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        seller_id uuid NOT NULL REFERENCES sellers(id) ON DELETE CASCADE,
        username varchar(64) NOT NULL,
        password_hash varchar(100) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
        credits bigint NOT NULL DEFAULT 0,
        subscriptions varchar(64)[] NOT NULL DEFAULT '{}',
        credentials_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_resellers_credits CHECK (credits >= 0 AND credits <= 1000000000000)
      )`);
    // Unique per seller, case-insensitively; its leading column also serves the tenant FK.
    await q.query(`CREATE UNIQUE INDEX uq_resellers_seller_username ON resellers (seller_id, lower(username))`);
    // Login by username alone (without sellerId).
    await q.query(`CREATE INDEX ix_resellers_username ON resellers (lower(username))`);
    await q.query(`
      CREATE TABLE reseller_apps (
        reseller_id uuid NOT NULL REFERENCES resellers(id) ON DELETE CASCADE,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        PRIMARY KEY (reseller_id, app_id)
      )`);
    await q.query(`CREATE INDEX ix_reseller_apps_app_id ON reseller_apps (app_id)`);
    await q.query(`
      CREATE TABLE reseller_prices (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        reseller_id uuid NOT NULL REFERENCES resellers(id) ON DELETE CASCADE,
        duration_days integer CHECK (duration_days IS NULL OR duration_days > 0),
        credits integer NOT NULL CHECK (credits >= 0)
      )`);
    // One price per duration; NULL (lifetime) counts as a value (0 is not a valid duration).
    await q.query(`CREATE UNIQUE INDEX uq_reseller_prices_duration ON reseller_prices (reseller_id, COALESCE(duration_days, 0))`);
    await q.query(`
      CREATE TABLE credit_ledger (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        seq bigserial NOT NULL,
        reseller_id uuid NOT NULL REFERENCES resellers(id) ON DELETE CASCADE,
        amount bigint NOT NULL CHECK (amount <> 0),
        balance_after bigint NOT NULL CHECK (balance_after >= 0),
        note varchar(500),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // Entries are written under the reseller's row lock, so seq is the order of the balance changes.
    await q.query(`CREATE INDEX ix_credit_ledger_reseller_seq ON credit_ledger (reseller_id, seq)`);
    await q.query(`ALTER TABLE licenses ADD COLUMN reseller_id uuid NULL REFERENCES resellers(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX ix_licenses_reseller_id ON licenses (reseller_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_licenses_reseller_id`);
    await q.query(`ALTER TABLE licenses DROP COLUMN reseller_id`);
    for (const t of ['credit_ledger', 'reseller_prices', 'reseller_apps', 'resellers']) await q.query(`DROP TABLE ${t}`);
  }
}
