import { Injectable } from '@nestjs/common';
import { BaseRepository } from '../database/repository';

/** Whether the database answers. */
@Injectable()
export class HealthRepository extends BaseRepository {
  /**
   * `SELECT 1` on the pool: true when it answers, false when it fails. Never rejects, so a caller
   * that stopped waiting (a timeout) leaves no unhandled rejection behind, and a late answer still
   * returns its connection to the pool.
   */
  ping(): Promise<boolean> {
    return this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
  }
}
