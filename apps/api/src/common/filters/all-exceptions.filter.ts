import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ERROR_MESSAGES, ErrorCode, ErrorEnvelope } from '@keyhold/contracts';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../errors/db-errors';
import { DomainError, RetryLaterError } from '../errors/domain-error';
import type { KeyholdRequest } from '../request';

/** Errors raised by express middleware (body-parser) carry a `type` and a status. */
interface MiddlewareError {
  type?: string;
  status?: number;
  statusCode?: number;
}

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** What a 503 tells the client to wait before trying again, when the thrower set nothing more precise. */
export const RETRY_AFTER_SECONDS = 5;

/** A lost database is logged once per this window, with the number of answers it turned into 503. */
const OUTAGE_LOG_WINDOW_MS = 30_000;

/** A response body other than the envelope, for a protocol that has its own (Axora). */
export type ErrorShaper = (error: DomainError) => unknown;

/**
 * The one place errors become responses. Everything thrown anywhere (guards, pipes, handlers,
 * body parsing, unknown routes) ends here and answers in the envelope with the contract's status.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private static readonly shapers = new Map<string, ErrorShaper>();
  /** When the current outage was last logged, and how many answers it has turned into 503 since. */
  private static outage = { loggedAt: 0, suppressed: 0 };

  /** Lets a protocol module answer errors under its path prefix in its own body shape. */
  static registerShape(prefix: string, shape: ErrorShaper): void {
    AllExceptionsFilter.shapers.set(prefix, shape);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<KeyholdRequest>();
    const error = this.toDomainError(exception, req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // Lower case, as Express matches routes: /APP/AUTH/… is the Axora route too; and with runs of
    // slashes as one, so a client of Axora that doubles one still gets an answer in its own shape.
    const path = requestPath(req)
      .toLowerCase()
      .replace(/\/{2,}/g, '/');
    const shaper = [...AllExceptionsFilter.shapers].find(([prefix]) => path.startsWith(prefix))?.[1];
    const body: unknown = shaper
      ? shaper(error)
      : ({
          success: false,
          error: {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: error.details } : {}),
            ...(error.code === 'INTERNAL' && (typeof req.id === 'string' || typeof req.id === 'number')
              ? { requestId: String(req.id) }
              : {}),
          },
        } satisfies ErrorEnvelope);
    // A route may have set headers for its success answer (a CSV download): an error is JSON, inline.
    res.removeHeader('content-disposition');
    if (error instanceof RetryLaterError) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    if (error.status === 503 && !res.getHeader('retry-after')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(error.status).type('application/json').json(body);
  }

  private toDomainError(exception: unknown, req: KeyholdRequest): DomainError {
    if (exception instanceof DomainError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_TO_CODE[status] ?? (status >= 500 ? undefined : 'BAD_REQUEST');
      if (code === 'NOT_FOUND') return new DomainError('NOT_FOUND', `Route ${req.method} ${req.path} does not exist`);
      if (code) return new DomainError(code, code === 'BAD_REQUEST' ? exception.message : ERROR_MESSAGES[code]);
    }
    const mw = exception as MiddlewareError | undefined;
    if (mw && typeof mw === 'object' && typeof mw.type === 'string') {
      if (mw.type === 'entity.parse.failed') return new DomainError('BAD_REQUEST', 'Malformed JSON in request body');
      if (mw.type === 'entity.too.large') return new DomainError('PAYLOAD_TOO_LARGE');
      const status = mw.status ?? mw.statusCode ?? 500;
      if (status >= 400 && status < 500) return new DomainError('BAD_REQUEST', `Request body could not be read (${mw.type})`);
    }
    if (isDatabaseUnavailable(exception)) {
      this.logOutage(exception, req);
      return new DomainError('SERVICE_UNAVAILABLE');
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      // Data exceptions (class 22: a NUL byte, an unparsable value, a value out of range) come from
      // the request's values, so they are the client's 400, not our 500.
      if (code?.startsWith('22'))
        return new DomainError('BAD_REQUEST', 'A value in the request cannot be stored (invalid characters or out of range)');
    }
    this.logger.error(
      { err: loggable(exception), requestId: req.id, method: req.method, path: safePath(requestPath(req)) },
      'Unhandled error answered with 500',
    );
    return new DomainError('INTERNAL');
  }

  /** A lost database is expected to come back: one warning per window, not an error per request. */
  private logOutage(exception: unknown, req: KeyholdRequest): void {
    const outage = AllExceptionsFilter.outage;
    const now = Date.now();
    if (now - outage.loggedAt < OUTAGE_LOG_WINDOW_MS) {
      outage.suppressed++;
      return;
    }
    this.logger.warn(
      {
        err: loggable(exception),
        requestId: req.id,
        method: req.method,
        path: safePath(requestPath(req)),
        answeredSinceLastLog: outage.suppressed,
      },
      'Database unreachable: answering 503 SERVICE_UNAVAILABLE until it is back',
    );
    AllExceptionsFilter.outage = { loggedAt: now, suppressed: 0 };
  }
}

/**
 * The path as the client sent it, without the query. Not `req.path`: inside a middleware (body
 * parsing) that is relative to the middleware's mount point.
 */
function requestPath(req: KeyholdRequest): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/** Axora puts passwords in the path: never log it. */
function safePath(path: string | undefined): string | undefined {
  return path && /^\/app\/auth\//i.test(path) ? '/app/auth/[redacted]' : path;
}

/** What a log may hold of an error: a database error's query parameters (password hashes) may not. */
function loggable(exception: unknown): unknown {
  if (exception instanceof QueryFailedError) {
    const d = exception.driverError as { code?: string; constraint?: string } | undefined;
    return { type: 'QueryFailedError', message: exception.message, code: d?.code, constraint: d?.constraint, stack: exception.stack };
  }
  return exception;
}
