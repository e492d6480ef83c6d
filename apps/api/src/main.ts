import { ConfigError, loadConfig } from './config/app-config';
import { DataDirInUseError } from './database/data-dir-lock';
import { embeddedDatabase, externalDatabase } from './database/database-options';
import { createRootLogger, logDestination } from './logging/logger';
import { createKeyholdApp, dashboardDir } from './bootstrap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The last resort: an error that escapes every request and background handler (a throw in a
 * stream callback or timer, a promise nobody awaited) is logged and the process keeps serving.
 * Each request runs in its own handler and state lives in the database, so one stray error is no
 * reason to drop every other request and connection; Node's default would end the process.
 */
function keepServingOnStrayErrors(logLevel: string): void {
  const logger = createRootLogger(logLevel).child({ context: 'Process' });
  process.on('uncaughtException', (err, origin) => {
    logger.error({ err, origin }, 'Uncaught exception outside any request handler; still serving');
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'Unhandled promise rejection; still serving');
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  keepServingOnStrayErrors(config.logLevel);
  const database = config.databaseUrl ? externalDatabase(config.databaseUrl) : await embeddedDatabase(config.dataDir);
  const app = await createKeyholdApp(config, database);
  await app.listen(config.port, config.host);
  const base = `http://localhost:${config.port}`;
  const dash = existsSync(join(dashboardDir(config), 'index.html')) ? `${base}/` : '(not built: run pnpm build)';
  logDestination.flushSync(); // so the banner comes after the start-up logs, not among them
  const db = database.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
  process.stdout.write(
    `\nKeyhold is running on ${db}\n  Dashboard: ${dash}\n  API:       ${base}/v1\n  Docs:      ${base}/docs\n  Health:    ${base}/health\n\n`,
  );
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirInUseError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`Keyhold failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.exit(1);
});
