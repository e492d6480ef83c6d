import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seller's license and user lists at a million rows (issue 15). Pages walk (app_id,
 * created_at, id) in either direction, so a cursor (database/page-query.ts) starts a page deep in
 * the list with one index descent; banned keys, rare in a big app, have a small index of their
 * own; and search (`q`, a substring anywhere) uses trigram indexes, one per searched column, which
 * the planner ORs together. pg_trgm ships with PostgreSQL and is a trusted extension: the owner of
 * the database may create it (PGlite loads it in database-options.ts).
 */
export class ListIndexes1764100900000 implements MigrationInterface {
  name = 'ListIndexes1764100900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`DROP INDEX ix_licenses_app_created`);
    await q.query(`CREATE INDEX ix_licenses_app_created ON licenses (app_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_licenses_app_banned ON licenses (app_id, created_at, id) WHERE banned`);
    for (const column of ['key', 'note', 'hwid']) {
      await q.query(`CREATE INDEX ix_licenses_${column}_trgm ON licenses USING gin (${column} gin_trgm_ops)`);
    }
    await q.query(`CREATE INDEX ix_app_users_app_created ON app_users (app_id, created_at, id)`);
    for (const column of ['username', 'hwid', 'last_login_ip']) {
      await q.query(`CREATE INDEX ix_app_users_${column}_trgm ON app_users USING gin (${column} gin_trgm_ops)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['username', 'hwid', 'last_login_ip']) await q.query(`DROP INDEX ix_app_users_${column}_trgm`);
    await q.query(`DROP INDEX ix_app_users_app_created`);
    for (const column of ['key', 'note', 'hwid']) await q.query(`DROP INDEX ix_licenses_${column}_trgm`);
    await q.query(`DROP INDEX ix_licenses_app_banned`);
    await q.query(`DROP INDEX ix_licenses_app_created`);
    await q.query(`CREATE INDEX ix_licenses_app_created ON licenses (app_id, created_at)`);
    // pg_trgm stays: other objects of the database may have come to use it.
  }
}
