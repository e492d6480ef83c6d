import { BULK_MAX, type BulkResponse } from '@keyhold/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { assertBulkSize } from './dto/bulk.dto';

/** A bulk action's selection: these row ids, or every match of the list's filters. */
export type BulkSelection<F> = { ids: string[] } | { filter: F };

/** Where a domain's bulk selection is counted (unlocked) and locked (its repository). */
export interface BulkSource<R, F> {
  count(selection: BulkSelection<F>, cap: number): Promise<number>;
  lock(selection: BulkSelection<F>, limit: number, m: EntityManager): Promise<R[]>;
}

/**
 * The one shape of every bulk action (users, keys): nothing for an empty selection; a dry run
 * counts without locking anything (up to BULK_MAX + 1: past the limit it says "more"); a real run
 * locks the selection in one transaction, refuses it past BULK_MAX (nothing changed), then
 * `apply` changes the locked rows and answers how many it changed.
 */
export async function runBulk<R, F>(
  dataSource: DataSource,
  request: { ids: string[] | null; filter: F; dryRun?: boolean; what: string },
  source: BulkSource<R, F>,
  apply: (m: EntityManager, rows: R[]) => Promise<number>,
): Promise<BulkResponse> {
  const { ids } = request;
  if (ids && ids.length === 0) return { matched: 0, changed: 0 };
  const selection: BulkSelection<F> = ids ? { ids } : { filter: request.filter };
  if (request.dryRun) return { matched: await source.count(selection, BULK_MAX + 1), changed: 0 };
  return dataSource.transaction(async (m) => {
    const rows = await source.lock(selection, BULK_MAX + 1, m);
    assertBulkSize(rows.length, request.what, Boolean(ids));
    return { matched: rows.length, changed: await apply(m, rows) };
  });
}
