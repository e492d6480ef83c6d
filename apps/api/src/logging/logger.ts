import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import pino, { type Logger, type LevelWithSilent } from 'pino';

/** Asynchronous stdout for the logs; main.ts flushes it before printing the start banner. */
export const logDestination: pino.DestinationStream & { flushSync(): void } = pino.destination({ dest: 1, sync: false });

/** The one pino logger of the process: Nest's messages, the request log and the last-resort handlers. */
export function createRootLogger(level: string): Logger {
  return pino(
    {
      level,
      // In `base`, not per line: the service is the same on every line and pino serialises it once.
      base: { pid: process.pid, hostname: hostname(), service: 'keyhold-api' },
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
    },
    logDestination,
  );
}

/** Axora puts the password in the path: never log it. */
function safeUrl(url: string | undefined): string | undefined {
  return url && /^\/app\/auth\//i.test(url) ? '/app/auth/[redacted]' : url;
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by requestLogger on every request; the error filter reports it with a 500. */
    id?: string;
  }
}

/** The request's id: the caller's X-Request-Id when it is a sane one, else a new UUID. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * Gives each request its id (`req.id`, which the error filter reports) and logs one line when its
 * answer is sent, or when the client went away first: id, method, path (Axora's redacted), status
 * and milliseconds. One 'close' listener and no child logger per request: pino-http did both and
 * more, and was a measurable share of a license login's CPU (issue #15).
 */
export function requestLogger(root: Logger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const id = requestIdOf(req);
    req.id = id;
    const started = performance.now();
    res.once('close', () => {
      const line = {
        req: { id, method: req.method, url: safeUrl(req.url) },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      if (res.writableFinished) root.info(line, 'request completed');
      else root.warn(line, 'request aborted');
    });
    next();
  };
}

/**
 * Nest's start-up narration (every module initialised, every route mapped: over a hundred lines)
 * is for someone debugging the framework, not for the person starting Keyhold: debug level.
 */
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

type Level = Exclude<LevelWithSilent, 'silent'>;

/**
 * Nest's LoggerService on the root pino logger. Nest calls `logger.warn(message, ...params, context)`:
 * the last string is the context; an object message (`{ err, requestId }`) is merged into the line,
 * as pino takes it; a string after an error's message is its stack.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const at: Level = level === 'info' && context !== undefined && STARTUP_CONTEXTS.has(context) ? 'debug' : level;
    if (!this.root.isLevelEnabled(at)) return;
    const text = rest.find((p): p is string => typeof p === 'string');
    if (message instanceof Error) {
      this.root[at]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.root[at]({ context, ...(message as Record<string, unknown>) }, text);
    } else if (level === 'error' && text !== undefined) {
      this.root[at]({ context, stack: text }, String(message));
    } else {
      this.root[at]({ context }, String(message));
    }
  }
}
