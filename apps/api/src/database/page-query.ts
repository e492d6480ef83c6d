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
 * The keyset position of a row: (created_at, id) compared with a row's exact created_at (in
 * microseconds since 1970: a Date keeps only milliseconds) and id. `before` for pages (newest
 * first), `after` for batches (oldest first); `name` keeps the parameters of the two apart.
 */
function keysetPredicate(alias: string, side: 'before' | 'after', name: string): string {
  const op = side === 'before' ? '<' : '>';
  return `(${alias}.created_at, ${alias}.id) ${op} (timestamptz 'epoch' + CAST(:${name}Micros AS bigint) * interval '1 microsecond', :${name}Id)`;
}

/** The column of a row's exact created_at in microseconds, selected to make the next keyset position. */
const createdAtMicros = (alias: string) => `(extract(epoch FROM ${alias}.created_at) * 1000000)::bigint`;

/**
 * One page of a query, newest first (ties broken by id, so pages never overlap or skip), with its
 * total counted up to PAGE_COUNT_CAP. With a cursor the page starts right after the cursor's row
 * through the index on (…, created_at, id), so a page deep in a million rows costs what the first
 * does; `?page=N` (an OFFSET) still works, at the cost of reading the ids of the N-1 pages before.
 * The query's main alias must have `created_at` and `id` columns; its left joins must be to-one
 * and only map (the filters never name them), since the count and the choice of ids leave them
 * out. For repositories only.
 *
 * Two statements. The count comes first because it decides the plan of the page: the page's ids
 * are chosen in a subquery of their own, then their rows read. When the filter matches few rows
 * (the count stayed under the cap), the matches are gathered unordered first (`OFFSET 0` keeps the
 * planner from walking the date index instead, which for a rare match reads the whole table),
 * then sorted; when it matches many, walking the date index finds a page of them at once.
 */
export async function fetchPage<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  request: PageRequest,
): Promise<{ rows: E[]; meta: PageMeta }> {
  const alias = qb.alias;
  const { limit } = request;
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  const page = after ? after.page : request.page;

  const total = await countUpTo(matchesOf(qb), PAGE_COUNT_CAP);
  if (after) {
    qb.andWhere(keysetPredicate(alias, 'before', 'pageAfter'), { pageAfterMicros: after.createdAtMicros, pageAfterId: after.id });
  }
  const window = `OFFSET ${after ? 0 : (page - 1) * limit} LIMIT ${limit + 1}`;
  const matches = matchesOf(qb).select(`${alias}.id`, 'id');
  const pageIds =
    total <= PAGE_COUNT_CAP
      ? `SELECT m.id FROM (${matches.addSelect(`${alias}.created_at`, 'created_at').orderBy().getQuery()} OFFSET 0) m ORDER BY m.created_at DESC, m.id DESC ${window}`
      : `${matches.orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').getQuery()} ${window}`;
  // The exact created_at (a Date keeps milliseconds, the column microseconds) for the next cursor.
  const { entities, raw } = await qb
    .andWhere(`${alias}.id = ANY (ARRAY(${pageIds}))`)
    .addSelect(createdAtMicros(alias), 'page_created_at_micros')
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .getRawAndEntities<{ page_created_at_micros: string }>();
  const rows = entities.slice(0, limit);
  const last = rows.at(-1);
  const nextCursor =
    entities.length > limit && last
      ? encodeCursor({ createdAtMicros: String(raw[limit - 1].page_created_at_micros), id: last.id as string, page: page + 1 })
      : null;
  return { rows, meta: { total: Math.min(total, PAGE_COUNT_CAP), page, limit, totalCapped: total > PAGE_COUNT_CAP, nextCursor } };
}

/** Rows per statement when a whole list is read (an export). */
export const BATCH_ROWS = 5_000;

/**
 * Every row of a query, oldest first (ties broken by id), a batch at a time: each batch is one
 * statement that starts right after the last row of the batch before, through the same index on
 * (…, created_at, id) as the pages. So a million rows cost a batch's memory, not a million's, and
 * the event loop is free between batches: read at once, an export of 1,000,000 licenses held
 * 1.9 GB and kept every other request of every seller waiting for up to 13 s. No transaction
 * spans the walk: a row written meanwhile is seen if it sorts after the walk's position. The
 * query's left joins must be to-one (one row per entity, as for fetchPage). For repositories only.
 */
export async function* inBatches<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, size = BATCH_ROWS): AsyncGenerator<E[]> {
  const alias = qb.alias;
  let after: { micros: string; id: string } | undefined;
  for (;;) {
    const batch = qb.clone();
    if (after) {
      batch.andWhere(keysetPredicate(alias, 'after', 'batchAfter'), { batchAfterMicros: after.micros, batchAfterId: after.id });
    }
    const { entities, raw } = await batch
      .addSelect(createdAtMicros(alias), 'batch_created_at_micros')
      .orderBy(`${alias}.created_at`, 'ASC')
      .addOrderBy(`${alias}.id`, 'ASC')
      .limit(size)
      .getRawAndEntities<{ batch_created_at_micros: string }>();
    if (entities.length > 0) yield entities;
    if (entities.length < size) return;
    after = { micros: String(raw[raw.length - 1].batch_created_at_micros), id: entities[entities.length - 1].id as string };
  }
}

/**
 * The query without its left joins, to count and choose ids: a left join that only maps a to-one
 * row changes neither, and left in, it keeps the planner from answering from an index alone.
 */
function matchesOf<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
  const matches = qb.clone();
  matches.expressionMap.joinAttributes = matches.expressionMap.joinAttributes.filter((join) => join.direction !== 'LEFT');
  return matches;
}

/** How many rows the query has, counting no further than `cap + 1`: a count of a million rows is a second. */
async function countUpTo<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, cap: number): Promise<number> {
  // No column: the planner may count from any index whose predicate or columns answer the filter.
  const [sql, params] = qb
    .select('1')
    .orderBy()
    .limit(cap + 1)
    .getQueryAndParameters();
  const [row]: Array<{ n: string }> = await qb.connection.query(`SELECT count(*) AS n FROM (${sql}) AS page_count`, params);
  return Number(row.n);
}
