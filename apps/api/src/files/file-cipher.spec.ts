import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ByteRange,
  chunkCount,
  ChunkEncryptor,
  chunkSpan,
  decryptRange,
  FileCipherParams,
  FileIntegrityError,
  newDataKey,
  PlaintextMeter,
  storedSize,
  TAG_BYTES,
  unwrapDataKey,
  wrapDataKey,
} from './file-cipher';

const CHUNK = 1024; // small chunks make boundaries easy to hit

async function encrypt(plain: Buffer, chunkSize = CHUNK, pieces = 7): Promise<{ stored: Buffer; params: FileCipherParams }> {
  const { dataKey, noncePrefix } = newDataKey();
  const out: Buffer[] = [];
  // Feed odd-sized pieces so chunking does not depend on how the input arrives.
  const parts: Buffer[] = [];
  for (let i = 0; i < plain.length; i += pieces * 97) parts.push(plain.subarray(i, i + pieces * 97));
  await pipeline(Readable.from(parts), new ChunkEncryptor(dataKey, noncePrefix, chunkSize), async (source: AsyncIterable<Buffer>) => {
    for await (const b of source) out.push(b);
  });
  return { stored: Buffer.concat(out), params: { dataKey, noncePrefix, chunkSize, size: plain.length } };
}

async function decrypt(
  stored: Buffer,
  params: FileCipherParams,
  range: ByteRange = { start: 0, end: params.size - 1 },
  readSize = 333,
): Promise<Buffer> {
  const { stored: span } = chunkSpan(range, params);
  const bytes = stored.subarray(span.start, span.end + 1);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += readSize) pieces.push(bytes.subarray(i, i + readSize));
  const out: Buffer[] = [];
  for await (const b of decryptRange(Readable.from(pieces), params, range)) out.push(b);
  return Buffer.concat(out);
}

describe('chunked file cipher', () => {
  it('round-trips files of every awkward size, and never stores the plaintext', async () => {
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17]) {
      const plain = randomBytes(size);
      const { stored, params } = await encrypt(plain);
      expect(stored.length).toBe(storedSize(size, CHUNK));
      expect(stored.length).toBe(size + chunkCount(size, CHUNK) * TAG_BYTES);
      if (size >= 16) expect(stored.includes(plain.subarray(0, 16))).toBe(false);
      expect((await decrypt(stored, params)).equals(plain)).toBe(true);
    }
  });

  it('decrypts any range from only the chunks covering it', async () => {
    const plain = randomBytes(5 * CHUNK + 300);
    const { stored, params } = await encrypt(plain);
    const ranges: ByteRange[] = [
      { start: 0, end: 0 },
      { start: CHUNK - 1, end: CHUNK }, // spans a boundary
      { start: CHUNK, end: 2 * CHUNK - 1 }, // exactly one chunk
      { start: 10, end: 4 * CHUNK + 5 }, // several chunks
      { start: plain.length - 1, end: plain.length - 1 }, // last byte
      { start: 3 * CHUNK + 7, end: plain.length - 1 }, // to the end
    ];
    for (const range of ranges) {
      const span = chunkSpan(range, params);
      expect(span.stored.end - span.stored.start + 1).toBeLessThanOrEqual((span.last - span.first + 1) * (CHUNK + TAG_BYTES));
      expect((await decrypt(stored, params, range)).equals(plain.subarray(range.start, range.end + 1))).toBe(true);
    }
  });

  it('detects a flipped bit in any chunk, in ciphertext or tag, before yielding that chunk', async () => {
    const plain = randomBytes(3 * CHUNK + 10);
    const { stored, params } = await encrypt(plain);
    for (const at of [0, CHUNK + 5, CHUNK + TAG_BYTES + 3, stored.length - 1]) {
      const bad = Buffer.from(stored);
      bad[at] ^= 0x01;
      const badChunk = Math.floor(at / (CHUNK + TAG_BYTES));
      const got: Buffer[] = [];
      const run = async () => {
        for await (const b of decryptRange(Readable.from([bad]), params, { start: 0, end: plain.length - 1 })) got.push(b);
      };
      await expect(run()).rejects.toThrow(FileIntegrityError);
      // Only the chunks before the damaged one were released, and they are the true plaintext.
      expect(Buffer.concat(got).equals(plain.subarray(0, badChunk * CHUNK))).toBe(true);
    }
  });

  it('detects swapped chunks and a chunk of another file', async () => {
    const plain = randomBytes(3 * CHUNK);
    const { stored, params } = await encrypt(plain);
    const c = CHUNK + TAG_BYTES;
    const swapped = Buffer.concat([stored.subarray(c, 2 * c), stored.subarray(0, c), stored.subarray(2 * c)]);
    await expect(decrypt(swapped, params)).rejects.toThrow(FileIntegrityError);

    const other = await encrypt(randomBytes(3 * CHUNK));
    const mixed = Buffer.concat([stored.subarray(0, c), other.stored.subarray(c, 2 * c), stored.subarray(2 * c)]);
    await expect(decrypt(mixed, params)).rejects.toThrow(FileIntegrityError);
  });

  it('detects truncation: a short source, and a file cut at a chunk boundary posing as shorter', async () => {
    const plain = randomBytes(3 * CHUNK);
    const { stored, params } = await encrypt(plain);
    const cut = stored.subarray(0, stored.length - 5);
    const run = async () => {
      for await (const _ of decryptRange(Readable.from([cut]), params, { start: 0, end: plain.length - 1 })) void _;
    };
    await expect(run()).rejects.toThrow(/truncated/);
    // Two whole chunks claimed as a complete 2-chunk file: the last lacks the final flag.
    const shorter = { ...params, size: 2 * CHUNK };
    await expect(decrypt(stored.subarray(0, 2 * (CHUNK + TAG_BYTES)), shorter)).rejects.toThrow(FileIntegrityError);
    // An empty file's lone chunk is authenticated too.
    const empty = await encrypt(Buffer.alloc(0));
    await expect(decrypt(Buffer.alloc(TAG_BYTES), empty.params)).rejects.toThrow(FileIntegrityError);
  });

  it('fails with the wrong data key', async () => {
    const { stored, params } = await encrypt(randomBytes(100));
    await expect(decrypt(stored, { ...params, dataKey: randomBytes(32) })).rejects.toThrow(FileIntegrityError);
  });

  it('wraps the data key under the master key, bound to the file id', () => {
    const master = randomBytes(32);
    const key = randomBytes(32);
    const wrapped = wrapDataKey(master, 'file-a', key);
    expect(wrapped).not.toContain(key.toString('base64url'));
    expect(unwrapDataKey(master, 'file-a', wrapped).equals(key)).toBe(true);
    expect(() => unwrapDataKey(master, 'file-b', wrapped)).toThrow(FileIntegrityError);
    expect(() => unwrapDataKey(randomBytes(32), 'file-a', wrapped)).toThrow(FileIntegrityError);
  });

  it('meters the plaintext: size, SHA-256, and a limit error past maxBytes', async () => {
    const plain = randomBytes(5000);
    const meter = new PlaintextMeter(5000, () => new Error('too large'));
    await pipeline(Readable.from([plain.subarray(0, 1234), plain.subarray(1234)]), meter, async (s: AsyncIterable<Buffer>) => {
      for await (const _ of s) void _;
    });
    expect(meter.bytes).toBe(5000);
    expect(meter.sha256()).toBe(createHash('sha256').update(plain).digest('hex'));
    const small = new PlaintextMeter(4999, () => new Error('too large'));
    await expect(
      pipeline(Readable.from([plain]), small, async (s: AsyncIterable<Buffer>) => {
        for await (const _ of s) void _;
      }),
    ).rejects.toThrow('too large');
  });
});
