#!/usr/bin/env node
/**
 * Lists benchmark (issue #15, goals 3 and 4): the seller's license list and user list at 1,000,000
 * rows in one app, and generating 10,000 keys at that size.
 *
 *   pnpm build && pnpm bench lists
 *   BENCH_REPEAT=20       timed requests per scenario (after 2 warm-ups); p50 and p95 are of those
 *   BENCH_ROWS=1000000    licenses and users seeded in the big app (app A)
 *   BENCH_SEED=...        the seed of the generated data (same seed, same rows: builds compare)
 *   BENCH_DIST=<a build's dist>   the build measured as "this build" (default apps/api/dist),
 *                         e.g. a copy kept in apps/api/.bench-baseline while dist is being rebuilt
 *   BENCH_BASELINE=<another build's apps/api/dist>   runs that build first, on its own fresh
 *                         database with the same data, and prints both side by side
 *   BENCH_EMBEDDED=1      the embedded database (PGlite) instead of PostgreSQL
 *   BENCH_HOLD=1          PostgreSQL: seed the (first) build's database, print its URL and wait
 *                         for Ctrl-C instead of measuring: to run EXPLAIN ANALYZE on it with psql
 *
 * How: a throwaway PostgreSQL server (scripts/postgres.mjs), one fresh database per build, and the
 * built API (dist/main.js) as a child process on it. A seller, app A (the big one) and app B (a
 * neighbour of 10,000 licenses and users, so a query that forgets the tenant filter shows) are made
 * over HTTP; then the rows are written straight into the tables with INSERT ... SELECT
 * generate_series through `pg` (the API would take hours), every value drawn from md5(seed, row)
 * so both builds get the very same rows, then VACUUM ANALYZE, as autovacuum would leave a table
 * that size. Every scenario is one request at a time over HTTP with the seller's token, timed to
 * the last byte of the answer; each answer is also checked (right app, matches the filter), since a
 * fast wrong answer is no result. Then, if the build pages by cursor (`meta.nextCursor`), the whole
 * license list and user list are walked 500 rows a page and the rows counted against the table.
 * Then the CSV export of all of app A's licenses, with the server's peak memory and how long a
 * /health waits meanwhile. Generation runs last, so every list is measured at exactly BENCH_ROWS rows.
 *
 * Embedded: PGlite lives inside the API process, so nobody else can write to it while it runs. The
 * script starts the build once (migrations, seller, apps), stops it, opens the same PGlite folder
 * itself to seed (the same statements, on one connection: about 80 s for 1,000,000 rows), closes it
 * and starts the build again on it. So both databases are measured on the very same rows.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startPostgres } from '../../../scripts/postgres.mjs';

const here = import.meta.dirname ?? new URL('.', import.meta.url).pathname;
const flag = (name) => ['1', 'true', 'yes'].includes(String(process.env[name] ?? '').toLowerCase());
const embedded = flag('BENCH_EMBEDDED');
const hold = flag('BENCH_HOLD');
const repeat = positiveInt('BENCH_REPEAT', 20);
const rows = positiveInt('BENCH_ROWS', 1_000_000);
const seed = process.env.BENCH_SEED || 'keyhold-bench-lists';
const NEIGHBOUR_ROWS = 10_000;
const WARMUPS = 2;
const LIST_BUDGET_MS = 50;
const GENERATE_BUDGET_MS = 1000;
const GENERATE_RUNS = 5;
const GENERATE_COUNT = 10_000;
const WALK_LIMIT = 500;
// One instant for every build, so the same seed gives the same statuses in both (the seed keeps
// every expiry at least a day away from it, and runs take minutes).
const anchor = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
// Any bcrypt hash: nobody logs in as a seeded user, but the column holds what the API would write.
const PASSWORD_HASH = '$2b$04$16UXtNlgkXh0NWC4nU2E3eubCgeyMloU9ombaNnZABh3q/HpQDdPK';

function positiveInt(name, fallback) {
  const v = process.env[name] === undefined || process.env[name] === '' ? fallback : Number(process.env[name]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Cleanup: everything this script starts is undone at exit, also on an error or Ctrl-C. The exit
// hooks are synchronous (the only kind 'exit' runs); the normal path stops things politely first.

const atExit = [];
process.once('exit', () => {
  for (const undo of atExit.splice(0).reverse()) {
    try {
      undo();
    } catch {
      /* best effort */
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130));

function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  atExit.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The API under test, as its own process.

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** Starts `dist/main.js` on `databaseUrl` (or the embedded database in `dataDir`) and waits for /health. */
async function startBuild(dist, { dataDir, databaseUrl }) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(dist, 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SELLER_SIGNUP: 'open',
      // One seller makes thousands of requests a minute here: no limit may answer 429.
      RATE_LIMIT_CLIENT_PER_MIN: '100000000',
      RATE_LIMIT_API_PER_MIN: '100000000',
      RATE_LIMIT_LOGIN_PER_MIN: '100000000',
      DASHBOARD_DIR: join(dataDir, 'no-dashboard'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const kill = () => {
    if (!exited) child.kill('SIGKILL');
  };
  atExit.push(kill);
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 120_000; ;) {
    const up = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (exited) throw new Error(`${dist}/main.js exited during start-up`);
    if (Date.now() > until) throw new Error(`${dist}/main.js did not answer /health within 120 s`);
    await sleep(200);
  }
  return {
    base,
    pid: child.pid,
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        await new Promise((r) => (exited ? r() : child.once('exit', r)));
      }
      atExit.splice(atExit.indexOf(kill), 1);
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One request; answers the parsed envelope and the time to its last byte. Anything but 2xx throws. */
async function call(base, method, path, { body, token } = {}) {
  const t0 = performance.now();
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return { json: JSON.parse(text), ms };
}

/** A public id (`app_<32 hex>`) as the row's uuid. */
function uuidOf(publicId) {
  const hex = publicId.slice(publicId.indexOf('_') + 1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The seller and the two apps, made through the API as a seller would. */
async function createTenants(base) {
  const { json: seller } = await call(base, 'POST', '/v1/auth/register', {
    body: { email: 'bench-lists@example.com', password: 'benchmark-pass', name: 'Bench' },
  });
  const token = seller.data.token;
  const { json: a } = await call(base, 'POST', '/v1/admin/apps', { body: { name: 'Big app' }, token });
  const { json: b } = await call(base, 'POST', '/v1/admin/apps', { body: { name: 'Neighbour' }, token });
  return { token, appA: a.data.id, appB: b.data.id };
}

// ---------------------------------------------------------------------------------------------
// The data. Every value of row i comes from md5(seed, table, i): deterministic and independent of
// the order rows are written in. Statuses follow license-status.ts against the fixed `anchor`.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** A number 0..2^28-1 from 7 hex digits of `h` starting at `at` (1-based). */
const num = (h, at) => `(('x0' || substr(${h}, ${at}, 7))::bit(32)::int)`;
/** XXXX-XXXX-XXXX-XXXX from the 16 bytes of `kb`, each byte one of A-Z0-9 (license-key.ts's alphabet). */
const keyExpr = (kb) =>
  Array.from(
    { length: 16 },
    (_, k) => `substr('${ALPHABET}', get_byte(${kb}, ${k}) % 36 + 1, 1)${k % 4 === 3 && k < 15 ? " || '-'" : ''}`,
  ).join(' || ');

// The statements below compute in nested levels, each ending in OFFSET 0: without that fence the
// planner folds the levels into one and recomputes every md5 at each use (ten times slower).

/**
 * End users i in [$3, $4) of app $1: usernames user000000..., half with a hwid, 60% logged in once
 * (last login IP), 30% with an expiry in the future, 2% expired, 1% banned.
 */
const USERS_SQL = `
  INSERT INTO app_users (id, app_id, username, password_hash, subscription, expires_at, hwid, banned, ban_reason,
                         last_login_at, last_login_ip, created_at, updated_at)
  SELECT md5($2 || ':usr:' || i)::uuid, $1::uuid, 'user' || lpad(i::text, $6::int, '0'), $7,
         CASE WHEN c % 4 = 0 THEN 'premium' ELSE 'default' END,
         CASE WHEN bucket BETWEEN 1 AND 2 THEN $5::timestamptz - (1 + c % 180) * interval '1 day'
              WHEN bucket BETWEEN 3 AND 32 THEN $5::timestamptz + (1 + c % 365) * interval '1 day' END,
         CASE WHEN b % 2 = 0 THEN 'HW-' || upper(substr(md5($2 || ':uhw:' || i), 1, 16)) END,
         bucket = 0, CASE WHEN bucket = 0 THEN 'abuse' END,
         CASE WHEN b % 5 < 3 THEN born + ($5::timestamptz - born) * ((c % 1000) / 1000.0) END,
         CASE WHEN b % 5 < 3 THEN '10.' || (a % 256) || '.' || (b % 256) || '.' || (c % 256) END,
         born, born
    FROM (SELECT i, ${num('h', 1)} % 100 AS bucket, ${num('h', 8)} AS a, ${num('h', 15)} AS b, ${num('h', 22)} AS c,
                 $5::timestamptz - (${num('h', 8)} % 31536000) * interval '1 second' AS born
            FROM (SELECT i, md5($2 || ':u:' || i) AS h FROM generate_series($3::int, $4::int - 1) AS i OFFSET 0) g OFFSET 0) r`;

/**
 * Licenses i in [$3, $4) of app $1: 55% unused, 30% used (activated, a hwid, every other one
 * redeemed by end user i of the same app), 10% expired (already announced, as the expiry sweep
 * leaves them), 5% banned (half of them used first); created over the year before the anchor,
 * notes on 20% ("order 12345", "customer acme-42", ...).
 */
const LICENSES_SQL = `
  INSERT INTO licenses (id, app_id, key, duration_days, subscription, note, user_id, redeemed, hwid,
                        activated_at, expires_at, expiry_notified_at, banned, ban_reason, created_at, updated_at)
  SELECT id, $1::uuid, ${keyExpr('kb')}, dur,
         CASE WHEN c % 20 < 14 THEN 'default' WHEN c % 20 < 19 THEN 'premium' ELSE 'trial' END,
         CASE WHEN b % 25 < 5 THEN
           CASE (c / 7) % 4 WHEN 0 THEN 'order ' || (10000 + (a / 3) % 90000)
                            WHEN 1 THEN 'customer acme-' || ((a / 3) % 1000)
                            WHEN 2 THEN 'reseller batch ' || ((a / 3) % 50)
                            ELSE 'gift, renewal ' || (2025 + (a / 3) % 2) END END,
         CASE WHEN redeemed THEN md5($2 || ':usr:' || i)::uuid END, redeemed,
         CASE WHEN activated IS NOT NULL THEN 'HW-' || upper(substr(md5($2 || ':lhw:' || i), 1, 16)) END,
         activated, expires, CASE WHEN expires <= $5::timestamptz THEN expires END,
         st = 'banned', CASE WHEN st = 'banned' THEN 'chargeback' END,
         LEAST(born, activated - interval '1 hour'), COALESCE(activated, born)
    FROM (
      SELECT *, CASE WHEN activated IS NOT NULL AND dur IS NOT NULL THEN activated + dur * interval '1 day' END AS expires
        FROM (
          SELECT *,
                 CASE WHEN st = 'used' AND dur IS NULL THEN $5::timestamptz - (1 + c % 365) * interval '1 day'
                      WHEN st = 'used' THEN $5::timestamptz - (1 + c % (dur - 1)) * interval '1 day'
                      WHEN st = 'expired' THEN $5::timestamptz - (dur + 1 + c % 180) * interval '1 day'
                      WHEN st = 'banned' AND c % 2 = 0 THEN $5::timestamptz - (1 + c % 300) * interval '1 day' END AS activated
            FROM (
              SELECT *,
                     CASE WHEN st = 'expired' THEN CASE WHEN b % 2 = 0 THEN 30 ELSE 90 END
                          ELSE (ARRAY[NULL, 30, 30, 90, 365])[b % 5 + 1] END AS dur,
                     st = 'used' AND a % 2 = 0 AS redeemed
                FROM (
                  SELECT i, md5($2 || ':lic:' || i)::uuid AS id, decode(md5($2 || ':key:' || i), 'hex') AS kb,
                         CASE WHEN ${num('h', 1)} % 100 < 55 THEN 'unused' WHEN ${num('h', 1)} % 100 < 85 THEN 'used'
                              WHEN ${num('h', 1)} % 100 < 95 THEN 'expired' ELSE 'banned' END AS st,
                         ${num('h', 8)} AS a, ${num('h', 15)} AS b, ${num('h', 22)} AS c,
                         $5::timestamptz - (${num('h', 8)} % 31536000) * interval '1 second' AS born
                    FROM (SELECT i, md5($2 || ':l:' || i) AS h FROM generate_series($3::int, $4::int - 1) AS i OFFSET 0) g OFFSET 0
                ) r OFFSET 0
            ) d OFFSET 0
        ) t OFFSET 0
    ) e`;

const CHUNK = 125_000;

/**
 * Seeds `n` users, then `n` licenses (which point at users), into the app: statements of CHUNK
 * rows, one per connection in `queries` at a time (each `query(sql, params)` answers rows).
 */
async function seedApp(queries, appId, label, n) {
  const stream = `${seed}:${label}`;
  const width = Math.max(6, String(n - 1).length);
  for (const [what, sql, extra] of [
    ['users', USERS_SQL, [width, PASSWORD_HASH]],
    ['licenses', LICENSES_SQL, []],
  ]) {
    const t0 = performance.now();
    const chunks = [];
    for (let from = 0; from < n; from += CHUNK) chunks.push([from, Math.min(n, from + CHUNK)]);
    // Only the users statement has $6 and $7: PostgreSQL cannot type a parameter nothing uses.
    await Promise.all(
      queries.map(async (query) => {
        for (let c = chunks.shift(); c; c = chunks.shift()) await query(sql, [appId, stream, c[0], c[1], anchor, ...extra]);
      }),
    );
    log(`    app ${label}: ${n.toLocaleString('en')} ${what} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/** What the searches look for, taken from the seeded rows themselves (so every search has a hit). */
async function pickSearches(query, appA) {
  const mid = Math.floor(rows / 2);
  const [{ key }] = await query(`SELECT key FROM licenses WHERE id = md5($1 || ':lic:' || $2::int)::uuid`, [`${seed}:A`, mid]);
  const [{ hwid }] = await query(
    `SELECT hwid FROM licenses WHERE app_id = $1 AND hwid IS NOT NULL AND user_id IS NULL ORDER BY id LIMIT 1`,
    [appA],
  );
  const [{ username }] = await query(`SELECT username FROM app_users WHERE id = md5($1 || ':usr:' || $2::int)::uuid`, [
    `${seed}:A`,
    Math.floor(rows * 0.7),
  ]);
  const [{ count }] = await query(`SELECT count(*)::int AS count FROM licenses WHERE app_id = $1`, [appA]);
  const [{ users }] = await query(`SELECT count(*)::int AS users FROM app_users WHERE app_id = $1`, [appA]);
  return {
    key,
    fragment: key.slice(3, 8), // the middle "X-XXX": a search that no prefix index serves
    note: 'acme-42',
    username,
    userFragment: username.slice(0, 8), // e.g. "user7000": a hundred users (user700000..user700099)
    hwid,
    licenseCount: count,
    userCount: users,
  };
}

/** Runs every statement once, one per connection at a time. */
async function spread(queries, statements) {
  const todo = [...statements];
  await Promise.all(
    queries.map(async (query) => {
      for (let sql = todo.shift(); sql; sql = todo.shift()) await query(sql);
    }),
  );
}

/**
 * Drops the seeded tables' plain indexes (every index not behind a primary key or unique
 * constraint, whatever migrations made them) and answers their definitions. Built once after the
 * rows are in, they end up as they would have, in a fraction of the time of a million inserts each
 * (a trigram index most of all).
 */
async function dropPlainIndexes(query) {
  const found = await query(`
    SELECT quote_ident(ns.nspname) || '.' || quote_ident(ix.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_class ix ON ix.oid = i.indexrelid
      JOIN pg_namespace ns ON ns.oid = t.relnamespace
     WHERE t.relname IN ('licenses', 'app_users') AND ns.nspname = current_schema()
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`);
  for (const { name } of found) await query(`DROP INDEX ${name}`);
  return found.map((f) => f.def);
}

/** Seeds both apps through the connections `queries`, vacuums, and answers what to search for. */
async function seedAll(queries, { appA, appB }) {
  const [query] = queries;
  const t0 = performance.now();
  const indexes = await dropPlainIndexes(query);
  await seedApp(queries, appA, 'A', rows);
  await seedApp(queries, appB, 'B', NEIGHBOUR_ROWS);
  const t1 = performance.now();
  await spread(queries, indexes);
  log(`    ${indexes.length} indexes rebuilt in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  const t2 = performance.now();
  await query('VACUUM (ANALYZE) app_users, licenses');
  log(
    `    VACUUM ANALYZE in ${((performance.now() - t2) / 1000).toFixed(1)} s; seeding ${((performance.now() - t0) / 1000).toFixed(1)} s in all`,
  );
  const picks = await pickSearches(query, appA);
  if (picks.licenseCount !== rows || picks.userCount !== rows) {
    throw new Error(`seeding left ${picks.licenseCount} licenses and ${picks.userCount} users in app A, not ${rows}`);
  }
  return picks;
}

// ---------------------------------------------------------------------------------------------
// One database per build.

/** A fresh PostgreSQL database on the shared server: its URL, and `drop()`. */
async function freshDatabase(serverUrl, name) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Runs `fn(queries)` on a few `pg` connections to `url`, one per core (up to 4): seeding is CPU-bound. */
async function withPg(url, fn) {
  const clients = Array.from({ length: Math.min(4, availableParallelism()) }, () => new pg.Client({ connectionString: url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    return await fn(clients.map((c) => async (sql, params) => (await c.query(sql, params)).rows));
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

/** Runs `fn([query])` on the embedded database folder while no API process has it open (one connection: PGlite has one). */
async function withPglite(dataDir, fn) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { uuid_ossp } = await import('@electric-sql/pglite/contrib/uuid_ossp');
  // The extensions the API loads (database-options.ts): the trigram indexes need pg_trgm's library.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create({ dataDir: join(dataDir, 'pglite'), extensions: { uuid_ossp, pg_trgm } });
  try {
    return await fn([async (sql, params) => (await db.query(sql, params)).rows]);
  } finally {
    await db.close();
  }
}

/** A build, running on its own fresh, seeded database: `{server, token, appA, appB, picks, done()}`. */
async function prepare(dist, label, pgServer) {
  const dataDir = tempDir('keyhold-bench-lists-');
  log(`  ${label}: ${dist}`);
  if (!embedded) {
    const db = await freshDatabase(pgServer.url, `keyhold_bench_${label.replace(/\W/g, '_')}`);
    const server = await startBuild(dist, { dataDir, databaseUrl: db.url });
    const tenants = await createTenants(server.base);
    const picks = await withPg(db.url, (queries) => seedAll(queries, { appA: uuidOf(tenants.appA), appB: uuidOf(tenants.appB) }));
    if (hold) await holdForInspection(db.url, server, tenants, picks);
    return {
      server,
      ...tenants,
      picks,
      done: async () => {
        await server.stop();
        await db.drop(); // so the next build's database does not share the cache with this one
      },
    };
  }
  let server = await startBuild(dist, { dataDir });
  const tenants = await createTenants(server.base);
  await server.stop();
  const picks = await withPglite(dataDir, (queries) => seedAll(queries, { appA: uuidOf(tenants.appA), appB: uuidOf(tenants.appB) }));
  server = await startBuild(dist, { dataDir });
  return { server, ...tenants, picks, done: () => server.stop() };
}

/** BENCH_HOLD: the seeded database and the running API stay up until Ctrl-C (which cleans up as ever). */
async function holdForInspection(url, server, tenants, picks) {
  log(`\n  Holding. psql ${url}\n  API ${server.base}, seller token ${tenants.token}`);
  log(`  app A ${tenants.appA} = ${uuidOf(tenants.appA)}, app B ${tenants.appB} = ${uuidOf(tenants.appB)}`);
  log(`  searches: ${JSON.stringify(picks)}\n  Ctrl-C to stop and clean up.`);
  await new Promise(() => setInterval(() => {}, 1 << 30));
}

// ---------------------------------------------------------------------------------------------
// Measuring.

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** The answer's meta.total, with any other flag the build adds (a capped count, say). */
function describeTotal(meta) {
  if (!meta) return '-';
  const extra = Object.entries(meta)
    .filter(([k]) => !['total', 'page', 'limit', 'nextCursor'].includes(k))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return [String(meta.total), ...extra].join(' ');
}

const lower = (s) => (s ?? '').toLowerCase();
const licenseMatches = (l, q) => [l.key, l.note, l.hwid, l.usedBy?.username].some((v) => lower(v).includes(lower(q)));
const userMatches = (u, q) => [u.username, u.hwid, u.lastLoginIp].some((v) => lower(v).includes(lower(q)));

/**
 * Why an answer is wrong, or null: rows of another app, rows the filter should have left out, an
 * empty page where rows exist, rows out of newest-first order.
 */
function problemWith(json, { appId, status, q, matches, expectRows, mustInclude }) {
  const data = json.data;
  if (!Array.isArray(data)) return 'no data array';
  if (data.some((r) => r.appId !== appId)) return 'rows of another app';
  if (status && data.some((r) => r.status !== status)) return `rows not ${status}`;
  if (q && data.some((r) => !matches(r, q))) return `rows not matching "${q}"`;
  if (expectRows && data.length === 0) return 'no rows';
  if (mustInclude && !data.some(mustInclude)) return 'the row searched for is missing';
  for (let i = 1; i < data.length; i++) if (data[i - 1].createdAt < data[i].createdAt) return 'not newest first';
  return null;
}

/** 2 warm-ups, then `repeat` timed requests: p50, p95, the rows and meta of the last answer, any problem. */
async function measure(ctx, scenario) {
  const times = [];
  let last;
  for (let i = 0; i < WARMUPS + repeat; i++) {
    const { json, ms } = await call(ctx.server.base, 'GET', scenario.path, { token: ctx.token });
    if (i >= WARMUPS) times.push(ms);
    last = json;
  }
  times.sort((a, b) => a - b);
  return {
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    rows: last.data?.length ?? 0,
    total: describeTotal(last.meta),
    problem: problemWith(last, scenario.check),
    meta: last.meta,
  };
}

/** Every list scenario of the issue, for this build's apps and seeded values. */
function scenarios(ctx) {
  const { appA, picks } = ctx;
  const L = (params) => `/v1/admin/licenses?${new URLSearchParams({ appId: appA, ...params })}`;
  const U = (params) => `/v1/admin/users?${new URLSearchParams({ appId: appA, ...params })}`;
  const lic = (extra) => ({ appId: appA, matches: licenseMatches, expectRows: true, ...extra });
  const usr = (extra) => ({ appId: appA, matches: userMatches, expectRows: true, ...extra });
  const deepPage = String(Math.max(1, Math.floor(rows / 50)));
  return [
    { name: 'licenses: first page', path: L({}), check: lic({}) },
    ...['unused', 'used', 'expired', 'banned'].map((status) => ({
      name: `licenses: status=${status}`,
      path: L({ status }),
      check: lic({ status }),
    })),
    {
      name: 'licenses: q=whole key',
      path: L({ q: picks.key }),
      check: lic({ q: picks.key, mustInclude: (l) => l.key === picks.key }),
    },
    { name: `licenses: q=key fragment "${picks.fragment}"`, path: L({ q: picks.fragment }), check: lic({ q: picks.fragment }) },
    { name: `licenses: q=note "${picks.note}"`, path: L({ q: picks.note }), check: lic({ q: picks.note }) },
    { name: `licenses: q=username "${picks.userFragment}"`, path: L({ q: picks.userFragment }), check: lic({ q: picks.userFragment }) },
    { name: 'licenses: q=hwid', path: L({ q: picks.hwid }), check: lic({ q: picks.hwid, mustInclude: (l) => l.hwid === picks.hwid }) },
    { name: `licenses: page=${deepPage}&limit=50 (offset)`, path: L({ page: deepPage, limit: '50' }), check: lic({}) },
    { name: 'users: first page', path: U({}), check: usr({}) },
    ...['active', 'expired', 'banned'].map((status) => ({ name: `users: status=${status}`, path: U({ status }), check: usr({ status }) })),
    {
      name: 'users: q=whole username',
      path: U({ q: picks.username }),
      check: usr({ q: picks.username, mustInclude: (u) => u.username === picks.username }),
    },
    { name: `users: q=fragment "${picks.userFragment}"`, path: U({ q: picks.userFragment }), check: usr({ q: picks.userFragment }) },
    { name: `users: page=${deepPage}&limit=50 (offset)`, path: U({ page: deepPage, limit: '50' }), check: usr({}) },
  ];
}

/**
 * Follows nextCursor from the first page to the last, WALK_LIMIT rows a page: page times, rows
 * seen (and distinct), and the cursor of the page at ~95% depth for the repeated measurement.
 */
async function walk(ctx, list, expected) {
  const path = (cursor) =>
    `/v1/admin/${list}?${new URLSearchParams({ appId: ctx.appA, limit: String(WALK_LIMIT), ...(cursor ? { cursor } : {}) })}`;
  const deepAt = Math.floor(0.95 * Math.ceil(expected / WALK_LIMIT));
  const times = [];
  const ids = new Set();
  let seen = 0;
  let cursor = null;
  let deepCursor = null;
  let problem = null;
  for (let page = 0; ; page++) {
    if (page === deepAt) deepCursor = cursor;
    const { json, ms } = await call(ctx.server.base, 'GET', path(cursor), { token: ctx.token });
    times.push(ms);
    seen += json.data.length;
    for (const r of json.data) {
      ids.add(r.id);
      if (r.appId !== ctx.appA) problem ??= 'rows of another app';
    }
    cursor = json.meta?.nextCursor ?? null;
    if (!cursor) break;
    if (page > expected / WALK_LIMIT + 10) {
      problem = 'the cursor never ends';
      break;
    }
  }
  if (seen !== expected || ids.size !== expected) {
    problem = `saw ${seen} rows (${ids.size} distinct), the app has ${expected}`;
  }
  times.sort((a, b) => a - b);
  return {
    pages: times.length,
    seen,
    distinct: ids.size,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    max: times.at(-1),
    deepCursor,
    problem,
  };
}

/** POST generate 10,000 keys GENERATE_RUNS times on top of the seeded rows. */
async function measureGenerate(ctx) {
  const times = [];
  let problem = null;
  for (let i = 0; i < GENERATE_RUNS; i++) {
    const { json, ms } = await call(ctx.server.base, 'POST', '/v1/admin/licenses/generate', {
      body: { appId: ctx.appA, count: GENERATE_COUNT, durationDays: 30, subscription: 'default' },
      token: ctx.token,
    });
    times.push(ms);
    const keys = json.data?.keys ?? [];
    if (keys.length !== GENERATE_COUNT || new Set(keys).size !== GENERATE_COUNT) problem = `answered ${keys.length} keys`;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const runs = times.map((t) => t.toFixed(0)).join(', ');
  // Of 5 runs the p95 is the slowest one: the column shows the max the issue asks for.
  return {
    p50: quantile(sorted, 0.5),
    p95: sorted.at(-1),
    rows: GENERATE_COUNT,
    total: `max ${ms(sorted.at(-1))} ms; runs ${runs} ms`,
    problem,
  };
}

/** The server's resident memory in bytes (Linux), NaN where /proc does not tell. */
function residentBytes(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  } catch {
    return NaN;
  }
}

/**
 * The CSV export of every license of app A, once, read as it streams: its time to the last byte
 * and its rows (the table's count), the server's peak memory meanwhile, and the longest a /health
 * asked every 100 ms meanwhile waited: what an export costs every other request of the server.
 */
async function measureExport(ctx) {
  const { base, pid } = ctx.server;
  const before = residentBytes(pid);
  let peak = before;
  let healthMax = 0;
  let healthFailed = 0;
  let done = false;
  const watch = (async () => {
    while (!done) {
      peak = Math.max(peak, residentBytes(pid));
      const t0 = performance.now();
      // A server stalled past its keep-alive timeout may drop the connection as it is reused: counted.
      await fetch(`${base}/health`).then(
        (r) => r.arrayBuffer(),
        () => healthFailed++,
      );
      healthMax = Math.max(healthMax, performance.now() - t0);
      await sleep(100);
    }
  })();
  const t0 = performance.now();
  const res = await fetch(`${base}/v1/admin/licenses/export?appId=${ctx.appA}`, { headers: { authorization: `Bearer ${ctx.token}` } });
  let lines = 0;
  for await (const chunk of res.body) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  const took = performance.now() - t0;
  done = true;
  await watch;
  const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const rows = lines - 1; // the header
  return {
    p50: took,
    p95: took,
    rows,
    total:
      `server memory ${mb(before)} -> peak ${mb(peak)}; /health waited up to ${healthMax.toFixed(0)} ms meanwhile` +
      (healthFailed ? `, ${healthFailed} of them failed` : ''),
    problem: res.ok && rows === ctx.picks.licenseCount ? null : `answered ${res.status} with ${rows} rows of ${ctx.picks.licenseCount}`,
    unbudgeted: true, // a million rows take seconds; what matters is the memory and the wait of the others
  };
}

/** Everything for one build: a map from scenario name to its figures, plus the cursor walks. */
async function runBuild(dist, label, pgServer) {
  const ctx = await prepare(dist, label, pgServer);
  try {
    const results = new Map();
    const list = scenarios(ctx);
    log(`    measuring ${list.length} list scenarios, ${WARMUPS} + ${repeat} requests each`);
    for (const s of list) results.set(s.name, await measure(ctx, s));
    const cursors = Object.hasOwn(results.get('licenses: first page').meta ?? {}, 'nextCursor');
    const walks = [];
    if (cursors) {
      for (const [listName, expected] of [
        ['licenses', ctx.picks.licenseCount],
        ['users', ctx.picks.userCount],
      ]) {
        log(`    walking the whole ${listName} list by cursor, ${WALK_LIMIT} a page`);
        const w = await walk(ctx, listName, expected);
        walks.push({ list: listName, ...w });
        results.set(`${listName}: cursor walk, every page, limit=${WALK_LIMIT}`, {
          p50: w.p50,
          p95: w.p95,
          rows: w.seen,
          total: `max ${ms(w.max)} ms; ${w.pages} pages, ${w.distinct} distinct rows of ${expected}`,
          problem: w.problem,
          unbudgeted: true, // pages of 500: the 50 ms is for pages of 50, measured below
        });
        if (w.deepCursor) {
          const path = `/v1/admin/${listName}?${new URLSearchParams({ appId: ctx.appA, limit: '50', cursor: w.deepCursor })}`;
          const check = { appId: ctx.appA, matches: listName === 'licenses' ? licenseMatches : userMatches, expectRows: true };
          results.set(`${listName}: cursor page at 95% depth, limit=50`, await measure(ctx, { path, check }));
        }
      }
    }
    log('    exporting every license of app A as CSV');
    results.set('licenses: CSV export of the whole app (one request)', await measureExport(ctx));
    log(`    generating ${GENERATE_COUNT.toLocaleString('en')} keys ${GENERATE_RUNS} times`);
    results.set(`generate ${GENERATE_COUNT.toLocaleString('en')} keys (${GENERATE_RUNS} runs)`, await measureGenerate(ctx));
    return { label, dist, results, cursors, walks, picks: ctx.picks };
  } finally {
    await ctx.done();
  }
}

// ---------------------------------------------------------------------------------------------
// Output.

const log = (line) => process.stdout.write(`${line}\n`);
const ms = (v) => (v === undefined ? '-' : v.toFixed(1));
const budgetOf = (name, r) => (r?.unbudgeted ? Infinity : name.startsWith('generate') ? GENERATE_BUDGET_MS : LIST_BUDGET_MS);
const overBudget = (name, r) => r && r.p50 >= budgetOf(name, r);

/** scenario | p50 | p95 | rows | meta.total, one group of columns per build, side by side. */
function printTable(builds) {
  const names = [...new Set(builds.flatMap((b) => [...b.results.keys()]))];
  const header = ['scenario', ...builds.flatMap((b) => [`${b.label}: p50 ms`, 'p95 ms', 'rows', 'meta.total'])];
  const lines = names.map((name) => [
    name,
    ...builds.flatMap((b) => {
      const r = b.results.get(name);
      if (!r) return ['-', '-', '-', '(not measured)'];
      const flags = (overBudget(name, r) ? ` << SLOW (>= ${budgetOf(name, r)} ms)` : '') + (r.problem ? ` << WRONG: ${r.problem}` : '');
      return [ms(r.p50), ms(r.p95), String(r.rows), r.total + flags];
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  // Text columns left, figures right.
  const cell = (text, i) => (i === 0 || (i - 1) % 4 === 3 ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  const row = (cells) => cells.map(cell).join(' | ').trimEnd();
  log('');
  log(row(header));
  log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const l of lines) log(row(l));
}

function printSummary(builds) {
  log('');
  for (const b of builds) {
    const p = b.picks;
    log(`${b.label}: ${b.dist}`);
    log(
      `  searched: key ${p.key}, fragment "${p.fragment}", note "${p.note}", username ${p.username} / "${p.userFragment}", hwid ${p.hwid}`,
    );
    log(`  paging: ${b.cursors ? 'cursor (meta.nextCursor) and offset' : 'offset only (no meta.nextCursor): no cursor walk'}`);
    for (const w of b.walks) {
      log(
        `  cursor walk of ${w.list}: ${w.pages} pages, ${w.seen} rows (${w.distinct} distinct), page p50 ${ms(w.p50)} / p95 ${ms(w.p95)} / max ${ms(w.max)} ms` +
          (w.problem ? `  *** WRONG: ${w.problem} ***` : '  (rows = table count: OK)'),
      );
    }
    const slow = [...b.results].filter(([name, r]) => overBudget(name, r)).map(([name]) => name);
    log(`  over budget: ${slow.length ? slow.join('; ') : 'none'}`);
  }
  if (builds.length === 2) {
    log('');
    log('p50, baseline -> this build:');
    const width = Math.max(...[...builds[1].results.keys()].map((n) => n.length));
    for (const [name, r] of builds[1].results) {
      const base = builds[0].results.get(name);
      if (!base) continue;
      const ratio = base.p50 / r.p50;
      const change = ratio >= 1 ? `${ratio.toFixed(1)}x faster` : `${(1 / ratio).toFixed(1)}x slower`;
      log(`  ${name.padEnd(width)}  ${ms(base.p50).padStart(9)} -> ${ms(r.p50).padStart(9)} ms  ${change}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------

const current = resolve(process.env.BENCH_DIST || join(here, '..', 'dist'));
const builds = [['this build', current]];
if (process.env.BENCH_BASELINE) builds.unshift(['baseline', resolve(process.env.BENCH_BASELINE)]);
for (const [, dist] of builds) {
  if (!existsSync(join(dist, 'main.js'))) {
    process.stderr.write(`${join(dist, 'main.js')} not found: build first (pnpm build)\n`);
    process.exit(1);
  }
}

let pgServer = null;
if (!embedded) {
  pgServer = await startPostgres();
  if (!pgServer) {
    process.stderr.write(
      'No PostgreSQL server binaries found (set PG_BIN, or apt-get install postgresql); BENCH_EMBEDDED=1 runs on PGlite.\n',
    );
    process.exit(1);
  }
  atExit.push(() => pgServer.stop());
}
const where = embedded
  ? 'the embedded PostgreSQL (PGlite): seeded by this process through its own PGlite connection while the API was stopped'
  : `a throwaway PostgreSQL (${pgServer.bin})`;
log(`Lists benchmark on ${where}`);
log(
  `  app A: ${rows.toLocaleString('en')} licenses + ${rows.toLocaleString('en')} users; app B: ${NEIGHBOUR_ROWS.toLocaleString('en')} + ${NEIGHBOUR_ROWS.toLocaleString('en')}; seed "${seed}", anchor ${anchor}`,
);
log(
  `  ${repeat} timed requests per scenario after ${WARMUPS} warm-ups, one at a time; budget p50 < ${LIST_BUDGET_MS} ms (generation < ${GENERATE_BUDGET_MS} ms)`,
);

const results = [];
let failed = false;
try {
  for (const [label, dist] of builds) results.push(await runBuild(dist, label, pgServer));
} finally {
  if (results.length) {
    printTable(results);
    printSummary(results);
  }
  pgServer?.stop();
}
// Figures of wrong answers mean nothing: say so last, where nobody misses it, and exit non-zero.
for (const b of results) {
  for (const [name, r] of b.results) {
    if (!r.problem) continue;
    failed = true;
    log(`*** ${b.label}: ${name}: WRONG ANSWER: ${r.problem} ***`);
  }
}
if (failed) process.exitCode = 1;
