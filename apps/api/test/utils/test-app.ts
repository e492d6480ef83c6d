import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createKeyholdApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { DatabaseHandle, embeddedDatabase, externalDatabase } from '../../src/database/database-options';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  /** The base URL of a real listening server (for clients that need one). */
  url: string;
  databaseKind: 'postgres' | 'embedded';
  close: () => Promise<void>;
}

/**
 * The configuration every test server starts from: fresh secrets, cheap hashing, no logs, and
 * rate limits out of the way (the rate-limit specs set their own).
 */
export function testEnv(dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    TOKEN_SECRET: randomBytes(32).toString('hex'),
    MASTER_KEY: randomBytes(32).toString('hex'),
    BCRYPT_COST: '4',
    // Most tests make several sellers; signup-policy.e2e-spec.ts covers the default, `first`.
    SELLER_SIGNUP: 'open',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_CLIENT_PER_MIN: '1000000',
    RATE_LIMIT_LOGIN_PER_MIN: '1000000',
    RATE_LIMIT_API_PER_MIN: '1000000',
  };
}

/** A new, empty database on the PostgreSQL server of `adminUrl`, and how to drop it again. */
export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `keyhold_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A fresh Keyhold on a fresh database: a new database on the test PostgreSQL server when
 * TEST_DATABASE_URL is set (scripts/test.mjs starts one), otherwise an in-memory PGlite.
 * Apps share no authentication state (the AccessGuard verifies tokens itself, with no
 * process-wide registry of strategies), so several may run in one process and tests may share one.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyhold-test-'));
  const config = loadConfig({ ...testEnv(dataDir), ...env });
  const adminUrl = process.env.TEST_DATABASE_URL;
  let database: DatabaseHandle;
  let dropDatabase = (): Promise<void> => Promise.resolve();
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl);
    database = externalDatabase(scratch.url, 20);
    dropDatabase = scratch.drop;
  } else {
    database = await embeddedDatabase();
  }
  const app = await createKeyholdApp(config, database);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    http: request(app.getHttpServer()),
    url: `http://127.0.0.1:${address.port}`,
    databaseKind: database.kind,
    close: async () => {
      await app.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
