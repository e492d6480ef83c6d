import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (issue 11): the indexes that let old sessions, events and webhook attempts be found
 * without reading whole tables, and the lease row that lets one API process at a time prune them.
 */
export class Retention1764100600000 implements MigrationInterface {
  name = 'Retention1764100600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_sessions_expires_at ON sessions (expires_at)`);
    await q.query(`CREATE INDEX ix_sessions_revoked_at ON sessions (revoked_at) WHERE revoked_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_events_created_at ON events (created_at)`);
    await q.query(`CREATE INDEX ix_webhook_attempts_attempted_at ON webhook_attempts (attempted_at)`);
    // One row per periodic task shared by the API processes: who holds it, until when, and when it
    // last started (so it runs once per interval across all processes, not once per process).
    await q.query(`
      CREATE TABLE scheduled_tasks (
        name varchar(64) PRIMARY KEY,
        holder varchar(64),
        lease_until timestamptz,
        last_started_at timestamptz,
        last_finished_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduled_tasks`);
    for (const ix of ['ix_webhook_attempts_attempted_at', 'ix_events_created_at', 'ix_sessions_revoked_at', 'ix_sessions_expires_at']) {
      await q.query(`DROP INDEX ${ix}`);
    }
  }
}
