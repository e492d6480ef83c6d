import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, readlinkSync, WriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { FileStorage, INCOMPLETE_TOUCH_MS, StoredObject, StoredRange } from './file-storage';
import { isProcessAlive } from '../../common/process-alive';

const KEY = /^[0-9a-f]{2}[0-9a-z.-]{1,126}$/;
const INCOMPLETE = '.incomplete';
/** Unfinished copies of versions before writer tags and heartbeats: their writer may not touch them. */
const UNTAGGED_MIN_AGE_MS = 3600_000;

/**
 * The writer of an unfinished copy, as `<boot id>.<pid namespace>.<pid>`: unique across hosts
 * (the kernel's boot id) and containers (the pid namespace), so a process can tell that a writer
 * on its own host and namespace is gone. Null where Linux's /proc does not say.
 */
export function processTag(pid = process.pid): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().replace(/-/g, '');
    const ns = /^pid:\[(\d+)\]$/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
    return /^[0-9a-f]{32}$/.test(boot) && ns ? `${boot}.${ns}.${pid}` : null;
  } catch {
    return null;
  }
}

const TAGGED = /^([0-9a-f]{32})\.(\d+)\.(\d+)\.[0-9a-f-]{36}$/;
const ANONYMOUS = /^anon\.[0-9a-f-]{36}$/;

/** Every unfinished copy being written in this process (by any instance): never a leftover. */
const writingHere = new Set<string>();

/**
 * Encrypted files in a local directory: `<dir>/<first two characters of the key>/<key>`. A write
 * goes to `<dir>/.incomplete/` first and is renamed into place once complete and flushed, so
 * readers never see a partial object, and a failed or aborted write removes its unfinished copy
 * before `put` settles.
 *
 * Several API processes may share the directory (they must, to serve each other's files), so a
 * process must never take another's upload in flight for a leftover:
 * - an unfinished copy is named after its writer (`processTag()`): one whose writer ran on this
 *   host, in this pid namespace, and is no longer running is a leftover at once;
 * - every write in flight has its copy touched every INCOMPLETE_TOUCH_MS, also while its client
 *   sends nothing: a copy of a writer elsewhere is a leftover once untouched for much longer.
 */
export class LocalFileStorage implements FileStorage {
  /** Unfinished copies this instance is writing now (it keeps them touched). */
  private readonly inFlight = new Set<string>();
  private heartbeat?: NodeJS.Timeout;
  private readonly tag = processTag();

  constructor(
    private readonly dir: string,
    private readonly readSize = 1024 * 1024,
    private readonly touchIntervalMs = INCOMPLETE_TOUCH_MS,
  ) {}

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key); // validates the key first
    const temp = join(this.dir, INCOMPLETE, `${this.tag ?? 'anon'}.${randomUUID()}`);
    this.track(temp);
    let out: WriteStream | undefined;
    try {
      await mkdir(join(this.dir, INCOMPLETE), { recursive: true, mode: 0o700 });
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      out = createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
      await pipeline(body, out);
      await rename(temp, target);
    } catch (e) {
      body.destroy();
      out?.destroy();
      // The write stream may still be opening: wait for it to close, or the unlink could come first.
      if (out && !out.closed) await finished(out).catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw e;
    } finally {
      this.untrack(temp);
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
      if (writingHere.has(path)) continue;
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      const untouchedMs = Date.now() - info.mtimeMs;
      if (olderThanMs === 0 || this.writerIsGone(name) || untouchedMs >= this.minAgeOf(name, olderThanMs)) {
        await unlink(path).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }

  /** Whether the copy's writer ran here (this host, this pid namespace) and is not running any more. */
  private writerIsGone(name: string): boolean {
    const m = TAGGED.exec(name);
    if (!m || !this.tag) return false;
    const [boot, ns] = this.tag.split('.');
    if (m[1] !== boot || m[2] !== ns) return false;
    const pid = Number(m[3]);
    // Our own pid: not being written here (checked before), so left by an earlier process with this pid.
    return pid === process.pid || !isProcessAlive(pid);
  }

  private minAgeOf(name: string, olderThanMs: number): number {
    return TAGGED.test(name) || ANONYMOUS.test(name) ? olderThanMs : Math.max(olderThanMs, UNTAGGED_MIN_AGE_MS);
  }

  private track(temp: string): void {
    writingHere.add(temp);
    this.inFlight.add(temp);
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const now = new Date();
      // A copy renamed into place or removed meanwhile is simply not there any more.
      for (const path of this.inFlight) void utimes(path, now, now).catch(() => undefined);
    }, this.touchIntervalMs);
    this.heartbeat.unref();
  }

  private untrack(temp: string): void {
    writingHere.delete(temp);
    this.inFlight.delete(temp);
    if (this.inFlight.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
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
