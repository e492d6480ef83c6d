// Shared by the start and test commands: find or fetch pnpm, and install the workspace once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Installs from the lockfile when node_modules is missing or older, and builds the libraries. */
export function ensureInstalled({ build = true } = {}) {
  if (!existsSync(join(root, 'node_modules/.modules.yaml')) || process.env.CI) run(['install', '--frozen-lockfile']);
  if (build) run(['-r', '--filter', './libs/**', 'run', 'build']);
}
