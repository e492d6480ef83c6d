import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The app each spend of a reseller's credits bought keys of (issue 17, item 8c): the ledger lists
 * name the app instead of leaving its public id in the note. Top-ups and take-backs have none. An
 * app deleted later leaves its spends with no app (the note still says what was bought).
 *
 * The spends written before this column name their app at the end of their note
 * (`... for app_<32 hex>`, reseller-prices.ts spendNote): they are filled in from it, for the
 * apps that still exist and are the reseller's seller's.
 */
export class LedgerApps1764101200000 implements MigrationInterface {
  name = 'LedgerApps1764101200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_ledger ADD COLUMN app_id uuid NULL REFERENCES apps(id) ON DELETE SET NULL`);
    // Deleting an app looks up its spends (the foreign key's SET NULL); most entries have no app.
    await q.query(`CREATE INDEX ix_credit_ledger_app_id ON credit_ledger (app_id) WHERE app_id IS NOT NULL`);
    await q.query(`
      UPDATE credit_ledger cl SET app_id = a.id
        FROM resellers r, apps a
       WHERE cl.amount < 0
         AND cl.note ~ ' for app_[0-9a-f]{32}$'
         AND r.id = cl.reseller_id
         AND a.id = CAST(substring(cl.note FROM 'app_([0-9a-f]{32})$') AS uuid)
         AND a.seller_id = r.seller_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_credit_ledger_app_id`);
    await q.query(`ALTER TABLE credit_ledger DROP COLUMN app_id`);
  }
}
