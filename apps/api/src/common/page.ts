import { PageMeta } from '@keyhold/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A page of a list; the envelope interceptor turns it into `{data, meta}`. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly meta: PageMeta,
  ) {}

  /** A short list returned whole (an app's endpoints, blacklist, a seller's apps): one page of everything. */
  static all<T>(items: T[]): Page<T> {
    return new Page(items, { total: items.length, page: 1, limit: items.length });
  }
}

/**
 * One page of a query, newest first (ties broken by id so pages never overlap), with the total.
 * The query's main alias must have `created_at` and `id` columns.
 */
export async function fetchPage<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  { page, limit }: { page: number; limit: number },
): Promise<{ rows: E[]; meta: PageMeta }> {
  const alias = qb.alias;
  const [rows, total] = await qb
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .skip((page - 1) * limit)
    .take(limit)
    .getManyAndCount();
  return { rows, meta: { total, page, limit } };
}
