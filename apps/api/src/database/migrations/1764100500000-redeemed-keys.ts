import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A key redeemed by a registration stays redeemed (issue: hardening). `user_id` alone cannot say
 * so: it becomes null when the user is deleted (ON DELETE SET NULL), and the key must then still
 * answer LICENSE_USED rather than open a license-only session.
 */
export class RedeemedKeys1764100500000 implements MigrationInterface {
  name = 'RedeemedKeys1764100500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE licenses ADD COLUMN redeemed boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE licenses SET redeemed = true WHERE user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE licenses DROP COLUMN redeemed`);
  }
}
