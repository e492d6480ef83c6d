// Benchmark: license login (POST /v1/client/license) over HTTP, and what signing an answer costs.
//   pnpm bench license-login      (needs `pnpm build` first)
//   BENCH_BASELINE=<another build's apps/api/dist>   runs that build too, side by side
//   BENCH_SECONDS (default 10), BENCH_CONCURRENCY (default 16), DATABASE_URL (default: embedded)
// Each build runs as its own process (node dist/main.js) on a fresh database; the load comes from
// this process: BENCH_CONCURRENCY logins in flight for BENCH_SECONDS after a 2-second warm-up.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const here = import.meta.dirname ?? new URL('.', import.meta.url).pathname;
const current = resolve(here, '..', 'dist');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

async function startBuild(dist) {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyhold-bench-login-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(dist, 'main.js')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SELLER_SIGNUP: 'open',
      RATE_LIMIT_CLIENT_PER_MIN: '100000000',
      RATE_LIMIT_API_PER_MIN: '100000000',
      DASHBOARD_DIR: join(dataDir, 'none'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 60_000; ;) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > until) throw new Error(`${dist} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function call(base, method, path, body, headers = {}) {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return { json: json.data, res };
}

async function measure(dist) {
  const server = await startBuild(dist);
  try {
    const { json: seller } = await call(server.base, 'POST', '/v1/auth/register', {
      email: 'bench@example.com',
      password: 'benchmark-pass',
      name: 'Bench',
    });
    const auth = { authorization: `Bearer ${seller.token}` };
    const { json: app } = await call(server.base, 'POST', '/v1/admin/apps', { name: 'Bench' }, auth);
    const { json: gen } = await call(
      server.base,
      'POST',
      '/v1/admin/licenses/generate',
      { appId: app.id, count: 1, durationDays: 30, subscription: 'premium' },
      auth,
    );
    const body = { licenseKey: gen.keys[0], hwid: 'HW-BENCH' };
    const headers = { 'x-api-key': app.apiKey, 'keyhold-nonce': 'bench-nonce-0001' };
    const first = await call(server.base, 'POST', '/v1/client/license', body, headers);
    const signed = first.res.headers.has('signature');

    const run = async (ms) => {
      const latencies = [];
      const end = Date.now() + ms;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < end) {
            const t0 = process.hrtime.bigint();
            const res = await fetch(server.base + '/v1/client/license', {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers },
              body: JSON.stringify(body),
            });
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`license login answered ${res.status}`);
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          }
        }),
      );
      return latencies;
    };
    await run(2000); // warm-up
    const latencies = (await run(seconds * 1000)).sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return { signed, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
  } finally {
    await server.stop();
  }
}

/** The signing step alone, as the middleware does it per answer. */
function signingCost() {
  const { signAnswer } = require(join(current, 'signing/answer-signature.js'));
  const { sha256DigestField } = require(join(current, 'common/digest-fields.js'));
  const { privateKey } = generateKeyPairSync('ed25519');
  const body = JSON.stringify({ success: true, data: { token: 'x'.repeat(200), license: { key: 'ABCD-EFGH-IJKL-MNOP' } } });
  const n = 20_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    signAnswer({ status: 200, method: 'POST', path: '/v1/client/license', contentDigest: sha256DigestField(body) }, privateKey, {
      created: 1796187070,
      keyid: 'key_0977db0cceb44bf9948c2f8c8fee7105',
      nonce: 'bench-nonce-0001',
    });
  }
  return Number(process.hrtime.bigint() - t0) / 1e3 / n;
}

const builds = [['this build', current]];
if (process.env.BENCH_BASELINE) builds.unshift(['baseline', resolve(process.env.BENCH_BASELINE)]);
console.log(
  `License login, ${concurrency} in flight for ${seconds} s, ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL (PGlite)'}:`,
);
console.log('  build        signed   logins/s   p50 ms   p99 ms');
const results = [];
for (const [label, dist] of builds) {
  const r = await measure(dist);
  results.push(r);
  console.log(
    `  ${label.padEnd(12)} ${String(r.signed).padEnd(8)} ${r.perSecond.toFixed(0).padStart(8)}   ${r.p50.toFixed(1).padStart(6)}   ${r.p99.toFixed(1).padStart(6)}`,
  );
}
if (results.length === 2)
  console.log(`  this build / baseline: ${((results[1].perSecond / results[0].perSecond) * 100).toFixed(0)}% of the throughput`);
console.log(`Signing one answer (SHA-256 digest + Ed25519 signature): ${signingCost().toFixed(1)} µs`);
