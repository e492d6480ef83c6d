// The README's start command as a user runs it (`npm start` from the repository root), and the
// build planner it relies on. Run by `node scripts/test.mjs start` (node:test), after the build.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildPlan, writeStamp } from './build-plan.mjs';
import { freePort } from './postgres.mjs';
import { root } from './workspace.mjs';

const version = JSON.parse(readFileSync(join(root, 'apps/api/package.json'), 'utf8')).version;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `npm start` in its own process group, as a terminal runs it; resolves once the banner is out. */
async function npmStart(env) {
  // CI=true makes every start install again (workspace.mjs); a user's shell has no CI.
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, CI: '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = Date.now();
  for (;;) {
    if (/Press Ctrl-C to stop/.test(output)) break;
    if (child.exitCode !== null || child.signalCode !== null) assert.fail(`npm start exited before the banner:\n${output}`);
    if (Date.now() - started > 240_000) assert.fail(`no banner within 240 s:\n${output}`);
    await sleep(100);
  }
  return { child, exited, output: () => output, startedInMs: Date.now() - started };
}

const portIsFree = (port) =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

/** A request whose body is still being sent when the stop begins; resolves with its answer. */
function slowRegistration(port, email) {
  const body = JSON.stringify({ email, password: 'correct horse battery', name: 'In flight' });
  const half = Math.floor(body.length / 2);
  let finish;
  const answer = new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/auth/register',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { answer, finish: () => finish() };
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyhold-start-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the version with --version, before installing or building anything', async () => {
    const child = spawn('npm', ['start', '--', '--version'], {
      cwd: root,
      env: { ...process.env, CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise((r) => child.once('exit', r));
    assert.equal(code, 0);
    assert.match(out, new RegExp(`^keyhold ${version.replace(/\./g, '\\.')}$`, 'm'));
    assert.doesNotMatch(out, /Building|Lockfile|Keyhold .* is running/);
  });

  for (const [signal, how] of [
    ['SIGINT', 'Ctrl-C in a terminal (the whole process group)'],
    ['SIGTERM', "a process manager's SIGTERM to npm's pid"],
  ]) {
    it(`stops everything on ${how}, finishing a request in flight, and frees the port and the data directory at once`, async (t) => {
      const port = await freePort();
      const started = await npmStart({ PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1' });
      const out = started.output();
      // Built and installed already (the test stage builds first): straight to the banner, quietly.
      const beforeBanner = out.slice(0, out.indexOf(`Keyhold ${version} is running`));
      assert.deepEqual(
        beforeBanner.split('\n').filter((l) => l.trim() !== '' && !/^> /.test(l)),
        [],
        `only npm's own header before the banner:\n${out}`,
      );
      assert.match(out, /Database: {2}embedded PostgreSQL \(PGlite\) in /);
      assert.match(out, /\(raw spec: \/docs\/openapi\.json\)/);
      assert.equal(existsSync(join(dataDir, 'keyhold.pid')), true);
      const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
      assert.equal(health.status, 'ok');
      assert.equal(health.databaseKind, 'embedded');
      assert.equal(health.version, version);

      const inFlight = slowRegistration(port, `inflight-${signal.toLowerCase()}@example.com`);
      await sleep(200); // the server has the request's headers and half its body
      const stopAt = Date.now();
      if (signal === 'SIGINT') process.kill(-started.child.pid, 'SIGINT');
      else process.kill(started.child.pid, 'SIGTERM');
      await sleep(300);
      inFlight.finish();
      const answer = await inFlight.answer;
      assert.ok(
        answer.status === 201 || answer.status === 403,
        `the request in flight got a real answer, not a reset: ${answer.status} ${answer.body}`,
      );

      const exit = await Promise.race([started.exited, sleep(30_000).then(() => 'timeout')]);
      assert.deepEqual(exit, { code: 0, signal: null }, `npm start's exit:\n${started.output()}`);
      t.diagnostic(`${signal}: banner ${started.startedInMs} ms after npm start; stopped ${Date.now() - stopAt} ms after the signal`);
      assert.match(started.output(), /Keyhold stopped\./);
      // At once: the moment npm start has exited, nothing of it is left.
      assert.equal(await portIsFree(port), true, 'the port is free');
      assert.equal(existsSync(join(dataDir, 'keyhold.pid')), false, 'the pid file is removed');
    });
  }

  it('opens the same data directory again right after a stop, and keeps what was saved', async () => {
    const port = await freePort();
    const started = await npmStart({ PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1' });
    // The registration that was in flight during the SIGINT stop was saved: its seller exists.
    const again = await fetch(`http://127.0.0.1:${port}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'inflight-sigint@example.com', password: 'correct horse battery' }),
    });
    assert.equal(again.status, 200, await again.text());
    process.kill(-started.child.pid, 'SIGINT');
    assert.deepEqual(await started.exited, { code: 0, signal: null });
  });
});

describe('the build plan', () => {
  const ws = mkdtempSync(join(tmpdir(), 'keyhold-plan-'));
  after(() => rmSync(ws, { recursive: true, force: true }));
  const write = (path, text) => {
    mkdirSync(join(ws, path, '..'), { recursive: true });
    writeFileSync(join(ws, path), text);
  };
  write('pnpm-workspace.yaml', 'packages:\n  - apps/*\n  - libs/*\n');
  write('package.json', '{"name":"root"}');
  write('pnpm-lock.yaml', 'lockfileVersion: 9.0\n');
  write('libs/lib/package.json', JSON.stringify({ name: 'lib', main: 'dist/index.js', scripts: { build: 'tsc' } }));
  write('libs/lib/src/index.ts', 'export const a = 1;\n');
  write(
    'apps/app/package.json',
    JSON.stringify({ name: 'app', main: 'dist/main.js', scripts: { build: 'tsc' }, dependencies: { lib: 'workspace:*' } }),
  );
  write('apps/app/src/main.ts', 'import { a } from "lib";\n');
  write('libs/notes/package.json', JSON.stringify({ name: 'notes' })); // no build script: never planned
  const reasons = () => Object.fromEntries(buildPlan(ws).map((p) => [p.name, p.reason]));
  const builtAll = () => {
    write('libs/lib/dist/index.js', 'built');
    write('apps/app/dist/main.js', 'built');
    for (const p of buildPlan(ws)) writeStamp(ws, p.name, p.fingerprint);
  };

  it('builds everything on a fresh clone, dependencies first, and nothing once built', () => {
    assert.deepEqual(
      buildPlan(ws).map((p) => p.name),
      ['lib', 'app'],
    );
    assert.deepEqual(reasons(), { lib: 'not built yet', app: 'not built yet' });
    builtAll();
    assert.deepEqual(reasons(), { lib: null, app: null });
  });

  it('rebuilds a changed library and what depends on it, and an app alone when only it changed', () => {
    builtAll();
    write('libs/lib/src/index.ts', 'export const a = 2;\n');
    assert.deepEqual(reasons(), { lib: 'changed since its last build', app: 'changed since its last build' });
    builtAll();
    write('apps/app/src/extra.ts', 'export {};\n');
    assert.deepEqual(reasons(), { lib: null, app: 'changed since its last build' });
  });

  it('rebuilds everything when the lockfile changes, and the one whose output is missing', () => {
    builtAll();
    write('pnpm-lock.yaml', 'lockfileVersion: 9.0\n# another dependency\n');
    assert.deepEqual(reasons(), { lib: 'changed since its last build', app: 'changed since its last build' });
    builtAll();
    rmSync(join(ws, 'apps/app/dist'), { recursive: true });
    assert.deepEqual(reasons(), { lib: null, app: 'not built yet' });
  });

  it('ignores a new modification time with the same content, and outputs or dependencies inside the package', () => {
    builtAll();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(ws, 'libs/lib/src/index.ts'), later, later);
    write('apps/app/dist/extra.js', 'output');
    write('apps/app/node_modules/x/index.js', 'dependency');
    assert.deepEqual(reasons(), { lib: null, app: null });
  });
});
