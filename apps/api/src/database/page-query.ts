import { PAGE_COUNT_CAP, type PageMeta } from '@keyhold/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';

/** What a list request asks for: `?page=&limit=`, or `?cursor=` (a `meta.nextCursor`) for the page after one. */
export interface PageRequest {
  page: number;
  limit: number;
  cursor?: string;
}

/** Where a page starts: after this row (its exact created_at, in microseconds since 1970, and id). */
interface Cursor {
  createdAtMicros: string;
  id: string;
  page: number;
}

const CURSOR_PATTERN = /^(\d{1,17})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,7})$/;

/** Opaque to clients; it carries the page number only so that `meta.page` stays meaningful. */
function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAtMicros}.${c.id}.${c.page}`).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', 'Request validation failed', [
      { field: 'cursor', reason: 'cursor must be the meta.nextCursor of an earlier page' },
    ]);
  }
  return { createdAtMicros: match[1], id: match[2], page: Number(match[3]) };
}

/**
 * One page of a query, newest first (ties broken by id, so pages never overlap or skip), with its
 * total counted up to PAGE_COUNT_CAP. With a cursor the page starts right after the cursor's row
 * through the index on (…, created_at, id), so a page deep in a million rows costs what the first
 * does; `?page=N` (an OFFSET) still works, at the cost of reading the N-1 pages before it.
 * The query's main alias must have `created_at` and `id` columns and its joins must be to-one
 * (one row per item). For repositories only.
 */
export async function fetchPage<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  request: PageRequest,
): Promise<{ rows: E[]; meta: PageMeta }> {
  const alias = qb.alias;
  const { limit } = request;
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  const page = after ? after.page : request.page;

  const countQuery = qb.clone();
  if (after) {
    qb.andWhere(
      `(${alias}.created_at, ${alias}.id) < (timestamptz 'epoch' + CAST(:pageAfterMicros AS bigint) * interval '1 microsecond', :pageAfterId)`,
      {
        pageAfterMicros: after.createdAtMicros,
        pageAfterId: after.id,
      },
    );
  }
  // The exact created_at (a Date keeps milliseconds, the column microseconds) for the next cursor.
  const pageQuery = qb
    .addSelect(`(extract(epoch FROM ${alias}.created_at) * 1000000)::bigint`, 'page_created_at_micros')
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .offset(after ? 0 : (page - 1) * limit)
    .limit(limit + 1);
  // Both at once (on two connections of the pool), and both awaited, so either's failure is handled.
  const [{ entities, raw }, total] = await Promise.all([
    pageQuery.getRawAndEntities<{ page_created_at_micros: string }>(),
    countUpTo(countQuery, PAGE_COUNT_CAP),
  ]);
  const rows = entities.slice(0, limit);
  const last = rows.at(-1);
  const nextCursor =
    entities.length > limit && last
      ? encodeCursor({ createdAtMicros: String(raw[limit - 1].page_created_at_micros), id: last.id as string, page: page + 1 })
      : null;
  return { rows, meta: { total: Math.min(total, PAGE_COUNT_CAP), page, limit, totalCapped: total > PAGE_COUNT_CAP, nextCursor } };
}

/** How many rows the query has, counting no further than `cap + 1`: a count of a million rows is a second. */
async function countUpTo<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, cap: number): Promise<number> {
  const [sql, params] = qb
    .select(`${qb.alias}.id`)
    .orderBy()
    .limit(cap + 1)
    .getQueryAndParameters();
  const [row]: Array<{ n: string }> = await qb.connection.query(`SELECT count(*) AS n FROM (${sql}) AS page_count`, params);
  return Number(row.n);
}
