import { createCipheriv, createDecipheriv, createHash, Hash, randomBytes } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

/**
 * Files at rest: AES-256-GCM in fixed-size chunks under a random per-file data key (the STREAM
 * construction of Hoang, Reyhanitabar, Rogaway and Vizár).
 *
 * - The plaintext is cut into chunks of `chunkSize` bytes (the last one shorter, possibly empty:
 *   an empty file is one empty final chunk). Each chunk is stored as its ciphertext followed by its
 *   16-byte tag, so chunk i sits at `i * (chunkSize + 16)` in the stored object.
 * - Nonce of chunk i: a random 7-byte per-file prefix, i as a big-endian uint32, and a final-chunk
 *   flag byte. The associated data repeats the format version, i and the flag. A chunk moved to
 *   another position, a chunk of another file, a dropped tail (the new last chunk lacks the final
 *   flag) or one flipped bit fails authentication.
 * - A chunk is authenticated as a whole before any of its plaintext is handed on.
 * - The data key is stored wrapped (AES-256-GCM) by the master key, bound to the file's id.
 */
export const FILE_CHUNK_SIZE = 64 * 1024;
export const TAG_BYTES = 16;
export const NONCE_PREFIX_BYTES = 7;
const DATA_KEY_BYTES = 32;
const MAX_CHUNKS = 2 ** 32;
const VERSION = Buffer.from('khf1');

/** What decrypting a stored file needs besides its bytes. */
export interface FileCipherParams {
  dataKey: Buffer;
  noncePrefix: Buffer;
  chunkSize: number;
  /** Bytes of plaintext. */
  size: number;
}

/** An inclusive range of plaintext bytes. `end` is `start - 1` for an empty range (an empty file). */
export interface ByteRange {
  start: number;
  end: number;
}

/** A stored file failed authentication: corrupted, truncated, reordered or not this file's. */
export class FileIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileIntegrityError';
  }
}

export function newDataKey(): { dataKey: Buffer; noncePrefix: Buffer } {
  return { dataKey: randomBytes(DATA_KEY_BYTES), noncePrefix: randomBytes(NONCE_PREFIX_BYTES) };
}

function nonceOf(prefix: Buffer, index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0, 0, NONCE_PREFIX_BYTES);
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

function aadOf(index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(VERSION.length + 5);
  VERSION.copy(aad, 0);
  aad.writeUInt32BE(index, VERSION.length);
  aad[VERSION.length + 4] = final ? 1 : 0;
  return aad;
}

export function chunkCount(size: number, chunkSize: number): number {
  return size === 0 ? 1 : Math.ceil(size / chunkSize);
}

/** Bytes the stored (encrypted) object of a file of `size` bytes takes. */
export function storedSize(size: number, chunkSize: number): number {
  return size + chunkCount(size, chunkSize) * TAG_BYTES;
}

/** Plaintext bytes of chunk `index`. */
function plainLength(index: number, p: Pick<FileCipherParams, 'size' | 'chunkSize'>): number {
  return Math.min(p.chunkSize, p.size - index * p.chunkSize);
}

/** The chunks covering a plaintext range, and the stored bytes (inclusive) holding them. */
export function chunkSpan(range: ByteRange, p: Pick<FileCipherParams, 'size' | 'chunkSize'>) {
  const first = Math.floor(range.start / p.chunkSize);
  const last = p.size === 0 ? 0 : Math.floor(range.end / p.chunkSize);
  const stride = p.chunkSize + TAG_BYTES;
  const stored = { start: first * stride, end: Math.min(storedSize(p.size, p.chunkSize), (last + 1) * stride) - 1 };
  return { first, last, stored };
}

/** Chunk `index` sealed: its ciphertext and its tag (stored one after the other). */
export function sealChunk(dataKey: Buffer, noncePrefix: Buffer, index: number, final: boolean, plain: Buffer): [Buffer, Buffer] {
  if (index >= MAX_CHUNKS) throw new Error('File too large for its chunk counter');
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonceOf(noncePrefix, index, final));
  cipher.setAAD(aadOf(index, final));
  const ciphertext = cipher.update(plain);
  cipher.final(); // GCM emits nothing here
  return [ciphertext, cipher.getAuthTag()];
}

export function openChunk(dataKey: Buffer, noncePrefix: Buffer, index: number, final: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG_BYTES) throw new FileIntegrityError(`Chunk ${index} is truncated`);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, nonceOf(noncePrefix, index, final));
  decipher.setAAD(aadOf(index, final));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  try {
    const head = decipher.update(body);
    const tail = decipher.final();
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    throw new FileIntegrityError(`Chunk ${index} failed authentication`);
  }
}

/**
 * Encrypts a plaintext stream into the stored format. Holds at most one chunk: a full chunk is
 * sealed once more bytes arrive (so it is known not to be the last) or at the end as the final one.
 */
export class ChunkEncryptor extends Transform {
  private readonly buffer: Buffer;
  private fill = 0;
  private index = 0;

  constructor(
    private readonly dataKey: Buffer,
    private readonly noncePrefix: Buffer,
    private readonly chunkSize = FILE_CHUNK_SIZE,
  ) {
    super({ readableHighWaterMark: chunkSize + TAG_BYTES });
    this.buffer = Buffer.allocUnsafe(chunkSize);
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      let offset = 0;
      while (offset < data.length) {
        if (this.fill === this.chunkSize) this.emitChunk(false);
        const n = Math.min(this.chunkSize - this.fill, data.length - offset);
        data.copy(this.buffer, this.fill, offset, offset + n);
        this.fill += n;
        offset += n;
      }
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.emitChunk(true);
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }

  private emitChunk(final: boolean): void {
    const [ciphertext, tag] = sealChunk(this.dataKey, this.noncePrefix, this.index++, final, this.buffer.subarray(0, this.fill));
    if (ciphertext.length > 0) this.push(ciphertext);
    this.push(tag);
    this.fill = 0;
  }
}

/**
 * Counts and hashes the plaintext on its way to the encryptor, and fails the stream with
 * `tooLarge()` as soon as it passes `maxBytes` (nothing beyond the limit is read further).
 */
export class PlaintextMeter extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += data.length;
    if (this.bytes > this.maxBytes) return callback(this.tooLarge());
    this.hash.update(data);
    callback(null, data);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Decrypts the stored bytes `chunkSpan(range).stored` of a file into the plaintext of `range`.
 * Each chunk is authenticated before its bytes are yielded; a short, long or altered source
 * throws FileIntegrityError at the first bad chunk.
 */
export async function* decryptRange(source: AsyncIterable<Buffer>, p: FileCipherParams, range: ByteRange): AsyncGenerator<Buffer> {
  const { first, last } = chunkSpan(range, p);
  const lastOfFile = chunkCount(p.size, p.chunkSize) - 1;
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = first;

  const take = (n: number): Buffer => {
    if (pending[0].length >= n) {
      const head = pending[0];
      if (head.length === n) pending.shift();
      else pending[0] = head.subarray(n);
      pendingBytes -= n;
      return head.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = pending[0];
      const k = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, k);
      filled += k;
      if (k === head.length) pending.shift();
      else pending[0] = head.subarray(k);
    }
    pendingBytes -= n;
    return out;
  };

  const open = (sealed: Buffer): Buffer => {
    const plain = openChunk(p.dataKey, p.noncePrefix, index, index === lastOfFile, sealed);
    const base = index * p.chunkSize;
    const from = index === first ? range.start - base : 0;
    const to = index === last ? range.end - base + 1 : plain.length;
    index++;
    return from === 0 && to === plain.length ? plain : plain.subarray(from, Math.max(from, to));
  };

  for await (const data of source) {
    if (index > last) throw new FileIntegrityError('Stored file is longer than recorded');
    pending.push(data);
    pendingBytes += data.length;
    while (index <= last && pendingBytes >= plainLength(index, p) + TAG_BYTES) {
      const plain = open(take(plainLength(index, p) + TAG_BYTES));
      if (plain.length > 0) yield plain;
    }
    if (index > last && pendingBytes > 0) throw new FileIntegrityError('Stored file is longer than recorded');
  }
  if (index <= last) throw new FileIntegrityError(`Stored file is truncated at chunk ${index}`);
}

/** Wraps a data key under the master key, bound to the file id (AES-256-GCM): `v1.<iv>.<tag>.<ciphertext>`. */
export function wrapDataKey(masterKey: Buffer, fileId: string, dataKey: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(`keyhold:file-key:${fileId}`));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function unwrapDataKey(masterKey: Buffer, fileId: string, wrapped: string): Buffer {
  const [version, iv, tag, ciphertext] = wrapped.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new FileIntegrityError('Unknown wrapped key format');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`keyhold:file-key:${fileId}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new FileIntegrityError('The data key does not unwrap under the master key');
  }
}
