import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await q.query(`
      CREATE TABLE sellers (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        email varchar(254) NOT NULL,
        name varchar(100) NOT NULL,
        password_hash varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_sellers_email UNIQUE (email)
      )`);
    await q.query(`
      CREATE TABLE apps (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        seller_id uuid NOT NULL REFERENCES sellers(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        version varchar(50) NOT NULL DEFAULT '1.0.0',
        status varchar(10) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        api_key varchar(64) NOT NULL,
        secret_encrypted text NOT NULL,
        endpoint varchar(20) NOT NULL,
        enforce_version boolean NOT NULL DEFAULT false,
        hwid_lock boolean NOT NULL DEFAULT true,
        registration_enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_apps_api_key UNIQUE (api_key),
        CONSTRAINT uq_apps_endpoint UNIQUE (endpoint)
      )`);
    await q.query(`CREATE INDEX ix_apps_seller_id ON apps (seller_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE apps`);
    await q.query(`DROP TABLE sellers`);
  }
}
