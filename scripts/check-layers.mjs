// Part of `pnpm lint`: the API's folders (its domains and shared layers) must import each other
// without a cycle, so that they can be drawn as layers. ESLint's import-x/no-cycle checks files;
// this checks folders, which a file-level check misses (a.ts → b/x.ts and b/y.ts → a.ts).
// `node scripts/check-layers.mjs --print` prints the folders from the bottom layer up.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'api', 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p)) ?? null;
}

/** The folder directly under src/ (or the file itself for the composition root: main.ts, app.module.ts...). */
const folderOf = (file) => relative(src, file).split('/')[0];

const edges = new Map(); // folder → Map(folder → an example "file → file")
for (const file of files(src)) {
  const from = folderOf(file);
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = resolveImport(file, m[1] ?? m[2]);
    if (!target) continue;
    const to = folderOf(target);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${relative(src, file)} → ${relative(src, target)}`);
  }
}

// Depth-first search for a cycle, with the path that closes it.
const state = new Map(); // folder → 'open' | 'done'
const order = [];
let cycle = null;
function visit(folder, path) {
  if (cycle || state.get(folder) === 'done') return;
  if (state.get(folder) === 'open') {
    cycle = path.slice(path.indexOf(folder));
    return;
  }
  state.set(folder, 'open');
  for (const to of edges.get(folder)?.keys() ?? []) visit(to, [...path, to]);
  state.set(folder, 'done');
  order.push(folder);
}
for (const folder of [...edges.keys()].sort()) visit(folder, [folder]);

if (cycle) {
  console.error('The API folders import each other in a cycle:');
  for (let i = 0; i + 1 < cycle.length; i++) console.error(`  ${cycle[i]} → ${cycle[i + 1]}   (${edges.get(cycle[i]).get(cycle[i + 1])})`);
  process.exit(1);
}
if (process.argv.includes('--print')) {
  for (const folder of order)
    console.log(`${folder.padEnd(18)} → ${[...(edges.get(folder)?.keys() ?? [])].sort().join(', ') || '(nothing)'}`);
} else {
  console.log(`API folders: ${order.length}, no import cycle between them.`);
}
