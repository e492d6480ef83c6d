// The built API (apps/api/dist) started for a test stage: on a database of its own on the test
// server, or on a temporary embedded one. Shared by the browser tests and the SDK tests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres.mjs';
import { root } from './workspace.mjs';

/** `database` dropped and created anew on the server of `pgUrl`; its URL. */
function freshDatabase(pgUrl, database) {
  const url = new URL(pgUrl);
  url.pathname = `/${database}`;
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `const {Client}=require('pg');(async()=>{const c=new Client({connectionString:${JSON.stringify(pgUrl)}});await c.connect();await c.query('DROP DATABASE IF EXISTS ${database}');await c.query('CREATE DATABASE ${database}');await c.end()})().catch(e=>{console.error(e);process.exit(1)})`,
    ],
    { cwd: join(root, 'apps/api'), stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`Could not create the database ${database}`);
  return url.toString();
}

/**
 * Starts apps/api/dist/main.js on 127.0.0.1 and waits for /health. `pgUrl` null: the embedded
 * database in a temporary data directory. Resolves to `{ url, stop() }`.
 */
export async function startBuiltApi({ pgUrl, database, env = {} }) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `${database}-`));
  const api = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      BCRYPT_COST: '4',
      DATABASE_URL: pgUrl ? freshDatabase(pgUrl, database) : '',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => api.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (api.exitCode === null && api.signalCode === null) api.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 120; i++) {
    if (api.exitCode !== null) break;
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`The built API did not come up on ${url}`);
}
