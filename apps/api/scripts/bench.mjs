#!/usr/bin/env node
/**
 * `pnpm bench <name>` (or `node scripts/bench.mjs <name>` in apps/api): runs one benchmark against
 * the built API (apps/api/dist: run `pnpm build` first). Each benchmark is its own script.
 */
const BENCHMARKS = {
  files: './bench-files.mjs',
  licenses: './bench-licenses.mjs',
  'license-login': './bench-license-login.mjs',
  http: './bench-http.mjs',
  lists: './bench-lists.mjs',
};

const name = process.argv[2];
if (!name || !Object.hasOwn(BENCHMARKS, name)) {
  process.stderr.write(`usage: pnpm bench <${Object.keys(BENCHMARKS).join('|')}>\n`);
  process.exit(1);
}
await import(new URL(BENCHMARKS[name], import.meta.url));
