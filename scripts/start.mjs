// `npm start`: install, build and start the whole product (API, dashboard, docs) on the embedded
// database. Set DATABASE_URL to use an external PostgreSQL instead. Installs only when the
// dependencies changed and builds only the packages whose sources changed (scripts/build-plan.mjs),
// so a second start goes straight to the server. `npm start -- --version` prints the version.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const manifest = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));

// Before anything else, and with no import that could fail first on an old Node.
const minimum = /^>=\s*(\d+)\.(\d+)/.exec(manifest('package.json').engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < Number(minimum[1]) || (major === Number(minimum[1]) && minor < Number(minimum[2]))) {
  console.error(
    `Keyhold needs Node.js ${minimum[1]}.${minimum[2]} or newer; this is ${process.versions.node}. Install a newer Node.js and run npm start again.`,
  );
  process.exit(1);
}
if (process.argv.includes('--version')) {
  console.log(`keyhold ${manifest('apps/api/package.json').version}`);
  process.exit(0);
}

const { buildChanged, ensureInstalled } = await import('./workspace.mjs');

// A signal while installing or building stops there; once the server runs, it is passed on once
// (a Ctrl-C reaches this process twice: from the terminal and again from npm) and the server's own
// shutdown decides when this exits.
let server = null;
let stopSignal = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopSignal) return;
    stopSignal = signal;
    if (server) server.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
    else process.exit(130);
  });
}

ensureInstalled();
await buildChanged({ quiet: true });

// Its own process group (not on Windows, which has none): a Ctrl-C in the terminal reaches the
// server only through this process, once, instead of twice while it is already shutting down.
server = spawn(process.execPath, [join(root, 'apps/api/dist/main.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  detached: process.platform !== 'win32',
});
server.on('exit', (code, signal) => {
  // The server's own status; a server ended by a signal ends this process the same way.
  if (signal) {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
