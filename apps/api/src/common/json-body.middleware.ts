import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { DomainError } from './errors/domain-error';
import { jsonDepthExceeds, walkJson } from './json-walk';

/** Deeper bodies are refused before they are parsed: no client of this API nests that far. */
export const MAX_JSON_DEPTH = 32;

/**
 * JSON body parsing as a Nest middleware rather than a bare express one, so that every body
 * problem is thrown into the global exception filter and answers in the envelope: malformed,
 * oversized, nested too deep, a bad Content-Encoding, or strings PostgreSQL cannot store.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof express.json>;

  constructor(@InjectConfig() config: AppConfig) {
    this.parse = express.json({
      limit: config.bodyLimitBytes,
      strict: true,
      // Runs on the (decompressed) bytes before JSON.parse; what it throws reaches `next` as is.
      verify: (_req, _res, buf) => {
        if (jsonDepthExceeds(buf, MAX_JSON_DEPTH)) {
          throw new DomainError('BAD_REQUEST', `JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
        }
      },
    });
  }

  use(req: Request, res: Response, next: NextFunction): Promise<void> {
    return new Promise((resolve, reject) => {
      this.parse(req, res, (err?: unknown) => {
        if (err) return reject(bodyError(err));
        const problem = unstorableString(req.body);
        if (problem) return reject(problem);
        next();
        resolve();
      });
    });
  }
}

/** body-parser's errors (http-errors with a `type`, or a bare zlib error) as the contract's answers. */
function bodyError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const e = err as { type?: string; status?: number; message?: string };
  switch (e?.type) {
    case 'entity.parse.failed':
      return new DomainError('BAD_REQUEST', 'Malformed JSON in request body');
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE');
    case 'encoding.unsupported':
      return new DomainError('BAD_REQUEST', 'Unsupported Content-Encoding: send identity, gzip, deflate or br');
    case 'charset.unsupported':
      return new DomainError('BAD_REQUEST', 'Unsupported charset: send JSON as UTF-8');
    case 'request.aborted':
      return new DomainError('BAD_REQUEST', 'Request body was not received completely');
  }
  // A zlib error (bytes that are not the declared Content-Encoding) arrives as a plain 400.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new DomainError('BAD_REQUEST', 'Request body could not be decoded with its Content-Encoding');
  }
  return new DomainError('BAD_REQUEST', 'Request body could not be read');
}

/** In a `u` regex a valid pair is one code point, so `\p{Cs}` matches only a lone surrogate. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * PostgreSQL cannot store U+0000 in text, nor a string with a lone UTF-16 surrogate (it is not
 * UTF-8): refuse both here, with the field that holds them, instead of failing in the database.
 */
function unstorableString(body: unknown): DomainError | undefined {
  let found: DomainError | undefined;
  walkJson(body, (value, path) => {
    if (typeof value !== 'string') return true;
    if (value.includes('\u0000')) {
      found = new DomainError('BAD_REQUEST', 'Request body contains a NUL character');
    } else if (LONE_SURROGATE.test(value)) {
      found = new DomainError('VALIDATION_FAILED', 'Request validation failed', [
        { field: path || '(body)', reason: 'must be valid Unicode text (it holds a lone surrogate)' },
      ]);
    }
    return !found;
  });
  return found;
}
