import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { RecoveryCodeEntity } from './recovery-code.entity';

/** Sellers' two-factor recovery codes, by hash. */
@Injectable()
export class RecoveryCodesRepository extends BaseRepository {
  /** The seller's codes become exactly these (the old ones, used or not, are gone). */
  async replace(sellerId: string, codeHashes: string[], m: EntityManager): Promise<void> {
    await m.delete(RecoveryCodeEntity, { sellerId });
    await m.insert(
      RecoveryCodeEntity,
      codeHashes.map((codeHash) => ({ sellerId, codeHash })),
    );
  }

  async deleteAll(sellerId: string, m: EntityManager): Promise<void> {
    await m.delete(RecoveryCodeEntity, { sellerId });
  }

  /** Uses the code if the seller has it unused: true once, even for two requests at once. */
  async use(sellerId: string, codeHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH used AS (
         UPDATE seller_recovery_codes SET used_at = now()
          WHERE seller_id = $1 AND code_hash = $2 AND used_at IS NULL
         RETURNING 1
       )
       SELECT 1 FROM used`,
      [sellerId, codeHash],
    );
    return rows.length === 1;
  }
}
