import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { DataDirInUseError } from './database/data-dir-lock';
import { DatabaseHandle, embeddedDatabase, externalDatabase } from './database/database-options';
import { createRootLogger, logDestination } from './logging/logger';
import { createKeyholdApp, dashboardDir } from './bootstrap';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { VERSION } from './version';
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

/** How long requests still running at a stop may take before their connections are closed. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * SIGINT (Ctrl-C) and SIGTERM (a process manager, `docker stop`, npm start passing either on):
 * stop accepting connections, let the requests in flight finish (closing the ones still open after
 * SHUTDOWN_GRACE_MS), stop the webhook worker and the sweeps, close the database (which removes
 * the data directory's pid file), then exit 0; 1 if any of that failed. A repeated signal while
 * stopping changes nothing: a single Ctrl-C can reach the process more than once on its way.
 */
function stopOnSignals(app: NestExpressApplication): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nStopping Keyhold (${signal}): finishing the requests in flight...\n`);
    const server = app.getHttpServer();
    const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    grace.unref();
    // A keep-alive connection whose request just finished would hold the close for its idle timeout.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    app.close().then(
      () => {
        clearTimeout(grace);
        clearInterval(idle);
        logDestination.flushSync();
        process.stdout.write('Keyhold stopped.\n');
        process.exit(0);
      },
      (e: unknown) => {
        logDestination.flushSync();
        process.stderr.write(`Keyhold did not stop cleanly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (process.argv.includes('--version')) {
    process.stdout.write(`keyhold ${VERSION}\n`);
    return;
  }
  const config = loadConfig();
  keepServingOnStrayErrors(config.logLevel);
  const database = config.databaseUrl ? externalDatabase(config.databaseUrl) : await embeddedDatabase(config.dataDir);
  const app = await createKeyholdApp(config, database);
  stopOnSignals(app);
  await app.listen(config.port, config.host);
  logDestination.flushSync(); // so the banner comes after the start-up logs, not among them
  process.stdout.write(banner(config, database.kind));
}

/** What the person who started Keyhold needs: where it runs, on what, and how to stop it. */
function banner(config: AppConfig, kind: DatabaseHandle['kind']): string {
  const base = `http://localhost:${config.port}`;
  const dash = existsSync(join(dashboardDir(config), 'index.html')) ? `${base}/` : '(not built: run pnpm build)';
  const lines = [
    '',
    `Keyhold ${VERSION} is running`,
    `  Database:  ${kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${join(config.dataDir, 'pglite')}` : `PostgreSQL at ${safeDatabaseUrl(config.databaseUrl)}`}`,
    `  Data:      ${config.dataDir}`,
    `  Dashboard: ${dash}`,
    `  API:       ${base}/v1`,
    `  Docs:      ${base}/docs        (raw spec: /docs/openapi.json)`,
    `  Health:    ${base}/health`,
    '',
    ...warnings(config, kind).map((w) => `Warning: ${w}`),
    'Press Ctrl-C to stop (or send SIGTERM).',
    '',
  ];
  return lines.join('\n');
}

/** Only what the user should act on. */
function warnings(config: AppConfig, kind: DatabaseHandle['kind']): string[] {
  const found: string[] = [];
  if (config.secretsFile?.created) {
    found.push(
      `TOKEN_SECRET and MASTER_KEY were generated into ${config.secretsFile.path}. Back that file up with the data: ` +
        'without it, tokens and encrypted secrets cannot be read. Set both variables yourself to run more than one API process.',
    );
  }
  if (kind === 'embedded' && process.env.NODE_ENV === 'production') {
    found.push(
      'NODE_ENV=production on the embedded database: it suits one process and light load (see Benchmarks in the README). ' +
        'Set DATABASE_URL to a PostgreSQL server for production.',
    );
  }
  return found;
}

/** The server and database, never the password. */
function safeDatabaseUrl(url: string | undefined): string {
  try {
    const u = new URL(url ?? '');
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirInUseError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`Keyhold failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.exit(1);
});
