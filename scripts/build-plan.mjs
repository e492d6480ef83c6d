// What needs installing or building, decided from the files themselves: a package is rebuilt when
// the content of its files, of the workspace files every build reads, or of a workspace package it
// depends on changed since its last successful build, or when its output is missing. Content, not
// modification times: a checkout or a copy that touches every file rebuilds nothing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Folders that are outputs, caches or other languages' build trees, never inputs of a JS build. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  'coverage',
  '.turbo',
  '.vite',
  '__pycache__',
  '.pytest_cache',
  'test-output',
]);
/** Files at the workspace root that every package's build reads. */
const WORKSPACE_INPUTS = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json'];

export const stateDir = (root) => join(root, 'node_modules', '.cache', 'keyhold');

function hashFiles(root, dir, hash) {
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path);
      } else if (entry.isFile()) {
        hash.update(`${relative(root, path)}\0`);
        hash.update(readFileSync(path));
        hash.update('\0');
      }
    }
  };
  walk(dir);
}

/** The workspace's packages that have a build script, in an order where dependencies come first. */
export function workspacePackages(root) {
  const globs = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((l) => /^\s+-\s+['"]?([\w./-]+)\/\*['"]?\s*$/.exec(l)?.[1])
    .filter(Boolean);
  const all = [];
  for (const parent of globs) {
    if (!existsSync(join(root, parent))) continue;
    for (const name of readdirSync(join(root, parent)).sort()) {
      const dir = join(root, parent, name);
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      const deps = { ...manifest.dependencies, ...manifest.devDependencies };
      all.push({
        name: manifest.name,
        dir,
        build: manifest.scripts?.build,
        output: manifest.main ? join(dir, manifest.main) : join(dir, 'dist', 'index.html'),
        deps: Object.keys(deps).filter((d) => String(deps[d]).startsWith('workspace:')),
      });
    }
  }
  const byName = new Map(all.map((p) => [p.name, p]));
  const ordered = [];
  const visit = (p, seen = new Set()) => {
    if (ordered.includes(p) || seen.has(p)) return;
    seen.add(p);
    for (const d of p.deps) if (byName.has(d)) visit(byName.get(d), seen);
    ordered.push(p);
  };
  all.forEach((p) => visit(p));
  return ordered.filter((p) => p.build);
}

/** The fingerprint of the dependencies as installed: the lockfile, the workspace and every manifest. */
export function installFingerprint(root) {
  const hash = createHash('sha256');
  for (const f of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json'])
    if (existsSync(join(root, f))) hash.update(readFileSync(join(root, f)));
  for (const p of workspacePackages(root)) hash.update(readFileSync(join(p.dir, 'package.json')));
  return hash.digest('hex');
}

/**
 * For each package with a build script: its fingerprint and why it must be built (null: it need
 * not). A package whose dependency is rebuilt has a new fingerprint, so it is rebuilt too.
 */
export function buildPlan(root) {
  const stamps = readStamps(root);
  const shared = createHash('sha256');
  for (const f of WORKSPACE_INPUTS) if (existsSync(join(root, f))) shared.update(`${f}\0`).update(readFileSync(join(root, f)));
  const sharedDigest = shared.digest('hex');
  const fingerprints = new Map();
  return workspacePackages(root).map((p) => {
    const hash = createHash('sha256').update(sharedDigest);
    hashFiles(root, p.dir, hash);
    for (const d of p.deps) hash.update(`${d}\0${fingerprints.get(d) ?? ''}`);
    const fingerprint = hash.digest('hex');
    fingerprints.set(p.name, fingerprint);
    const reason = !existsSync(p.output)
      ? 'not built yet'
      : stamps[p.name] === undefined
        ? 'no record of its last build'
        : stamps[p.name] !== fingerprint
          ? 'changed since its last build'
          : null;
    return { ...p, fingerprint, reason };
  });
}

export function readStamps(root) {
  const file = join(stateDir(root), 'build-stamps.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** Records a package's successful build. */
export function writeStamp(root, name, fingerprint) {
  mkdirSync(stateDir(root), { recursive: true });
  writeFileSync(join(stateDir(root), 'build-stamps.json'), JSON.stringify({ ...readStamps(root), [name]: fingerprint }, null, 2));
}
