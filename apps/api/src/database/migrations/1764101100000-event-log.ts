import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seller's event log (issue 17): its pages walk an app's events newest first by `seq`
 * (ix_events_app_seq); filtered by one event name (`auth.denied`, rare among logins), they walk
 * this index instead, so a page of a rare name is one index descent, not a scan of the app's log.
 * The overview's per-day and per-country counts, which pick names, use it too.
 */
export class EventLog1764101100000 implements MigrationInterface {
  name = 'EventLog1764101100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_events_app_name_seq ON events (app_id, name, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_events_app_name_seq`);
  }
}
