import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseHandle {
  options: DataSourceOptions;
  /** Closes what the options opened outside TypeORM (the embedded database and its lock). */
  close: () => Promise<void>;
  kind: 'postgres' | 'embedded';
}

const common = {
  type: 'postgres' as const,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsRun: true,
  migrationsTransactionMode: 'each' as const,
  synchronize: false,
  uuidExtension: 'uuid-ossp' as const,
};

/** A real PostgreSQL server. */
export function externalDatabase(url: string, poolSize = 10): DatabaseHandle {
  return { kind: 'postgres', options: { ...common, url, extra: { max: poolSize } }, close: async () => undefined };
}

/**
 * The embedded default: PostgreSQL compiled to WebAssembly (PGlite), on the same driver and
 * migrations. `dataDir` undefined keeps it in memory (tests). Queries run one at a time (pool of 1).
 */
export async function embeddedDatabase(dataDir?: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { uuid_ossp } = await import('@electric-sql/pglite/contrib/uuid_ossp');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { lockDataDir } = await import('./data-dir-lock');
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    const db = await PGlite.create({ dataDir: dataDir ? join(dataDir, 'pglite') : undefined, extensions: { uuid_ossp } });
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
