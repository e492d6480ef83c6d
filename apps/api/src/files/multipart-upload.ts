import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { DomainError } from '../common/errors/domain-error';

/** Field values by name, in arrival order (a repeated field has several). */
export type MultipartFields = Record<string, string[]>;

export interface MultipartFile {
  stream: Readable;
  filename: string | undefined;
  mimeType: string;
}

export interface MultipartOptions<T> {
  /** Plaintext bytes allowed in the file part; beyond it the upload fails with 413. */
  maxFileBytes: number;
  /**
   * Consumes the one `file` part (streams it to storage) with the fields received before it, and
   * resolves once it is stored. Rejecting fails the whole request.
   */
  onFile: (file: MultipartFile, fieldsSoFar: MultipartFields) => Promise<T>;
  /** Undoes a stored file when the request fails after it was stored. */
  discard: (stored: T) => Promise<void>;
}

export interface MultipartResult<T> {
  fields: MultipartFields;
  file: T;
}

/** Room for boundaries, part headers and the small fields around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

const invalid = (field: string, reason: string) => new DomainError('VALIDATION_FAILED', 'Request validation failed', [{ field, reason }]);

/**
 * Reads a multipart/form-data request with exactly one file part named `file` and small fields,
 * in either order, streaming the file to `onFile` (never buffering it). Any failure (a malformed
 * body, a limit, an aborted connection, `onFile` rejecting) stops reading, destroys the file
 * stream (so the storage write is abandoned and cleaned up), discards a file already stored and
 * rejects once that is done; the rest of the request body is drained unread so the error can
 * still be answered.
 */
export function receiveMultipart<T>(req: Request, options: MultipartOptions<T>): Promise<MultipartResult<T>> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxFileBytes + MULTIPART_OVERHEAD_BYTES) {
      req.resume();
      return reject(tooLarge(options.maxFileBytes));
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 2, fields: 100, parts: 110, fieldSize: 16 * 1024, fieldNameSize: 100, fileSize: options.maxFileBytes + 1 },
      });
    } catch {
      req.resume();
      return reject(new DomainError('BAD_REQUEST', 'Expected a multipart/form-data body'));
    }

    // No prototype: a field named `constructor` or `__proto__` is a field like any other (and then refused as unknown).
    const fields: MultipartFields = Object.create(null) as MultipartFields;
    let stored: Promise<T> | undefined;
    let settled = false;

    const fail = (error: DomainError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume();
      // Destroying the parser destroys a file stream still being read, so the storage write is
      // abandoned. Not synchronously: busboy may be inside its own write (the 'limit' event).
      setImmediate(() => parser.destroy());
      // Answer only once the file's storage write is undone, so nothing is left when the error is seen.
      const undone = stored ? stored.then((s) => options.discard(s)).catch(() => undefined) : Promise.resolve();
      void undone.then(() => reject(error));
    };

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return fail(invalid(name, 'field is too long'));
      (fields[name] ??= []).push(value);
    });
    parser.on('file', (name, stream, info) => {
      // Failures surface through `fail`; destroying the parser also errors this stream.
      stream.on('error', () => undefined);
      if (settled || name !== 'file' || stored) {
        stream.resume();
        return fail(invalid(name, 'exactly one file part, named "file", is accepted'));
      }
      stream.on('limit', () => fail(tooLarge(options.maxFileBytes)));
      const snapshot = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [...v]]));
      stored = options.onFile({ stream, filename: info.filename, mimeType: info.mimeType }, snapshot);
      stored.catch(fail);
    });
    parser.on('partsLimit', () => fail(invalid('body', 'too many parts')));
    parser.on('fieldsLimit', () => fail(invalid('body', 'too many fields')));
    parser.on('filesLimit', () => fail(invalid('file', 'exactly one file part, named "file", is accepted')));
    parser.on('error', () => fail(new DomainError('BAD_REQUEST', 'Malformed multipart/form-data body')));
    parser.on('close', () => {
      if (settled) return;
      if (!stored) return fail(invalid('file', 'a file part named "file" is required'));
      stored.then((file) => {
        if (settled) return void options.discard(file).catch(() => undefined);
        settled = true;
        resolve({ fields, file });
      }, fail);
    });
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new DomainError('BAD_REQUEST', 'The upload was interrupted'));
    });
    req.pipe(parser);
  });
}

function tooLarge(maxBytes: number): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `A file may be at most ${maxBytes} bytes`);
}
