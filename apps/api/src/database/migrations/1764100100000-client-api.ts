import { MigrationInterface, QueryRunner } from 'typeorm';

/** End users, license keys, client sessions, the blacklist and the event log (issue: client API). */
export class ClientApi1764100100000 implements MigrationInterface {
  name = 'ClientApi1764100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_users (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        username varchar(64) NOT NULL,
        password_hash varchar(100) NOT NULL,
        subscription varchar(64),
        expires_at timestamptz,
        hwid varchar(256),
        banned boolean NOT NULL DEFAULT false,
        ban_reason varchar(500),
        last_login_at timestamptz,
        last_login_ip varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_app_users_username UNIQUE (app_id, username)
      )`);
    await q.query(`
      CREATE TABLE licenses (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        key varchar(64) NOT NULL,
        duration_days integer CHECK (duration_days IS NULL OR duration_days > 0),
        subscription varchar(64) NOT NULL DEFAULT 'default',
        note varchar(500),
        user_id uuid REFERENCES app_users(id) ON DELETE SET NULL,
        hwid varchar(256),
        activated_at timestamptz,
        expires_at timestamptz,
        expiry_notified_at timestamptz,
        banned boolean NOT NULL DEFAULT false,
        ban_reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_licenses_app_key UNIQUE (app_id, key)
      )`);
    await q.query(`CREATE INDEX ix_licenses_user_id ON licenses (user_id)`);
    await q.query(`CREATE INDEX ix_licenses_app_created ON licenses (app_id, created_at)`);
    await q.query(`CREATE INDEX ix_licenses_pending_expiry ON licenses (expires_at) WHERE expiry_notified_at IS NULL`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        user_id uuid REFERENCES app_users(id) ON DELETE CASCADE,
        license_id uuid REFERENCES licenses(id) ON DELETE CASCADE,
        ip varchar(64),
        hwid varchar(256),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (user_id IS NOT NULL OR license_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_sessions_app_id ON sessions (app_id)`);
    await q.query(`CREATE INDEX ix_sessions_user_id ON sessions (user_id)`);
    await q.query(`CREATE INDEX ix_sessions_license_id ON sessions (license_id)`);
    await q.query(`
      CREATE TABLE blacklist_entries (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        type varchar(4) NOT NULL CHECK (type IN ('ip', 'hwid')),
        value varchar(256) NOT NULL,
        network cidr,
        reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_blacklist_entry UNIQUE (app_id, type, value),
        CHECK ((type = 'ip') = (network IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
        seq bigserial NOT NULL,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        name varchar(32) NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_events_app_seq ON events (app_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['events', 'blacklist_entries', 'sessions', 'licenses', 'app_users']) await q.query(`DROP TABLE ${t}`);
  }
}
