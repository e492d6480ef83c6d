import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';

const HOUR = 3600_000;

/**
 * Removes stored bytes no row points to: those of files whose app was deleted (the rows went by
 * cascade; without their wrapped keys the bytes were already unreadable), and leftovers of a crash
 * between storing and recording. Only objects older than an hour are touched, so an upload in
 * flight (stored, row not yet written) is never taken. Runs at start and hourly.
 */
@Injectable()
export class FilesJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FilesJanitor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => {
      this.running ??= this.sweep()
        .catch((e: unknown) => this.logger.error({ err: e }, 'File storage sweep failed'))
        .finally(() => (this.running = undefined));
    };
    setImmediate(run).unref();
    this.timer = setInterval(run, HOUR);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many orphaned objects and unfinished writes it removed. */
  async sweep(minAgeMs = HOUR): Promise<{ orphans: number; incomplete: number }> {
    let orphans = 0;
    let batch: string[] = [];
    const flush = async () => {
      const rows: Array<{ storage_key: string }> = await this.dataSource.query('SELECT storage_key FROM files WHERE storage_key = ANY($1)', [batch]);
      const known = new Set(rows.map((r) => r.storage_key));
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
    const incomplete = await this.storage.purgeIncomplete(Math.max(minAgeMs, 0));
    return { orphans, incomplete };
  }
}
