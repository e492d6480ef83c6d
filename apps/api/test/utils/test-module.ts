import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { embeddedDatabase } from '../../src/database/database-options';
import { DatabaseModule } from '../../src/database/database.module';
import { DATABASE_LAYER } from '../../src/database-layer';
import { testEnv } from './test-app';

export interface TestModule {
  module: TestingModule;
  dataSource: DataSource;
  get: TestingModule['get'];
  close: () => Promise<void>;
}

/**
 * Services and repositories without HTTP, for service-level specs: the given modules on a fresh
 * in-memory PGlite with every migration (the embedded database the product runs on by default),
 * configured as the e2e tests are.
 */
export async function createTestModule(metadata: ModuleMetadata = {}, env: Record<string, string> = {}): Promise<TestModule> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyhold-spec-'));
  const config = loadConfig({ ...testEnv(dataDir), ...env });
  const module = await Test.createTestingModule({
    ...metadata,
    imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(await embeddedDatabase(), DATABASE_LAYER), ...(metadata.imports ?? [])],
  }).compile();
  await module.init();
  return {
    module,
    dataSource: module.get(DataSource),
    get: module.get.bind(module),
    close: async () => {
      await module.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A seller and an app of theirs, inserted directly: the fixtures most specs start from. */
export async function insertSellerAndApp(dataSource: DataSource): Promise<{ sellerId: string; appId: string }> {
  const [{ id: sellerId }]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO sellers (email, name, password_hash) VALUES ($1, 'Spec seller', 'x') RETURNING id`,
    [`spec-${Math.random().toString(36).slice(2)}@example.com`],
  );
  const [{ id: appId }]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO apps (seller_id, name, api_key, secret_encrypted, endpoint) VALUES ($1, 'Spec app', $2, 'x', $3) RETURNING id`,
    [sellerId, `ak_${Math.random().toString(36).slice(2)}`, Math.random().toString(36).slice(2, 22)],
  );
  return { sellerId, appId };
}
