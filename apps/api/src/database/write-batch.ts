import type { EntityManager } from 'typeorm';

/**
 * One write of a batch: a single INSERT, UPDATE or DELETE ending in RETURNING, its parameters
 * numbered from $1. Repositories make them (the SQL stays theirs); a later write of the same batch
 * may read an earlier one's rows by its `name`, as a table.
 */
export interface Write {
  /** How later writes refer to it, and the key of its rows in the answer: unique in the batch. */
  name: string;
  sql: string;
  params: unknown[];
}

/** Each write's RETURNING rows, by the write's name, as JSON (dates come back as ISO strings). */
export type WriteResults = Record<string, Array<Record<string, unknown>>>;

const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Runs the writes of one business operation as one statement, each a data-modifying CTE: one
 * round trip to the database instead of one per write (a client login's session, its events and
 * their webhook outbox rows). All of them happen or none, like statements of one transaction; run
 * it with the manager of the operation's transaction so its earlier reads and locks hold. The
 * writes see the same snapshot and may not touch the same row twice (PostgreSQL's rule for such
 * CTEs): a batch holds independent writes and the ones that follow from them by `name`.
 */
export async function runWrites(m: EntityManager, writes: Write[]): Promise<WriteResults> {
  const params: unknown[] = [];
  const ctes = writes.map((w) => {
    if (!NAME.test(w.name)) throw new Error(`write name ${w.name} is not a plain identifier`);
    const offset = params.length;
    params.push(...w.params);
    // Our SQL holds no "$" but its placeholders: values always travel as parameters.
    return `${w.name} AS (${w.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  if (new Set(writes.map((w) => w.name)).size !== writes.length) throw new Error('write names must be unique in a batch');
  const columns = writes.map((w) => `(SELECT coalesce(json_agg(${w.name}), '[]'::json) FROM ${w.name}) AS ${w.name}`);
  const [row]: WriteResults[] = await m.query(`WITH ${ctes.join(', ')} SELECT ${columns.join(', ')}`, params);
  return row;
}
