import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Client, type ClientConfig } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseHandle {
  options: DataSourceOptions;
  /** Closes what the options opened outside TypeORM (the embedded database and its lock). */
  close: () => Promise<void>;
  kind: 'postgres' | 'embedded';
}

const common = {
  type: 'postgres' as const,
  migrations: MIGRATIONS,
  migrationsRun: true,
  migrationsTransactionMode: 'each' as const,
  synchronize: false,
  uuidExtension: 'uuid-ossp' as const,
};

/**
 * Pool settings for a server that may go away. A connection that cannot be made (or a free one not
 * had) within CONNECT_TIMEOUT_MS fails the request with 503 instead of holding it; keepalive makes
 * the kernel notice a peer that vanished without closing; dead clients leave the pool (pg-pool
 * drops a client whose connection broke), so once the server is back new ones are made and every
 * request heals without a restart.
 */
export const POOL_RESILIENCE = {
  connectionTimeoutMillis: 5000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  idleTimeoutMillis: 30_000,
} as const;

const poolLogger = new Logger('Database');
const poolWarning = { at: 0 };

/**
 * An idle pooled connection that the server ends (a restart, a failover, an administrator) makes
 * the pool emit 'error'; without a listener that would stop the process. The client is already
 * gone from the pool: log it (at most once every 30 s, an outage ends many at once) and go on.
 */
export function onPoolError(error: unknown): void {
  const now = Date.now();
  if (now - poolWarning.at < 30_000) return;
  poolWarning.at = now;
  const e = error as { message?: string; code?: string } | undefined;
  poolLogger.warn({ err: { message: e?.message, code: e?.code } }, 'An idle database connection was lost; new ones are made as needed');
}

/**
 * pg-pool listens for a client's 'error' only while the client is idle, and TypeORM only once the
 * promise for a checked-out client has resolved. A server that ends the connection inside that gap
 * (a fast shutdown reaches a client just handed out) would emit 'error' to nobody, which stops the
 * process. So every client listens from birth. Its other listeners still run; the client is dead
 * either way, and the pool drops it when it is released, since it is no longer queryable.
 */
export class ListeningClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', onPoolError);
  }
}

/** A real PostgreSQL server. */
export function externalDatabase(url: string, poolSize = 10): DatabaseHandle {
  return {
    kind: 'postgres',
    options: { ...common, url, poolErrorHandler: onPoolError, extra: { max: poolSize, Client: ListeningClient, ...POOL_RESILIENCE } },
    close: () => Promise.resolve(),
  };
}

/**
 * The embedded default: PostgreSQL compiled to WebAssembly (PGlite), on the same driver and
 * migrations. `dataDir` undefined keeps it in memory (tests). Queries run one at a time (pool of 1).
 */
export async function embeddedDatabase(dataDir?: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { uuid_ossp } = await import('@electric-sql/pglite/contrib/uuid_ossp');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { lockDataDir } = await import('./data-dir-lock');
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    const db = await PGlite.create({ dataDir: dataDir ? join(dataDir, 'pglite') : undefined, extensions: { uuid_ossp, pg_trgm } });
    return {
      kind: 'embedded',
      options: { ...common, extra: { ...createPgConfig(db), max: 1 } },
      close: async () => {
        await db.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
