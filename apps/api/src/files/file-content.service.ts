import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import {
  ByteRange,
  ChunkEncryptor,
  chunkSpan,
  decryptRange,
  FILE_CHUNK_SIZE,
  FileCipherParams,
  newDataKey,
  PlaintextMeter,
  unwrapDataKey,
  wrapDataKey,
} from './file-cipher';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';

/** The columns of a file row that describe its stored content. */
export interface StoredContent {
  storageKey: string;
  wrappedKey: string;
  noncePrefix: string;
  chunkSize: number;
  size: number;
  sha256: string;
}

/** Encrypts files into storage and decrypts them back out, as streams. */
@Injectable()
export class FileContentService {
  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Streams a plaintext into storage under a fresh data key (bound to `fileId`), hashing and
   * counting it on the way. Over FILES_MAX_BYTES it fails with 413 and stores nothing.
   */
  async store(fileId: string, plaintext: Readable): Promise<StoredContent> {
    const { dataKey, noncePrefix } = newDataKey();
    const storageKey = `${fileId.replace(/-/g, '')}-${randomBytes(6).toString('hex')}`;
    const maxBytes = this.config.filesMaxBytes;
    const meter = new PlaintextMeter(maxBytes, () => new DomainError('PAYLOAD_TOO_LARGE', `A file may be at most ${maxBytes} bytes`));
    let upstreamError: Error | undefined;
    const encrypted = pipeline(plaintext, meter, new ChunkEncryptor(dataKey, noncePrefix, FILE_CHUNK_SIZE), (e) => {
      upstreamError ??= e ?? undefined;
    });
    try {
      await this.storage.put(storageKey, encrypted);
    } catch (e) {
      throw upstreamError instanceof DomainError ? upstreamError : e;
    }
    return {
      storageKey,
      wrappedKey: wrapDataKey(this.config.masterKey, fileId, dataKey),
      noncePrefix: noncePrefix.toString('hex'),
      chunkSize: FILE_CHUNK_SIZE,
      size: meter.bytes,
      sha256: meter.sha256(),
    };
  }

  /**
   * The plaintext of `range`, decrypted chunk by chunk. Nothing is opened before the first
   * `next()`, which authenticates the first chunk; an abandoned iterator must be `return()`ed.
   */
  async *open(fileId: string, content: StoredContent, range: ByteRange): AsyncGenerator<Buffer> {
    const params: FileCipherParams = {
      dataKey: unwrapDataKey(this.config.masterKey, fileId, content.wrappedKey),
      noncePrefix: Buffer.from(content.noncePrefix, 'hex'),
      chunkSize: content.chunkSize,
      size: content.size,
    };
    const source = this.storage.get(content.storageKey, chunkSpan(range, params).stored);
    try {
      yield* decryptRange(source, params, range);
    } finally {
      source.destroy();
    }
  }

  async remove(storageKey: string): Promise<void> {
    await this.storage.delete(storageKey);
  }
}
