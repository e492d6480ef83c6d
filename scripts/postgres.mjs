// Starts a throwaway PostgreSQL server on a temporary directory and stops it at exit.
// Used by the test command; also runnable alone: `node scripts/postgres.mjs` prints its URL and waits.
// The fault tests take the server away and bring it back on the same port and data: `pause()` and
// `resume()` of the returned handle, or, run alone, SIGUSR1 (stop, then prints "paused") and SIGUSR2
// (start again, then prints "resumed").
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The PostgreSQL server binaries: PG_BIN, then Debian's layout, then PATH. */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))) {
      candidates.push(join('/usr/lib/postgresql', v, 'bin'));
    }
  }
  for (const dir of candidates) if (existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir;
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return join(which.stdout.trim(), '..');
  return null;
}

/** A TCP port nobody listens on right now (loopback). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startPostgres() {
  const bin = findPostgresBin();
  if (!bin) return null;
  const root = process.getuid?.() === 0;
  const asPostgres = (cmd, args) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const dir = mkdtempSync(join(tmpdir(), 'keyhold-pg-'));
  chmodSync(dir, 0o755);
  if (root) execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  let port;
  const startServer = () =>
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-w',
      '-t',
      '30',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c full_page_writes=off`,
      'start',
    ]);
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      startServer();
      break;
    } catch (e) {
      if (attempt >= 4) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  let stopped = false;
  let paused = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      /* already down */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  /** Stops the server as an outage would (open connections are ended); the data stays. */
  const pause = () => {
    if (stopped || paused) return;
    asPostgres('pg_ctl', ['-D', data, '-w', '-t', '30', '-m', 'fast', 'stop']);
    paused = true;
  };
  /** Starts the paused server again on the same port, with the same data; returns once it accepts connections. */
  const resume = () => {
    if (stopped || !paused) return;
    startServer();
    paused = false;
  };
  process.once('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.once(sig, () => {
      stop();
      process.exit(130);
    });
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, pause, resume, bin };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startPostgres();
  if (!pg) {
    console.error('No PostgreSQL server binaries found (set PG_BIN, or apt-get install postgresql).');
    process.exit(1);
  }
  console.log(pg.url);
  const signalled = (what, action) => () => {
    try {
      action();
      console.log(what);
    } catch (e) {
      console.log(`failed: ${e.stderr?.toString().trim() || e.message}`);
    }
  };
  process.on('SIGUSR1', signalled('paused', pg.pause));
  process.on('SIGUSR2', signalled('resumed', pg.resume));
  setInterval(() => {}, 1 << 30);
}
