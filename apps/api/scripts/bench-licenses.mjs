// Benchmark: generate 10,000 license keys in one call on the embedded database (PGlite).
//   pnpm bench licenses        (needs `pnpm build` first; BENCH_RUNS, BENCH_COUNT to change)
// It boots the built API in-process on a fresh embedded database in a temporary folder and times
// POST /v1/admin/licenses/generate end to end over HTTP (validation, bulk insert, JSON answer).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'dist');
const { loadConfig } = require(join(dist, 'config/app-config.js'));
const { embeddedDatabase, externalDatabase } = require(join(dist, 'database/database-options.js'));
const { createKeyholdApp } = require(join(dist, 'bootstrap.js'));

const runs = Number(process.env.BENCH_RUNS ?? 7);
const count = Number(process.env.BENCH_COUNT ?? 10_000);
const dataDir = mkdtempSync(join(tmpdir(), 'keyhold-bench-'));
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  BCRYPT_COST: '4',
  RATE_LIMIT_API_PER_MIN: '1000000',
  DATABASE_URL: process.env.DATABASE_URL,
});
const db = config.databaseUrl ? externalDatabase(config.databaseUrl) : await embeddedDatabase(join(dataDir, 'db'));
const app = await createKeyholdApp(config, db);
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;

async function call(method, path, body, token) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

try {
  const { token } = await call('POST', '/v1/auth/register', { email: 'bench@example.com', password: 'benchmark-pass', name: 'Bench' });
  const appRow = await call('POST', '/v1/admin/apps', { name: 'Bench' }, token);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const res = await call(
      'POST',
      '/v1/admin/licenses/generate',
      { appId: appRow.id, count, durationDays: 30, subscription: 'premium' },
      token,
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (res.keys.length !== count || new Set(res.keys).size !== count) throw new Error('wrong number of keys');
    times.push(ms);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`Database: ${db.kind === 'embedded' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL at DATABASE_URL'}`);
  console.log(`Generate ${count} keys per call, ${runs} calls (the table grows to ${count * runs} rows):`);
  console.log(`  each (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
  console.log(`  median ${median.toFixed(0)} ms, best ${sorted[0].toFixed(0)} ms, worst ${sorted[sorted.length - 1].toFixed(0)} ms`);
  console.log(`  ${median < 1000 ? 'OK: under one second' : 'SLOW: over one second'}`);
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
