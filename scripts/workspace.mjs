// Shared by the start, build and test commands: find or fetch pnpm, install the workspace when its
// dependencies changed, and build the packages whose sources changed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlan, installFingerprint, stateDir, writeStamp } from './build-plan.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function hasPnpm() {
  return spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** pnpm on PATH, else installed globally with npm (only Node and npm are assumed). */
export const pnpm = (() => {
  if (!hasPnpm()) {
    console.log('pnpm not found: installing it with npm (npm i -g pnpm@12)');
    const r = spawnSync('npm', ['i', '-g', 'pnpm@12'], { stdio: 'inherit' });
    if (r.status !== 0 || !hasPnpm()) {
      console.error('Could not install pnpm. Install it yourself (npm i -g pnpm@12) and run again.');
      process.exit(1);
    }
  }
  return 'pnpm';
})();

export function run(args, opts = {}) {
  const r = spawnSync(pnpm, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`\`pnpm ${args.join(' ')}\` failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

const installStamp = () => join(stateDir(root), 'install-stamp');

/**
 * `pnpm install --frozen-lockfile` when node_modules is missing, when the lockfile, the workspace or
 * a manifest changed since the last install, or always in CI.
 */
export function ensureInstalled() {
  const wanted = installFingerprint(root);
  const done =
    existsSync(join(root, 'node_modules/.modules.yaml')) && existsSync(installStamp()) && readFileSync(installStamp(), 'utf8') === wanted;
  if (!done || process.env.CI) {
    run(['install', '--frozen-lockfile']);
    mkdirSync(stateDir(root), { recursive: true });
    writeFileSync(installStamp(), wanted);
  }
}

/** The workspace's libraries (libs/*), for buildChanged's `only`. */
export const isLibrary = (p) => relative(root, p.dir).startsWith('libs');

/**
 * Builds, dependencies first, each package whose sources changed since its last build (see
 * build-plan.mjs), or every one with `force`. `quiet` prints one line per package and the build's
 * own output only when it fails. Resolves to the packages built.
 */
export async function buildChanged({ force = false, quiet = false, only = () => true } = {}) {
  const plan = buildPlan(root).filter(only);
  const todo = plan.filter((p) => force || p.reason);
  for (const p of todo) {
    // The plan was made before any build: a dependency built now changes its dependents' inputs only
    // in its outputs, which are not inputs of the fingerprint, so the fingerprints stay valid.
    const why = force ? 'forced' : p.reason;
    process.stdout.write(quiet ? `Building ${p.name} (${why})...\n` : `\n=== build ${p.name} (${why}) ===\n`);
    const status = await new Promise((resolve) => {
      const child = spawn(pnpm, ['--filter', p.name, 'run', 'build'], { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
      let output = '';
      child.stdout?.on('data', (d) => (output += d));
      child.stderr?.on('data', (d) => (output += d));
      child.on('exit', (code, signal) => {
        if (code !== 0 && quiet) process.stderr.write(output);
        resolve(code ?? (signal ? 1 : 0));
      });
    });
    if (status !== 0) {
      console.error(`Building ${p.name} failed (exit ${status}).`);
      process.exit(status);
    }
    writeStamp(root, p.name, p.fingerprint);
  }
  return todo.map((p) => p.name);
}
