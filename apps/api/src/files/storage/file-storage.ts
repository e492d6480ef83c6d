import type { Readable } from 'node:stream';

/** An inclusive byte range of a stored object. */
export interface StoredRange {
  start: number;
  end: number;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

/**
 * Where encrypted files live. It only ever sees ciphertext. The local directory is the default;
 * another backend (S3 and the like) implements these five calls and is provided as FILE_STORAGE.
 */
export interface FileStorage {
  /** Stores the stream under `key`, all or nothing: a failed or aborted write leaves nothing behind. */
  put(key: string, body: Readable): Promise<void>;
  /** The object's bytes, or only `range` of them. A missing object fails the stream. */
  get(key: string, range?: StoredRange): Readable;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored object (the janitor compares them with the files table). */
  list(): AsyncIterable<StoredObject>;
  /** Removes unfinished writes older than `olderThanMs` left by a crash. */
  purgeIncomplete(olderThanMs: number): Promise<number>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
