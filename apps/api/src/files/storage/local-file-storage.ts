import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { FileStorage, StoredObject, StoredRange } from './file-storage';

const KEY = /^[0-9a-f]{2}[0-9a-z.-]{1,126}$/;
const INCOMPLETE = '.incomplete';

/**
 * Encrypted files in a local directory: `<dir>/<first two characters of the key>/<key>`. A write
 * goes to `<dir>/.incomplete/` first and is renamed into place once complete and flushed, so
 * readers never see a partial object and a failed upload leaves no file behind.
 */
export class LocalFileStorage implements FileStorage {
  constructor(
    private readonly dir: string,
    private readonly readSize = 1024 * 1024,
  ) {}

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key); // validates the key first
    const temp = join(this.dir, INCOMPLETE, randomUUID());
    let out: WriteStream | undefined;
    try {
      await mkdir(join(this.dir, INCOMPLETE), { recursive: true, mode: 0o700 });
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      out = createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
      await pipeline(body, out);
      await rename(temp, target);
    } catch (e) {
      body.destroy();
      // The write stream may still be opening: wait for it to close, or the unlink could come first.
      if (out && !out.closed) await finished(out).catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw e;
    }
  }

  get(key: string, range?: StoredRange): Readable {
    return createReadStream(this.pathOf(key), { ...(range ?? {}), highWaterMark: this.readSize });
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    for (const shard of await readdirIfAny(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const key of await readdirIfAny(join(this.dir, shard))) {
        const info = await stat(join(this.dir, shard, key)).catch(() => null);
        if (info?.isFile()) yield { key, modifiedAt: info.mtime };
      }
    }
  }

  async purgeIncomplete(olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const name of await readdirIfAny(join(this.dir, INCOMPLETE))) {
      const path = join(this.dir, INCOMPLETE, name);
      const info = await stat(path).catch(() => null);
      if (info && Date.now() - info.mtimeMs >= olderThanMs) {
        await unlink(path).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Invalid storage key ${JSON.stringify(key)}`);
    return join(this.dir, key.slice(0, 2), key);
  }
}

async function readdirIfAny(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
