/** Days of the charts: the last DAYS_SHOWN calendar days in UTC, today included, oldest first. */
export const DAYS_SHOWN = 30;

/**
 * The days as SQL rows `(day date)`, for a CTE: `WITH days AS (${LAST_DAYS_SQL}) ...`. Counted on
 * the database's clock, like every other time rule in SQL; day-series.spec.ts checks it against
 * `lastDays` on PGlite.
 */
export const LAST_DAYS_SQL = `SELECT d::date AS day
  FROM generate_series((now() AT TIME ZONE 'UTC')::date - ${DAYS_SHOWN - 1}, (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d`;

/** The same days in TypeScript, as `YYYY-MM-DD`. */
export function lastDays(now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: DAYS_SHOWN }, (_, i) => new Date(today - (DAYS_SHOWN - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}
