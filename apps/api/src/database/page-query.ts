import type { PageMeta } from '@keyhold/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * One page of a query, newest first (ties broken by id so pages never overlap), with the total.
 * The query's main alias must have `created_at` and `id` columns. For repositories only.
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
