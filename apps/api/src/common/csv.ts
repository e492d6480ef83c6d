import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';

type Cell = string | number | null | undefined;

/**
 * A CSV download of rows that arrive in batches (database/page-query.ts inBatches): the header,
 * then each batch's lines as it is read, so the answer streams at the client's pace in a batch's
 * memory. The first batch is read before the answer starts: a failure there (the database away)
 * still answers with its status and envelope; one later can only cut the download short, and it
 * does (the connection is dropped, so a truncated file never looks complete).
 */
export async function csvDownload<T>(
  columns: readonly string[],
  batches: AsyncIterable<T[]> | Iterable<T[]>,
  cells: (row: T) => Cell[],
): Promise<StreamableFile> {
  // One iterator over either kind (an export already in memory is one batch), to read the first now.
  const iterator = (async function* () {
    yield* batches;
  })();
  const first = await iterator.next();
  const lines = (rows: T[]) => rows.map((row) => `${cells(row).map(csvCell).join(',')}\n`).join('');
  async function* document(): AsyncGenerator<string> {
    yield `${columns.join(',')}\n`;
    if (first.done) return;
    yield lines(first.value);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield lines(next.value);
  }
  // A client that goes away destroys the stream, which ends the generator: no further batch is read.
  return new StreamableFile(Readable.from(document()));
}

/**
 * One CSV cell of an export: quoted when it holds a comma, quote or line break, and defused when a
 * spreadsheet would run it as a formula (a leading `=`, `+`, `-`, `@`, tab or carriage return).
 */
export function csvCell(value: Cell): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
