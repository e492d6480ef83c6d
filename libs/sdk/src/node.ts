/// <reference types="node" />
/**
 * Node-only helpers of the SDK. Not exported from the package index, so browser bundles (the
 * dashboard) never see `node:` imports; `createEndUserClient().files.download()` loads this module
 * on demand. Node 20+.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { KeyholdError } from './errors';

/** The header with the SHA-256 of the whole file (FILE_SHA256_HEADER in @keyhold/contracts). */
const SHA256_HEADER = 'x-file-sha256';

export interface DownloadedFile {
  path: string;
  size: number;
  sha256: string;
}

/** The SHA-256 the bytes must have, from a verified signature, and the error when they do not. */
export interface ExpectedSha256 {
  /** hex */
  sha256: string;
  mismatch: (actual: string) => Error;
}

/**
 * Streams a whole-file download response to `destPath`, hashing as it goes: written to
 * `destPath.part` and renamed into place only when every byte arrived and the SHA-256 matches
 * `verified` (the signed Content-Digest, when the client verifies answers) or else the server's
 * X-File-Sha256. Otherwise the partial file is removed and an error is thrown: `verified.mismatch`,
 * KeyholdError CHECKSUM_MISMATCH, or NETWORK_ERROR when the server aborted the transfer.
 */
export async function saveResponseTo(res: Response, destPath: string, verified?: ExpectedSha256): Promise<DownloadedFile> {
  const expected = verified?.sha256 ?? res.headers.get(SHA256_HEADER);
  if (!res.body || !expected) throw new KeyholdError(res.status, 'INTERNAL', 'The answer carries no file');
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const partial = `${destPath}.part`;
  try {
    await pipeline(Readable.fromWeb(res.body as unknown as NodeWebStream<Uint8Array>), meter, createWriteStream(partial, { mode: 0o600 }));
  } catch (e) {
    await unlink(partial).catch(() => undefined);
    throw new KeyholdError(0, 'NETWORK_ERROR', `Download interrupted: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== expected.toLowerCase()) {
    await unlink(partial).catch(() => undefined);
    if (verified) throw verified.mismatch(sha256);
    throw new KeyholdError(res.status, 'CHECKSUM_MISMATCH', `SHA-256 mismatch: expected ${expected}, got ${sha256}`);
  }
  await rename(partial, destPath);
  return { path: destPath, size, sha256 };
}
