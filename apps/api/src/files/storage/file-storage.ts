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
  /**
   * Removes unfinished writes left by a process that died mid-write, never one in flight in this
   * process: with `olderThanMs` 0 every other one (safe only when no other process can write
   * here); otherwise those whose writer is known to be gone, and those untouched for
   * `olderThanMs`. A write in flight is touched at least every INCOMPLETE_TOUCH_MS, so with
   * INCOMPLETE_STALE_MS another live process's upload in a shared directory is never taken.
   */
  purgeIncomplete(olderThanMs: number): Promise<number>;
}

/** How often a write in flight marks its unfinished copy as alive (even while the client sends nothing). */
export const INCOMPLETE_TOUCH_MS = 20_000;

/**
 * An unfinished write that no process touched for this long is a leftover of a dead process. Six
 * heartbeats: room for a busy event loop and for clock differences between hosts sharing a volume.
 */
export const INCOMPLETE_STALE_MS = 6 * INCOMPLETE_TOUCH_MS;

export const FILE_STORAGE = Symbol('FILE_STORAGE');
