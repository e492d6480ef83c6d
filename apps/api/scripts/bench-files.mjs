#!/usr/bin/env node
/**
 * Files benchmark: upload and download throughput and the server's peak memory for one large
 * file, against a plain read of the same bytes from disk.
 *
 *   pnpm build && pnpm bench files          BENCH_FILE_MB=1024 (default), the size in MiB
 *
 * Starts the built API (dist/main.js) as a child process on the embedded database in a temporary
 * directory, registers a seller, an app and an end user, uploads a random file generated on disk
 * (multipart/form-data streamed from the file with node:http, as curl -F does), downloads it
 * (hashing it to check the bytes, as the SDK's files.download does) and reports MiB/s and the
 * peak RSS of the process doing the work. The server's peak is
 * measured per phase (Linux: /proc/<pid>/clear_refs resets the high-water mark, and RSS is also
 * sampled every 50 ms). The client runs in this process, on the same machine: the figures are
 * end-to-end, client work included.
 */
import { spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const mainJs = join(apiDir, 'dist', 'main.js');
const MIB = 1024 * 1024;
const sizeMiB = Number(process.env.BENCH_FILE_MB ?? 1024);
if (!Number.isInteger(sizeMiB) || sizeMiB < 1) throw new Error('BENCH_FILE_MB must be a positive integer (MiB)');
if (!existsSync(mainJs)) {
  process.stderr.write(`${mainJs} not found: build first (pnpm build)\n`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'keyhold-bench-files-'));
const source = join(work, 'source.bin');
let server;

const rssOf = (pid) => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
};

/** Peak RSS of `pid` while `work` runs: the kernel's high-water mark (reset first) and sampling. */
async function measured(pid, work) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not ours: sampling only
  }
  const before = rssOf(pid).rss;
  let sampled = before;
  const timer = setInterval(() => (sampled = Math.max(sampled, rssOf(pid).rss)), 50);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { result, seconds, before, peak: Math.max(sampled, rssOf(pid).hwm, rssOf(pid).rss) };
  } finally {
    clearInterval(timer);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function generate(path, mib) {
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(MIB);
  const fd = openSync(path, 'w');
  for (let i = 0; i < mib; i++) {
    randomFillSync(block);
    hash.update(block);
    writeSync(fd, block);
  }
  closeSync(fd);
  return hash.digest('hex');
}

/** Reads the file in a separate Node process, as the baseline: its time and its peak RSS. */
function plainRead(path) {
  const script = `
    const { createReadStream, readFileSync } = require('node:fs');
    let n = 0;
    const t = process.hrtime.bigint();
    createReadStream(${JSON.stringify(path)}).on('data', (c) => (n += c.length)).on('end', () => {
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      const hwm = Number(/^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
      process.stdout.write(JSON.stringify({ n, seconds, peak: hwm || process.memoryUsage().rss }));
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`plain read exited ${code}`))));
  });
}

async function api(base, method, path, { body, token, apiKey } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (apiKey) headers['x-api-key'] = apiKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const envelope = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}

/** multipart/form-data with the file streamed from disk (what `curl -F file=@path` sends). */
async function uploadFile(base, token, appId, path, size) {
  const boundary = `----keyhold-bench-${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="appId"\r\n\r\n${appId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const req = httpRequest(`${base}/v1/admin/files/upload`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
    },
  });
  const answer = new Promise((resolve, reject) => {
    req.on('error', reject);
    req.on('response', async (res) => {
      let text = '';
      for await (const c of res) text += c;
      const envelope = JSON.parse(text);
      if (res.statusCode !== 201) reject(new Error(`upload: ${res.statusCode} ${text}`));
      else resolve(envelope.data);
    });
  });
  await pipeline(async function* () {
    yield head;
    yield* createReadStream(path, { highWaterMark: 256 * 1024 });
    yield tail;
  }, req);
  return answer;
}

async function startServer(port) {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    BCRYPT_COST: '4',
    FILES_MAX_BYTES: String(sizeMiB * MIB),
    RATE_LIMIT_LOGIN_PER_MIN: '100000',
    RATE_LIMIT_CLIENT_PER_MIN: '100000',
    RATE_LIMIT_API_PER_MIN: '100000',
  };
  server = spawn(process.execPath, [mainJs], { cwd: apiDir, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the API exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not start within 60 s');
}

function stopServer() {
  if (!server || server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once('exit', resolve);
    server.kill('SIGTERM');
    setTimeout(() => server.kill('SIGKILL'), 10_000).unref();
  });
}

const mb = (bytes) => (bytes / MIB).toFixed(0);
const rate = (bytes, s) => (bytes / MIB / s).toFixed(0);

try {
  process.stdout.write(`Generating ${sizeMiB} MiB of random data in ${work} ...\n`);
  const sha256 = generate(source, sizeMiB);
  const bytes = sizeMiB * MIB;

  const baseline = await plainRead(source);
  if (baseline.n !== bytes) throw new Error('plain read came up short');

  const base = await startServer(await freePort());
  const pid = server.pid;
  const { token } = await api(base, 'POST', '/v1/auth/register', {
    body: { email: 'bench@example.com', password: 'correct horse battery', name: 'Bench' },
  });
  const app = await api(base, 'POST', '/v1/admin/apps', { token, body: { name: 'Bench' } });
  await api(base, 'POST', '/v1/admin/users', { token, body: { appId: app.id, username: 'bench', password: 'benchpass' } });
  const login = await api(base, 'POST', '/v1/client/login', { apiKey: app.apiKey, body: { username: 'bench', password: 'benchpass' } });
  await new Promise((r) => setTimeout(r, 1000));
  const idle = rssOf(pid).rss;

  process.stdout.write('Uploading ...\n');
  const upload = await measured(pid, () => uploadFile(base, token, app.id, source, bytes));
  if (upload.result.size !== bytes || upload.result.sha256 !== sha256) throw new Error('upload: size or SHA-256 differs');

  process.stdout.write('Downloading ...\n');
  const download = await measured(pid, async () => {
    const res = await new Promise((resolve, reject) =>
      httpRequest(
        `${base}/v1/client/files/${upload.result.id}/bytes`,
        { headers: { 'x-api-key': app.apiKey, authorization: `Bearer ${login.token}` } },
        resolve,
      )
        .on('error', reject)
        .end(),
    );
    if (res.statusCode !== 200) throw new Error(`download: ${res.statusCode}`);
    const hash = createHash('sha256');
    let n = 0;
    for await (const chunk of res) {
      hash.update(chunk);
      n += chunk.length;
    }
    return { n, sha256: hash.digest('hex') };
  });
  if (download.result.n !== bytes || download.result.sha256 !== sha256) throw new Error('download: bytes differ');

  const rows = [
    ['plain fs read (a separate node process)', baseline.seconds, baseline.peak, '-'],
    ['upload: multipart, SHA-256, encrypt, store (fsync)', upload.seconds, upload.peak, mb(Math.max(0, upload.peak - upload.before))],
    ['download: decrypt, stream (client hashes it)', download.seconds, download.peak, mb(Math.max(0, download.peak - download.before))],
  ];
  process.stdout.write(
    `\nKeyhold files benchmark: ${sizeMiB} MiB, AES-256-GCM in 64 KiB chunks, embedded database, Node ${process.version}\n\n`,
  );
  process.stdout.write(`| operation | seconds | MiB/s | peak RSS (MiB) | RSS growth (MiB) |\n|---|---:|---:|---:|---:|\n`);
  for (const [label, seconds, peak, growth] of rows) {
    process.stdout.write(`| ${label} | ${seconds.toFixed(2)} | ${rate(bytes, seconds)} | ${mb(peak)} | ${growth} |\n`);
  }
  process.stdout.write(
    `\nPeak RSS: of the process doing the work (the API server for upload and download; its RSS at rest was ${mb(idle)} MiB, ` +
      `mostly the embedded PostgreSQL). RSS growth: peak minus the RSS when the phase began.\n`,
  );
} finally {
  await stopServer();
  rmSync(work, { recursive: true, force: true });
}
