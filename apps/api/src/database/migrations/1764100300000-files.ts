import { MigrationInterface, QueryRunner } from 'typeorm';

/** Seller files, encrypted at rest (issue: files). */
export class Files1764100300000 implements MigrationInterface {
  name = 'Files1764100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        name varchar(255) NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 char(64) NOT NULL,
        content_type varchar(255) NOT NULL,
        subscriptions text[] NOT NULL DEFAULT '{}',
        storage_key varchar(128) NOT NULL,
        wrapped_key varchar(255) NOT NULL,
        nonce_prefix varchar(32) NOT NULL,
        chunk_size integer NOT NULL CHECK (chunk_size > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_files_storage_key UNIQUE (storage_key)
      )`);
    await q.query(`CREATE INDEX ix_files_app_id ON files (app_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE files`);
  }
}
