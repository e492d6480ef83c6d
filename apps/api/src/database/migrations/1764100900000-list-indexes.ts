import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seller's license and user lists at a million rows (issue 15). Pages walk (app_id,
 * created_at, id) in either direction, so a cursor (database/page-query.ts) starts a page deep in
 * the list with one index descent; banned keys, rare in a big app, have a small index of their
 * own; and search (`q`, a substring anywhere) uses trigram indexes, one per searched column, which
 * the planner ORs together (without the rows that have no value: a key is generated with no note
 * or hardware id, and a search never matches a missing one). pg_trgm ships with PostgreSQL and is a trusted extension: the owner of
 * the database may create it (PGlite loads it in database-options.ts).
 */
/**
 * An expiry (and not banned) is where the "expired" filter looks: by expiry for its count (a range
 * of the index), newest first for its page, from the index alone (it carries the expiry and the
 * ban). Walking the main index instead skips every recent, still valid row first.
 */
async function expiryIndexes(q: QueryRunner, table: string, prefix: string): Promise<void> {
  const unbanned = 'WHERE banned = false AND expires_at IS NOT NULL';
  await q.query(`CREATE INDEX ${prefix}_app_expires ON ${table} (app_id, expires_at) ${unbanned}`);
  await q.query(`CREATE INDEX ${prefix}_app_expiring ON ${table} (app_id, created_at, id) INCLUDE (expires_at, banned) ${unbanned}`);
}

export class ListIndexes1764100900000 implements MigrationInterface {
  name = 'ListIndexes1764100900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`DROP INDEX ix_licenses_app_created`);
    await q.query(`CREATE INDEX ix_licenses_app_created ON licenses (app_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_licenses_app_banned ON licenses (app_id, created_at, id) WHERE banned`);
    await expiryIndexes(q, 'licenses', 'ix_licenses');
    for (const column of ['key', 'note', 'hwid']) {
      await q.query(`CREATE INDEX ix_licenses_${column}_trgm ON licenses USING gin (${column} gin_trgm_ops) WHERE ${column} IS NOT NULL`);
    }
    await q.query(`CREATE INDEX ix_app_users_app_created ON app_users (app_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_app_users_app_banned ON app_users (app_id, created_at, id) WHERE banned`);
    await expiryIndexes(q, 'app_users', 'ix_app_users');
    for (const column of ['username', 'hwid', 'last_login_ip']) {
      await q.query(`CREATE INDEX ix_app_users_${column}_trgm ON app_users USING gin (${column} gin_trgm_ops) WHERE ${column} IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['username', 'hwid', 'last_login_ip']) await q.query(`DROP INDEX ix_app_users_${column}_trgm`);
    await q.query(`DROP INDEX ix_app_users_app_expires, ix_app_users_app_expiring`);
    await q.query(`DROP INDEX ix_app_users_app_banned`);
    await q.query(`DROP INDEX ix_app_users_app_created`);
    for (const column of ['key', 'note', 'hwid']) await q.query(`DROP INDEX ix_licenses_${column}_trgm`);
    await q.query(`DROP INDEX ix_licenses_app_expires, ix_licenses_app_expiring`);
    await q.query(`DROP INDEX ix_licenses_app_banned`);
    await q.query(`DROP INDEX ix_licenses_app_created`);
    await q.query(`CREATE INDEX ix_licenses_app_created ON licenses (app_id, created_at)`);
    // pg_trgm stays: other objects of the database may have come to use it.
  }
}
