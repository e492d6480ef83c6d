import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { DatabaseHandle } from '../database/database-options';
import { DATABASE_HANDLE } from '../database/database.module';
import { FilesRepository } from './files.repository';
import { FILE_STORAGE, FileStorage, INCOMPLETE_STALE_MS } from './storage/file-storage';

const HOUR = 3600_000;
/** How often unfinished writes of dead processes are looked for (a listing of one small folder). */
const LEFTOVER_CHECK_MS = 60_000;

/**
 * Removes what no upload will ever finish or point to:
 *
 * - Unfinished writes (storage's `.incomplete`) of a process that died mid-upload: at start and
 *   every minute. On the embedded database only this process can use the data (the data
 *   directory is locked), so at start every leftover goes, whatever its age. On an external
 *   PostgreSQL several API processes may share FILES_DIR, so a leftover goes at once only when
 *   its writer is known to be gone (it ran on this host and pid namespace and is not running:
 *   the restart after a crash), and otherwise once no process has touched it for
 *   INCOMPLETE_STALE_MS (a live upload is touched every INCOMPLETE_TOUCH_MS). An upload that fails
 *   or is aborted removes its own unfinished write before it answers.
 * - Stored bytes no row points to: those of files whose app was deleted (the rows went by cascade;
 *   without their wrapped keys the bytes were already unreadable), and leftovers of a crash between
 *   storing and recording. Only objects older than an hour are touched, so an upload in flight
 *   (stored, row not yet written) is never taken. At start and hourly.
 */
@Injectable()
export class FilesJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FilesJanitor.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private running?: Promise<unknown>;
  /** The age from which an unfinished write is a leftover (see the class comment). */
  readonly leftoverAgeMs: number;

  constructor(
    private readonly files: FilesRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(DATABASE_HANDLE) database: DatabaseHandle,
  ) {
    this.leftoverAgeMs = database.kind === 'embedded' ? 0 : INCOMPLETE_STALE_MS;
  }

  onApplicationBootstrap(): void {
    const run = (pass: () => Promise<unknown>, what: string) => () => {
      this.running ??= pass()
        .catch((e: unknown) => this.logger.error({ err: e }, `${what} failed`))
        .finally(() => (this.running = undefined));
    };
    const full = run(() => this.sweep(), 'File storage sweep');
    const leftovers = run(() => this.storage.purgeIncomplete(this.leftoverAgeMs), 'Unfinished upload cleanup');
    // The start-up pass begins at once (before the server listens); `idle()` waits for it.
    full();
    this.timers.push(setInterval(full, HOUR), setInterval(leftovers, LEFTOVER_CHECK_MS));
    for (const t of this.timers) t.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.running;
  }

  /** Resolves once the pass in progress, if any (the start-up pass, say), is over. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** One pass; returns how many orphaned objects and unfinished writes it removed. */
  async sweep(minAgeMs = HOUR, leftoverAgeMs = this.leftoverAgeMs): Promise<{ orphans: number; incomplete: number }> {
    // Unfinished writes first: the cheap part, and the one start-up must not keep waiting.
    const incomplete = await this.storage.purgeIncomplete(Math.max(leftoverAgeMs, 0));
    let orphans = 0;
    let batch: string[] = [];
    const flush = async () => {
      const known = await this.files.knownStorageKeys(batch);
      for (const key of batch) {
        if (!known.has(key)) {
          await this.storage.delete(key);
          orphans++;
        }
      }
      batch = [];
    };
    const cutoff = Date.now() - minAgeMs;
    for await (const object of this.storage.list()) {
      if (object.modifiedAt.getTime() > cutoff) continue;
      batch.push(object.key);
      if (batch.length >= 500) await flush();
    }
    if (batch.length > 0) await flush();
    return { orphans, incomplete };
  }
}
