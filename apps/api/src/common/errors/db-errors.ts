import { QueryFailedError } from 'typeorm';

/** PostgreSQL unique_violation (23505), optionally on a named constraint. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const driverError = e instanceof QueryFailedError ? (e.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** SQLSTATEs of a server that is going away, starting up, or refusing connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
/** Node's socket errors: the database host refused, reset, dropped or cannot be reached. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
/** node-postgres and pg-pool raise these as plain errors, without a code. */
const UNAVAILABLE_MESSAGE = new RegExp(
  [
    '^Connection terminated', // unexpectedly / due to connection timeout / (closed while querying)
    '^timeout expired$', // pg: the server did not complete the connection within connectionTimeoutMillis
    '^timeout exceeded when trying to connect', // pg-pool: no connection within connectionTimeoutMillis
    'is not queryable', // a client whose connection broke, or that was closed
    '^Cannot use a pool after calling end', // shutting down
    '^Driver not Connected', // TypeORM: the pool is gone
  ].join('|'),
);
/** TypeORM's own errors for a connection that is not there (any more). */
const UNAVAILABLE_TYPEORM = new Set([
  'ConnectionIsNotSetError',
  'CannotExecuteNotConnectedError',
  'CannotGetEntityManagerNotConnectedError',
  // A transaction whose connection broke: the runner released it, and the transaction's next query fails so.
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

/**
 * Whether an error means the database cannot be reached (rather than that a query was wrong):
 * those answer 503 SERVICE_UNAVAILABLE with Retry-After, and heal by themselves when it is back.
 * Looks through TypeORM's QueryFailedError, `cause` chains and AggregateError (a refused
 * connection to a host with several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_ERRNO.has(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  if (typeof e.name === 'string' && UNAVAILABLE_TYPEORM.has(e.name)) return true;
  if (error instanceof Error && UNAVAILABLE_TYPEORM.has(error.constructor.name)) return true;
  if (e.driverError && isDatabaseUnavailable(e.driverError, depth + 1)) return true;
  if (e.cause && isDatabaseUnavailable(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
