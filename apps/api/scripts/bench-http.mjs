// Benchmark: Keyhold's four hot client endpoints over HTTP, against a bare baseline (issue #15).
//   pnpm bench http          (from the repository root; needs `pnpm build` first)
//
// What it measures: requests per second and p50/p99 latency, under BENCH_CONNECTIONS (32) keep-alive
// connections of autocannon, in BENCH_ROUNDS (4) rounds of BENCH_SECONDS (5) after BENCH_WARMUP_SECONDS (2)
// per endpoint and server, the two servers in turn (K B, B K, K B, B K: drift weighs on both), of
//   license   POST /v1/client/license   license login (locks the key, a session, two writes)
//   session   GET  /v1/client/session   session check (token verified, session and license read)
//   login     POST /v1/client/login     password login (bcrypt, then a transaction of six statements)
//   axora     GET  /app/auth/{endpoint}+{user}+{password}+{version}+{hwid}   the same checks, no session
// each request picking one of 1,000 keys, client tokens or users at random; and the bare server
// (bench-bare-server.mjs: node:http + pg, no framework) doing the same SQL, the same transactions
// and the same crypto on the same database, so Keyhold / bare is what the framework costs. Beside
// them: raw bcrypt compares per second at BCRYPT_COST with Keyhold's hashing parallelism, the
// ceiling of both password endpoints; and the CPU each server (and its database) spent per answer,
// with the share of the machine other processes took meanwhile: on a shared machine req/s and
// latency move with the neighbours, CPU per answer much less.
//
// How: a throwaway PostgreSQL (scripts/postgres.mjs) with a database of the run; the built Keyhold
// (node dist/main.js) migrates it and is seeded through its own HTTP API (a seller, an app, 1,000
// keys each activated by one license login, which gives the 1,000 client tokens, 1,000 end users).
// Before the load, a statement audit (pg_stat_statements) counts the SQL statements one request of
// each endpoint runs on each server, and a few answers are compared (status, JSON shape, signature,
// refusals). Keyhold and the bare server take turns, one under load at a time, round by round; the
// figures are of all rounds together, and each round's req/s is printed too. Then the same seed
// and load on Keyhold with its embedded database (PGlite; no bare server there).
//
// Options (environment):
//   BENCH_ROUNDS=4  BENCH_SECONDS=5  BENCH_WARMUP_SECONDS=2  BENCH_CONNECTIONS=32  BENCH_SEED=1000 (keys, users)
//   BENCH_ONLY=license,session,login,axora      a subset of the endpoints
//   BENCH_EMBEDDED=1 (default: PostgreSQL, then PGlite) | 0 (PostgreSQL only) | only (PGlite only)
//   BENCH_KEYHOLD_DIST=<another build's apps/api/dist>   measure that build (a baseline) instead
//   BENCH_PROFILE_DIR=<dir>   write a CPU profile of each server there (node --cpu-prof; open in
//                             Chrome's DevTools): where Keyhold's time goes beside the bare server's
//   BCRYPT_COST, HASHING_CONCURRENCY, UV_THREADPOOL_SIZE   given alike to Keyhold, the bare server
//                                                         and the bcrypt measurement
// A run in which any answer is not 2xx (or a check fails) says so at the end and exits with 1; a
// busy machine or SQL that differs between the two servers is a warning.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const apiDir = resolve(here, '..');
const repoRoot = resolve(apiDir, '..', '..');

const env = process.env;
const settings = {
  seconds: Number(env.BENCH_SECONDS ?? 5),
  warmupSeconds: Number(env.BENCH_WARMUP_SECONDS ?? 2),
  rounds: Math.max(1, Number(env.BENCH_ROUNDS ?? 4)),
  connections: Number(env.BENCH_CONNECTIONS ?? 32),
  seed: Number(env.BENCH_SEED ?? 1000),
  only: (env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  embedded: (env.BENCH_EMBEDDED ?? '1').toLowerCase(),
  // pnpm runs the script in apps/api; a relative path is the caller's (INIT_CWD).
  dist: env.BENCH_KEYHOLD_DIST ? resolve(env.INIT_CWD ?? process.cwd(), env.BENCH_KEYHOLD_DIST) : join(apiDir, 'dist'),
  bcryptCost: Number(env.BCRYPT_COST ?? 10),
  // Keyhold's default (config/app-config.ts HASHING_CONCURRENCY), made explicit so all three agree.
  hashingConcurrency: Number(env.HASHING_CONCURRENCY ?? Math.max(2, Math.min(4, os.availableParallelism()))),
  // libuv's default is 4; bcrypt hashes on that pool, so every process gets the same.
  uvThreadpoolSize: Number(env.UV_THREADPOOL_SIZE ?? 4),
};

// --- the bcrypt measurement runs in a process of its own (UV_THREADPOOL_SIZE is read at start) ---

if (process.argv[2] === '--bcrypt-probe') {
  const bcrypt = require('bcrypt');
  const hash = await bcrypt.hash('bench-password', settings.bcryptCost);
  const count = async (ms) => {
    let n = 0;
    const end = Date.now() + ms;
    // Keyhold's admission lets `hashingConcurrency` compares run at once: as many loops here.
    await Promise.all(
      Array.from({ length: settings.hashingConcurrency }, async () => {
        while (Date.now() < end) {
          if (!(await bcrypt.compare('bench-password', hash))) throw new Error('bcrypt compare failed');
          n += 1;
        }
      }),
    );
    return n;
  };
  await count(1000); // warm-up
  const t0 = performance.now();
  const n = await count(5000);
  process.stdout.write(JSON.stringify({ perSecond: n / ((performance.now() - t0) / 1000) }));
  process.exit(0);
}

const autocannon = require('autocannon');
const { Client } = require('pg');
const { startPostgres } = await import(new URL('../../../scripts/postgres.mjs', import.meta.url));

// --- clean-up: every server, temporary folder and database goes at exit, whatever the exit ---

const cleanups = [];
process.on('exit', () => {
  for (const undo of cleanups.reverse()) {
    try {
      undo();
    } catch {
      /* best effort: the rest must still run */
    }
  }
});
// Without these a signal ends the process without 'exit' handlers; exiting runs them.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping the servers and the database\n`);
    process.exit(130);
  });
}

function tempDir(prefix) {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A mistake in the options: said in one line, without a stack. */
class UsageError extends Error {}

/** Problems that make the figures invalid: printed loudly at the end, and the exit code is 1. */
const problems = [];
/** What changes how the figures read without making them wrong (a busy machine, unequal SQL). */
const warnings = [];

// --- servers ----------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer().once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** Starts `node <script>`, waits for GET /health to answer 200; stop() ends it (SIGTERM, then SIGKILL). */
async function startServer(label, script, serverEnv) {
  const port = await freePort();
  const profile = env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(env.INIT_CWD ?? process.cwd(), env.BENCH_PROFILE_DIR)}`]
    : [];
  const child = spawn(process.execPath, [...profile, script], {
    env: { ...serverEnv, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  let exited = null;
  const exit = new Promise((ok) => child.once('exit', (code, signal) => ok((exited = { code, signal }))));
  const kill = () => exited || child.kill('SIGKILL');
  cleanups.push(kill);
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 120_000; ;) {
    if (exited) throw new Error(`${label} exited at start (${exited.code ?? exited.signal}):\n${stderr}`);
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > until) throw new Error(`${label} did not answer /health within 120 s:\n${stderr}`);
    await sleep(200);
  }
  return {
    label,
    base,
    pid: child.pid,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 10_000);
      await exit;
      clearTimeout(timer);
    },
    // A server that dies under load is a problem of the run, with its last words.
    died: () => (exited ? `${label} exited (${exited.code ?? exited.signal}): ${stderr.trim()}` : null),
  };
}

const secrets = { TOKEN_SECRET: randomBytes(48).toString('base64url'), MASTER_KEY: randomBytes(32).toString('hex') };
const shared = {
  ...secrets,
  BCRYPT_COST: String(settings.bcryptCost),
  HASHING_CONCURRENCY: String(settings.hashingConcurrency),
  UV_THREADPOOL_SIZE: String(settings.uvThreadpoolSize),
};

/** The built Keyhold on `databaseUrl` (none: the embedded database in a temporary DATA_DIR). */
function startKeyhold(databaseUrl) {
  const dataDir = tempDir('keyhold-bench-http-');
  return startServer('Keyhold', join(settings.dist, 'main.js'), {
    ...env,
    ...shared,
    DATABASE_URL: databaseUrl ?? '',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SELLER_SIGNUP: 'open',
    // The limits would answer 429 within the first second of load.
    RATE_LIMIT_CLIENT_PER_MIN: '100000000',
    RATE_LIMIT_API_PER_MIN: '100000000',
    RATE_LIMIT_LOGIN_PER_MIN: '100000000',
    DASHBOARD_DIR: join(dataDir, 'none'),
  });
}

function startBare(databaseUrl) {
  return startServer('bare server', join(here, 'bench-bare-server.mjs'), { ...env, ...shared, DATABASE_URL: databaseUrl });
}

// --- seeding, through Keyhold's own API ---------------------------------------------------------------

async function call(base, method, path, body, headers = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: kept as text below */
  }
  return { status: res.status, json, text, headers: res.headers };
}

async function must(base, method, path, body, headers) {
  const r = await call(base, method, path, body, headers);
  if (r.status < 200 || r.status > 299) throw new Error(`seeding: ${method} ${path} answered ${r.status} ${r.text}`);
  return r.json.data;
}

/** Runs `work(i)` for i in [0, count), `width` at a time. */
async function inParallel(width, count, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

const keyHwid = (i) => `HW-KEY-${i}`;
const username = (i) => `bench-user-${i}`;
const password = (i) => `bench-password-${i}`;
const userHwid = (i) => `HW-USER-${i}`;

async function seed(base) {
  const t0 = performance.now();
  const seller = await must(base, 'POST', '/v1/auth/register', { email: 'bench@example.com', password: 'benchmark-pass', name: 'Bench' });
  const admin = { authorization: `Bearer ${seller.token}` };
  const app = await must(base, 'POST', '/v1/admin/apps', { name: 'Bench' }, admin);
  const { keys } = await must(
    base,
    'POST',
    '/v1/admin/licenses/generate',
    { appId: app.id, count: settings.seed, durationDays: 30, subscription: 'premium' },
    admin,
  );
  const client = { 'x-api-key': app.apiKey };
  // Each key's first license login activates it and binds its hardware id; its token is the key's.
  const tokens = [];
  await inParallel(16, keys.length, async (i) => {
    tokens[i] = (await must(base, 'POST', '/v1/client/license', { licenseKey: keys[i], hwid: keyHwid(i) }, client)).token;
  });
  // Users hash their password at BCRYPT_COST: a few at a time, the admission queue takes them.
  await inParallel(2 * settings.hashingConcurrency, settings.seed, async (i) => {
    await must(base, 'POST', '/v1/admin/users', { appId: app.id, username: username(i), password: password(i) }, admin);
  });
  // A token whose session ended (logout): every server must refuse it, so sessions are read live.
  const ended = (await must(base, 'POST', '/v1/client/license', { licenseKey: keys[0], hwid: keyHwid(0) }, client)).token;
  await must(base, 'POST', '/v1/client/logout', undefined, { ...client, authorization: `Bearer ${ended}` });
  console.log(
    `  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: 1 seller, 1 app, ${keys.length} keys activated by a license login each, ${tokens.length} client tokens, ${settings.seed} users`,
  );
  return { app, keys, tokens, ended };
}

// --- the endpoints ------------------------------------------------------------------------------------

const pick = () => Math.floor(Math.random() * settings.seed);
const json = { 'content-type': 'application/json' };

/** Each endpoint: one request for user/key/token i (for the checks) and a random one (for autocannon). */
const ENDPOINTS = [
  {
    name: 'license',
    label: 'license login',
    request: (s, i) => ({
      method: 'POST',
      path: '/v1/client/license',
      headers: { ...json, 'x-api-key': s.app.apiKey },
      body: JSON.stringify({ licenseKey: s.keys[i], hwid: keyHwid(i) }),
    }),
    ok: (body) => typeof body?.data?.token === 'string' && body.data.license?.key !== undefined,
  },
  {
    name: 'session',
    label: 'session check',
    request: (s, i) => ({
      method: 'GET',
      path: '/v1/client/session',
      headers: { 'x-api-key': s.app.apiKey, authorization: `Bearer ${s.tokens[i]}` },
    }),
    ok: (body) => typeof body?.data?.session?.id === 'string' && body.data.license?.subscription === 'premium',
  },
  {
    name: 'login',
    label: 'password login',
    request: (s, i) => ({
      method: 'POST',
      path: '/v1/client/login',
      headers: { ...json, 'x-api-key': s.app.apiKey },
      body: JSON.stringify({ username: username(i), password: password(i), hwid: userHwid(i) }),
    }),
    ok: (body) => typeof body?.data?.token === 'string' && body.data.user?.username !== undefined,
  },
  {
    name: 'axora',
    label: 'Axora',
    request: (s, i) => ({
      method: 'GET',
      path: `/app/auth/${s.app.endpoint}+${encodeURIComponent(username(i))}+${encodeURIComponent(password(i))}+1.0.0+${userHwid(i)}`,
      headers: {},
    }),
    ok: (body) => body?.authenticated === true,
  },
];

/** Refusals both servers must answer alike (status and code), so their statuses are the same too. */
const REFUSALS = [
  {
    endpoint: 'license',
    label: 'unknown API key',
    status: 401,
    request: (s) => ({ ...ENDPOINTS[0].request(s, 1), headers: { ...json, 'x-api-key': 'ak_none' } }),
  },
  {
    endpoint: 'license',
    label: 'unknown license key',
    status: 401,
    request: (s) => ({ ...ENDPOINTS[0].request(s, 1), body: JSON.stringify({ licenseKey: 'NONE-NONE-NONE-NONE', hwid: 'x' }) }),
  },
  {
    endpoint: 'license',
    label: 'another device',
    status: 403,
    request: (s) => ({ ...ENDPOINTS[0].request(s, 1), body: JSON.stringify({ licenseKey: s.keys[1], hwid: 'x' }) }),
  },
  {
    endpoint: 'session',
    label: 'ended session',
    status: 401,
    request: (s) => ({ ...ENDPOINTS[1].request(s, 1), headers: { 'x-api-key': s.app.apiKey, authorization: `Bearer ${s.ended}` } }),
  },
  {
    endpoint: 'login',
    label: 'wrong password',
    status: 401,
    request: (s) => ({
      ...ENDPOINTS[2].request(s, 1),
      body: JSON.stringify({ username: username(1), password: 'wrong', hwid: userHwid(1) }),
    }),
  },
  {
    endpoint: 'axora',
    label: 'Axora, wrong password',
    status: 401,
    request: (s) => ({ ...ENDPOINTS[3].request(s, 1), path: `/app/auth/${s.app.endpoint}+${username(1)}+wrong+1.0.0+${userHwid(1)}` }),
  },
];

async function fetchRequest(base, r) {
  const res = await fetch(base + r.path, { method: r.method, headers: r.headers, body: r.body });
  const text = await res.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* compared as null */
  }
  return { status: res.status, body, text, signed: res.headers.has('signature') && res.headers.has('content-digest') };
}

/** The JSON's shape: its keys and value types, recursively (values differ between two answers). */
function shapeOf(v) {
  if (Array.isArray(v)) return v.map(shapeOf);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, shapeOf(v[k])]),
    );
  return v === null ? 'null' : typeof v;
}

/** Both servers answer the same statuses and JSON shapes, signed, and refuse alike. */
async function compareAnswers(servers, s, endpoints) {
  const lines = [];
  for (const ep of endpoints) {
    const answers = [];
    for (const server of servers) answers.push(await fetchRequest(server.base, ep.request(s, 2)));
    for (const [k, a] of answers.entries()) {
      if (a.status !== 200 || !ep.ok(a.body) || !a.signed)
        problems.push(`${servers[k].label}, ${ep.label}: answered ${a.status}${a.signed ? '' : ' unsigned'}: ${a.text.slice(0, 300)}`);
    }
    const same = answers.every((a) => JSON.stringify(shapeOf(a.body)) === JSON.stringify(shapeOf(answers[0].body)));
    if (!same) problems.push(`${ep.label}: the answers differ in shape:\n    ${answers.map((a) => a.text.slice(0, 400)).join('\n    ')}`);
    lines.push(`${ep.label} ${answers.map((a) => a.status).join('/')}${same ? '' : ' (shapes DIFFER)'}`);
  }
  for (const refusal of REFUSALS.filter((r) => endpoints.some((ep) => ep.name === r.endpoint))) {
    const answers = [];
    for (const server of servers) answers.push(await fetchRequest(server.base, refusal.request(s)));
    const codes = answers.map((a) => a.body?.error?.code ?? a.body?.message ?? '?');
    for (const [k, a] of answers.entries()) {
      if (a.status !== refusal.status)
        problems.push(`${servers[k].label}, ${refusal.label}: answered ${a.status}, not ${refusal.status}: ${a.text.slice(0, 300)}`);
    }
    if (new Set(codes).size > 1) problems.push(`${refusal.label}: the servers refuse differently: ${codes.join(' / ')}`);
    lines.push(`${refusal.label} ${answers.map((a) => a.status).join('/')}`);
  }
  return lines;
}

// --- the statement audit (pg_stat_statements) -----------------------------------------------------------

/** A statement's short name: its verb and table ("SELECT licenses FOR UPDATE", "INSERT events+outbox"). */
function statementLabel(query) {
  const q = query.replace(/\s+/g, ' ').trim();
  if (/^(START TRANSACTION|BEGIN)\b/i.test(q)) return 'BEGIN';
  if (/^(COMMIT|ROLLBACK)\b/i.test(q)) return q.split(' ')[0].toUpperCase();
  if (/^WITH event AS \( INSERT INTO events/i.test(q)) return 'INSERT events+outbox';
  const verb = q.split(' ')[0].toUpperCase();
  const table = /\b(?:FROM|INTO|UPDATE)\s+"?(\w+)"?/i.exec(q)?.[1] ?? '?';
  return `${verb} ${table}${/\bFOR UPDATE$/i.test(q) ? ' FOR UPDATE' : ''}`;
}

async function statementCounts(stats) {
  const { rows } = await stats.query(
    `SELECT queryid::text AS id, query, calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return new Map(rows.map((r) => [r.id, { query: r.query, calls: Number(r.calls) }]));
}

/**
 * The statements one request runs: N requests one after another, and the statements whose count
 * grew by about N times something. Background work (Keyhold's webhook poll, once a second) runs
 * far fewer times than N and falls out.
 */
async function auditStatements(stats, server, ep, s, n = 20) {
  const before = await statementCounts(stats);
  for (let i = 0; i < n; i++) {
    const a = await fetchRequest(server.base, ep.request(s, (10 + i) % settings.seed));
    if (a.status !== 200) problems.push(`${server.label}, ${ep.label} (audit): answered ${a.status} ${a.text.slice(0, 300)}`);
  }
  const after = await statementCounts(stats);
  const perRequest = new Map();
  for (const [id, { query, calls }] of after) {
    const times = (calls - (before.get(id)?.calls ?? 0)) / n;
    if (times < 0.5) continue;
    const label = statementLabel(query);
    perRequest.set(label, (perRequest.get(label) ?? 0) + Math.round(times));
  }
  return perRequest;
}

const auditText = (m) =>
  [...m]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, k]) => (k === 1 ? label : `${label} ×${k}`))
    .join(', ');
const auditTotal = (m) => [...m.values()].reduce((a, b) => a + b, 0);

// --- load -------------------------------------------------------------------------------------------------

/**
 * One autocannon run of warm-up + measurement, each request for a random key/token/user. Only the
 * answers that arrive after the warm-up count: one run, so no requests abandoned by a warm-up's end
 * sit in the server's queues (bcrypt's above all) while the measurement starts.
 */
async function load(server, ep, s) {
  const latencies = [];
  const statuses = { 'warm-up': {}, run: {} };
  const t0 = performance.now();
  const from = t0 + settings.warmupSeconds * 1000;
  let cpuFrom;
  const measuredFrom = sleep(settings.warmupSeconds * 1000).then(async () => (cpuFrom = await cpuNow(server)));
  const instance = autocannon({
    url: server.base,
    connections: settings.connections,
    duration: settings.warmupSeconds + settings.seconds,
    timeout: 30,
    requests: [{ setupRequest: (req) => ({ ...req, ...ep.request(s, pick()) }) }],
  });
  // Per answer, in fractional ms (autocannon's own histogram keeps whole milliseconds).
  instance.on('response', (_client, status, _bytes, ms) => {
    const phase = performance.now() < from ? statuses['warm-up'] : statuses.run;
    phase[status] = (phase[status] ?? 0) + 1;
    if (phase === statuses.run && status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  const seconds = (performance.now() - from) / 1000;
  await measuredFrom;
  const cpu = cpuSpent(cpuFrom, await cpuNow(server));
  const refused = Object.entries(statuses).flatMap(([phase, codes]) =>
    Object.entries(codes)
      .filter(([code]) => code < 200 || code > 299)
      .map(([code, k]) => `${k} × ${code} (${phase})`),
  );
  return { latencies, seconds, cpu, refused, errors: result.errors, timeouts: result.timeouts };
}

/** The rounds of one server on one endpoint as one run: all their answers, seconds and CPU together. */
function combine(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const total = (pick) => (runs.every((r) => r.cpu && pick(r.cpu) !== null) ? runs.reduce((t, r) => t + pick(r.cpu), 0) : null);
  const server = total((c) => c.server);
  const db = total((c) => c.db);
  const others = total((c) => c.others * c.seconds);
  const cpuSeconds = total((c) => c.seconds);
  return {
    ok: latencies.length,
    // CPU per answer, whatever the machine's other load: the server's process and its database's.
    cpuMs: server === null ? null : (1000 * server) / latencies.length,
    dbCpuMs: db === null ? null : (1000 * db) / latencies.length,
    others: others === null ? null : others / cpuSeconds,
    perSecond: latencies.length / seconds,
    // Each round's answers per second, in order: how far the machine moved during the run.
    roundsPerSecond: runs.map((r) => r.latencies.length / r.seconds),
    p50: at(0.5),
    p99: at(0.99),
  };
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system, all threads) each process has used so far; null without /proc. */
function cpuOf(pids) {
  if (!existsSync('/proc/self/stat')) return null;
  const used = new Map();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / CLK_TCK); // utime + stime
    } catch {
      /* gone since */
    }
  }
  return used;
}

/** CPU seconds the whole machine was busy (steal included: time the host gave to others), from /proc/stat. */
function machineBusy() {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

/**
 * The CPU used so far by the server, its database backends (PostgreSQL: server.dbPids; PGlite runs
 * inside the server), this process (the load) and the whole machine.
 */
async function cpuNow(server) {
  const db = server.dbPids ? cpuOf(await server.dbPids()) : null;
  const { user, system } = process.cpuUsage();
  const at = performance.now();
  return { at, server: cpuOf([server.pid]), db, load: (user + system) / 1e6, machine: existsSync('/proc/stat') ? machineBusy() : null };
}

/**
 * CPU seconds used between two cpuNow()s (a backend that started in between counts from 0), and
 * the share of the machine that went to anything else: other processes, or a busy host (steal).
 */
function cpuSpent(from, to) {
  if (!from?.server || !to?.server) return null;
  const sum = (a, b) => [...b].reduce((t, [pid, s]) => t + s - (a.get(pid) ?? 0), 0);
  const server = sum(from.server, to.server);
  const db = from.db && to.db ? sum(from.db, to.db) : null;
  const ours = server + (db ?? 0) + (to.load - from.load);
  const capacity = (os.availableParallelism() * (to.at - from.at)) / 1000;
  return {
    server,
    db,
    seconds: (to.at - from.at) / 1000,
    others: from.machine === null ? null : Math.max(0, (to.machine - from.machine - ours) / capacity),
  };
}

/**
 * Waits until the server has worked off the requests autocannon abandoned when it stopped: one more
 * request of the endpoint queues behind them (bcrypt's admission is first come, first served).
 */
async function drain(server, ep, s) {
  for (let i = 0; i < 20; i++) {
    if ((await fetchRequest(server.base, ep.request(s, pick()))).status === 200) break;
  }
  await sleep(250);
}

/** One round on one server; any refusal or connection error is a problem of the run. */
async function measure(where, server, ep, s) {
  const run = await load(server, ep, s);
  await drain(server, ep, s);
  if (run.cpu?.others > 0.1)
    warnings.push(
      `${server.label} on ${where}, ${ep.label}: ${(100 * run.cpu.others).toFixed(0)}% of the machine went to other work during a round`,
    );
  const bad = [...run.refused, ...(run.errors ? [`${run.errors} connection errors (${run.timeouts} timeouts)`] : [])];
  if (bad.length) problems.push(`${server.label} on ${where}, ${ep.label}: ${bad.join(', ')}`);
  const died = server.died();
  if (died) throw new Error(died);
  return run;
}

/**
 * BENCH_ROUNDS rounds of each server on one endpoint, turn about in the order K B, B K, K B...: a
 * machine that speeds up or slows down during the run (a neighbour, the host, the database's
 * checkpoints) then weighs on both alike, instead of on whichever server ran second.
 */
async function measureRounds(where, servers, ep, s) {
  const runs = servers.map(() => []);
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? servers.map((_, i) => i) : servers.map((_, i) => i).reverse();
    for (const i of order) runs[i].push(await measure(where, servers[i], ep, s));
  }
  return runs.map(combine);
}

// --- bcrypt ---------------------------------------------------------------------------------------------

function measureBcrypt() {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--bcrypt-probe'], {
    env: { ...env, ...shared },
    encoding: 'utf8',
  });
  return JSON.parse(out).perSecond;
}

// --- the two databases ------------------------------------------------------------------------------------

async function connect(url) {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

async function onPostgres(endpoints) {
  const pg = await startPostgres();
  if (!pg)
    throw new UsageError(
      'No PostgreSQL server binaries found (set PG_BIN, or apt-get install postgresql); BENCH_EMBEDDED=only runs PGlite alone',
    );
  cleanups.push(() => pg.stop());
  // pg_stat_statements counts the statements for the audit; it needs a restart to load.
  let admin = await connect(pg.url);
  await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  await admin.end();
  pg.pause();
  pg.resume();
  admin = await connect(pg.url);
  const { server_version: version } = (await admin.query('SHOW server_version')).rows[0];
  await admin.query('CREATE DATABASE keyhold_bench');
  const url = new URL(pg.url);
  url.pathname = '/keyhold_bench';
  const databaseUrl = url.toString();
  const stats = await connect(databaseUrl);
  await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const where = `PostgreSQL ${version}`;
  console.log(`\n${where} (throwaway, fsync off), database keyhold_bench`);

  const keyhold = await startKeyhold(databaseUrl);
  const s = await seed(keyhold.base);
  const bare = await startBare(databaseUrl);
  const servers = [keyhold, bare];
  // The database's backends but the harness's own, and the server's own processes (WAL writer,
  // checkpointer, autovacuum): whichever server is under load, its database work.
  const dbPids = async () => {
    const { rows } = await stats.query(
      'SELECT pid FROM pg_stat_activity WHERE (datname = current_database() OR datname IS NULL) AND pid <> pg_backend_pid()',
    );
    return rows.map((r) => r.pid);
  };
  for (const server of servers) server.dbPids = dbPids;

  console.log(`  answers (Keyhold/bare): ${(await compareAnswers(servers, s, endpoints)).join('; ')}`);
  console.log('  SQL statements per request (pg_stat_statements over 20 requests one after another):');
  const audit = {};
  for (const ep of endpoints) {
    const [k, b] = [await auditStatements(stats, keyhold, ep, s), await auditStatements(stats, bare, ep, s)];
    const same = auditText(k) === auditText(b);
    audit[ep.name] = { keyhold: auditTotal(k), bare: auditTotal(b) };
    console.log(`    ${ep.label.padEnd(15)} Keyhold ${auditTotal(k)}, bare ${auditTotal(b)}${same ? ', the same' : ''}: ${auditText(k)}`);
    if (!same) {
      console.log(`    ${''.padEnd(15)} bare: ${auditText(b)}`);
      // Expected when measuring another build (BENCH_KEYHOLD_DIST); otherwise the bare server is behind.
      warnings.push(
        `${ep.label}: Keyhold runs ${auditTotal(k)} statements, the bare server ${auditTotal(b)}: the ratio is not the framework's alone (see the audit)`,
      );
    }
  }
  // The audit is done: stop counting, so the load pays nothing for it.
  await admin.query(`ALTER SYSTEM SET pg_stat_statements.track = 'none'`);
  await admin.query('SELECT pg_reload_conf()');

  const rows = [];
  for (const ep of endpoints) {
    process.stdout.write(`  load: ${ep.label}, ${settings.rounds} rounds on Keyhold and the bare server in turn`);
    const [k, b] = await measureRounds(where, [keyhold, bare], ep, s);
    const rounds = (r) => r.roundsPerSecond.map((v) => v.toFixed(0)).join(' ');
    console.log(`: ${k.perSecond.toFixed(0)} vs ${b.perSecond.toFixed(0)} req/s (rounds: ${rounds(k)} vs ${rounds(b)})`);
    rows.push({ ep, keyhold: k, bare: b, statements: audit[ep.name] });
  }
  await keyhold.stop();
  await bare.stop();
  await stats.end();
  await admin.end();
  pg.stop(); // before the embedded part, which should have the machine to itself
  return { where, rows };
}

async function onPglite(endpoints) {
  const where = `PGlite ${versionOf('@electric-sql/pglite')} (embedded)`;
  console.log(`\n${where}, in a temporary DATA_DIR`);
  const keyhold = await startKeyhold(undefined);
  const s = await seed(keyhold.base);
  console.log(`  answers (Keyhold): ${(await compareAnswers([keyhold], s, endpoints)).join('; ')}`);
  const rows = [];
  for (const ep of endpoints) {
    process.stdout.write(`  load: ${ep.label} on Keyhold, ${settings.rounds} rounds`);
    const [k] = await measureRounds(where, [keyhold], ep, s);
    console.log(`: ${k.perSecond.toFixed(0)} req/s (rounds: ${k.roundsPerSecond.map((v) => v.toFixed(0)).join(' ')})`);
    rows.push({ ep, keyhold: k, bare: null });
  }
  await keyhold.stop();
  return { where, rows };
}

// --- printing ---------------------------------------------------------------------------------------------

function versionOf(name) {
  try {
    return JSON.parse(readFileSync(join(apiDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** The build measured: the commit, whether src has changes since, and whether dist is older than src. */
function buildInfo() {
  if (env.BENCH_KEYHOLD_DIST) return settings.dist;
  const git = (...args) => {
    try {
      return execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const changed = git('status', '--porcelain', '--', 'apps/api/src') ? ' + uncommitted changes in apps/api/src' : '';
  // A source file newer than its compiled file: the build is not of this src.
  const stale = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return stale(p);
      if (!/(?<!\.spec)\.ts$/.test(e.name)) return false;
      const out = join(settings.dist, relative(join(apiDir, 'src'), p).replace(/\.ts$/, '.js'));
      return !existsSync(out) || statSync(p).mtimeMs > statSync(out).mtimeMs;
    });
  const note = stale(join(apiDir, 'src')) ? '  (!! src has changed since this build: pnpm build)' : '';
  return `${settings.dist} (commit ${git('rev-parse', '--short', 'HEAD') || '?'}${changed})${note}`;
}

const num = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const ratio = (a, b) => (b && Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}x` : 'n/a');

function printTable(sections) {
  const cols = (r) => (r ? [num(r.perSecond), num(r.p50, 2), num(r.p99, 2)] : ['n/a', 'n/a', 'n/a']);
  const line = (cells) =>
    `${cells[0].padEnd(18)}| ${cells
      .slice(1, 4)
      .map((c) => c.padStart(8))
      .join(' ')} | ${cells
      .slice(4, 7)
      .map((c) => c.padStart(8))
      .join(' ')} | ${cells[7].padStart(7)} ${cells[8].padStart(7)} | ${cells[9] ?? ''}`;
  console.log(`\n${'endpoint'.padEnd(18)}| ${'Keyhold'.padEnd(26)} | ${'bare (node:http + pg)'.padEnd(26)} | Keyhold/bare    |`);
  console.log(line(['', 'req/s', 'p50 ms', 'p99 ms', 'req/s', 'p50 ms', 'p99 ms', 'req/s', 'p99', 'SQL/req K/b']));
  console.log('-'.repeat(110));
  for (const { where, rows } of sections) {
    console.log(where);
    for (const { ep, keyhold, bare, statements } of rows) {
      console.log(
        line([
          `  ${ep.label}`,
          ...cols(keyhold),
          ...cols(bare),
          bare ? ratio(keyhold.perSecond, bare.perSecond) : 'n/a',
          bare ? ratio(keyhold.p99, bare.p99) : 'n/a',
          statements ? `${statements.keyhold}/${statements.bare}` : '',
        ]),
      );
    }
  }
}

/** CPU per answer: what the machine's other load does not blur (the req/s and latencies it does). */
function printCpu(sections) {
  if (!sections.some(({ rows }) => rows.some((r) => r.keyhold.cpuMs != null))) return;
  const ms = (v) => (v == null || !Number.isFinite(v) ? 'n/a' : v.toFixed(2)).padStart(8);
  const db = (r) => (r.dbCpuMs == null ? ' in-proc' : ms(r.dbCpuMs));
  const others = (r) => (r.others == null ? 'n/a' : `${(100 * r.others).toFixed(0)}%`).padStart(7);
  const side = (r) => (r ? `${ms(r.cpuMs)} ${db(r)} ${others(r)}` : `${'n/a'.padStart(8)} ${'n/a'.padStart(8)} ${'n/a'.padStart(7)}`);
  console.log('\nCPU per answered request, ms of user + system time: the server process (all its threads) and its PostgreSQL');
  console.log("backends; 'others': the share of the machine that other processes (or the host: steal) took during the run");
  console.log(
    `${''.padEnd(18)}| ${'Keyhold'.padEnd(8)} ${'its DB'.padStart(8)} ${'others'.padStart(7)} | ${'bare'.padEnd(8)} ${'its DB'.padStart(8)} ${'others'.padStart(7)} | Keyhold/bare (server)`,
  );
  for (const { where, rows } of sections) {
    console.log(where);
    for (const { ep, keyhold, bare } of rows) {
      console.log(`${`  ${ep.label}`.padEnd(18)}| ${side(keyhold)} | ${side(bare)} | ${bare ? ratio(keyhold.cpuMs, bare.cpuMs) : 'n/a'}`);
    }
  }
}

function printBcrypt(sections, perSecond) {
  console.log(
    `\nbcrypt, cost ${settings.bcryptCost}, ${settings.hashingConcurrency} at once (HASHING_CONCURRENCY), UV_THREADPOOL_SIZE=${settings.uvThreadpoolSize}: ${perSecond.toFixed(1)} compares/s`,
  );
  for (const name of ['login', 'axora']) {
    const parts = [];
    for (const { where, rows } of sections) {
      const row = rows.find((r) => r.ep.name === name);
      if (!row) continue;
      const share = (r) => `${r.perSecond.toFixed(1)} req/s = ${((100 * r.perSecond) / perSecond).toFixed(0)}%`;
      parts.push(`${where.split(' (')[0]}: Keyhold ${share(row.keyhold)}${row.bare ? `, bare ${share(row.bare)}` : ''}`);
    }
    if (parts.length) console.log(`  ${ENDPOINTS.find((e) => e.name === name).label.padEnd(15)} of that: ${parts.join('; ')}`);
  }
}

// --- main -------------------------------------------------------------------------------------------------

async function main() {
  const unknown = settings.only.filter((n) => !ENDPOINTS.some((e) => e.name === n));
  if (unknown.length) throw new UsageError(`BENCH_ONLY: unknown ${unknown.join(', ')} (known: ${ENDPOINTS.map((e) => e.name).join(',')})`);
  const endpoints = settings.only.length ? ENDPOINTS.filter((e) => settings.only.includes(e.name)) : ENDPOINTS;
  if (!existsSync(join(settings.dist, 'main.js'))) throw new UsageError(`${settings.dist}/main.js is missing: run pnpm build first`);
  const cpus = os.cpus();
  console.log('Keyhold HTTP benchmark (pnpm bench http)');
  console.log(
    `  machine:  ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
  );
  console.log(
    `  versions: Node ${process.version}, NestJS ${versionOf('@nestjs/core')}, express ${versionOf('express')}, TypeORM ${versionOf('typeorm')}, pg ${versionOf('pg')}, bcrypt ${versionOf('bcrypt')}, autocannon ${versionOf('autocannon')}`,
  );
  console.log(`  build:    ${buildInfo()}`);
  console.log(
    `  load:     ${settings.connections} connections, ${settings.rounds} rounds of ${settings.warmupSeconds} s warm-up + ${settings.seconds} s per endpoint and server, the servers in turn, random one of ${settings.seed}; load generator in this process, on the same machine`,
  );
  // Other work on the machine takes cores from the servers and the load alike: say so.
  const [load1] = os.loadavg();
  if (load1 > 0.5 * os.availableParallelism())
    warnings.push(
      `the machine was busy before the run (load average ${load1.toFixed(1)} on ${os.availableParallelism()} cores): the figures are noisy`,
    );
  const perSecond = measureBcrypt();
  console.log(`  bcrypt:   ${perSecond.toFixed(1)} compares/s (cost ${settings.bcryptCost}, ${settings.hashingConcurrency} at once)`);

  const sections = [];
  if (settings.embedded !== 'only') sections.push(await onPostgres(endpoints));
  if (!['0', 'false', 'no'].includes(settings.embedded)) sections.push(await onPglite(endpoints));
  printTable(sections);
  printCpu(sections);
  printBcrypt(sections, perSecond);
}

try {
  await main();
} catch (e) {
  problems.push(`the run stopped: ${e instanceof UsageError ? e.message : (e?.stack ?? e)}`);
}
if (warnings.length) {
  console.log(`\n${'*'.repeat(100)}`);
  for (const w of warnings) console.log(`*** warning: ${w}`);
  console.log('*'.repeat(100));
}
if (problems.length) {
  const bar = '!'.repeat(100);
  console.log(`\n${bar}\n!!! THIS RUN HAD ERRORS: its figures do not stand for what they claim to measure.`);
  for (const p of problems) console.log(`!!! - ${p}`);
  console.log(bar);
  process.exitCode = 1;
}
// The servers, PostgreSQL and the temporary folders go in the 'exit' handlers.
process.exit();
