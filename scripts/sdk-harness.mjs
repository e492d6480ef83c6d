// A live Keyhold for the Python and C++ SDK suites: the built API on PostgreSQL, a seeded fixture
// per suite (apps, users, keys and files in every state the seed's error codes need), and
// man-in-the-middle servers that bend the real answers (forged, replayed, altered, unsigned,
// cut short), so that each SDK's refusals are tested against real signatures.
//
// By hand: `node scripts/sdk-harness.mjs [label]` starts it all (on TEST_DATABASE_URL, a throwaway
// PostgreSQL, or the embedded database), writes one fixture and prints how to run the suites
// against it; Ctrl-C stops it. `npm test` (stage `sdk`) uses startSdkHarness below.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltApi } from './built-api.mjs';
import { root } from './workspace.mjs';

const { createSellerClient } = createRequire(import.meta.url)(join(root, 'libs/sdk/dist/index.js'));

/** Client calls allowed per app and IP per minute on the harness's API (the rate-limit tests exceed it). */
export const CLIENT_LIMIT_PER_MIN = 100;
const PASSWORD = 'Correct-Horse-9';
const SUBSCRIPTION = 'pro';
/** The download test's file: big enough to be cut in the middle of a stream. */
const FILE_BYTES = 512 * 1024;

const digestOf = (bytes) => `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`;

/** Sends an upstream answer (status, headers, body) as it is, but for what `bend` changes. */
function send(res, answer) {
  const headers = { ...answer.headers };
  delete headers['transfer-encoding'];
  headers['content-length'] = String(answer.body.length);
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** Forwards one request to the API and reads the whole answer. */
function forward(apiUrl, req, body) {
  const target = new URL(apiUrl);
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (ans) => {
      const chunks = [];
      ans.on('data', (c) => chunks.push(c));
      ans.on('end', () => resolve({ status: ans.statusCode, headers: { ...ans.headers }, body: Buffer.concat(chunks) }));
      ans.on('error', reject);
    });
    up.on('error', reject);
    up.end(body);
  });
}

/**
 * The man in the middle, one server per trick:
 * - `tamperBody`: the real answer with one byte more in its body (its Content-Digest no longer holds);
 * - `tamperFile`: file bytes with one byte changed, every other answer as it is;
 * - `tamperStatus`: the real answer under another status (a refusal turned into a 200);
 * - `unsigned`: the real answer without Signature and Signature-Input;
 * - `replay`: the first answer to each method and path, recorded, then served to every later request;
 * - `forge`: its own success answer, signed by a key of its own under the app's real key id;
 * - `cut`: file bytes cut off halfway (the connection closed), every other answer as it is.
 */
const BENDS = {
  tamperBody: async (apiUrl, req, body) => {
    const a = await forward(apiUrl, req, body);
    return { ...a, body: Buffer.concat([a.body, Buffer.from(' ')]) };
  },
  tamperFile: async (apiUrl, req, body) => {
    const a = await forward(apiUrl, req, body);
    if (/\/bytes$/.test(req.url.split('?')[0]) && a.body.length > 0) a.body[a.body.length - 1] ^= 0xff;
    return a;
  },
  tamperStatus: async (apiUrl, req, body) => {
    const a = await forward(apiUrl, req, body);
    return { ...a, status: a.status >= 400 ? 200 : 403 };
  },
  unsigned: async (apiUrl, req, body) => {
    const a = await forward(apiUrl, req, body);
    delete a.headers.signature;
    delete a.headers['signature-input'];
    return a;
  },
  replay: (() => {
    const recorded = new Map();
    return async (apiUrl, req, body) => {
      // Per app: each suite's fixture has its own, so one suite's recording never reaches another.
      const key = `${req.headers['x-api-key']} ${req.method} ${req.url}`;
      if (!recorded.has(key)) recorded.set(key, await forward(apiUrl, req, body));
      return recorded.get(key);
    };
  })(),
  forge: (() => {
    const { privateKey } = generateKeyPairSync('ed25519');
    return async (apiUrl, req) => {
      const jwks = await fetch(`${apiUrl}/v1/client/jwks`, { headers: { 'x-api-key': String(req.headers['x-api-key'] ?? '') } });
      const kid = jwks.ok ? (await jwks.json()).keys[0].kid : 'key_forged';
      const user = { id: 'usr_forged', username: 'anyone', hwid: null, subscription: SUBSCRIPTION, expiresAt: null };
      const body = Buffer.from(
        JSON.stringify({ success: true, data: { token: 'forged', user, license: { key: 'X', expiresAt: null, hwid: null } } }),
      );
      const path = req.url.split('?')[0];
      const nonce = req.headers['keyhold-nonce'];
      const params = `("@status" "content-digest" "@method";req "@path";req);created=${Math.floor(Date.now() / 1000)};keyid="${kid}";alg="ed25519"${
        nonce ? `;nonce="${nonce}"` : ''
      }`;
      const base = [
        `"@status": 200`,
        `"content-digest": ${digestOf(body)}`,
        `"@method";req: ${req.method}`,
        `"@path";req: ${path}`,
        `"@signature-params": ${params}`,
      ];
      const signature = sign(null, Buffer.from(base.join('\n')), privateKey).toString('base64');
      return {
        status: 200,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-digest': digestOf(body),
          'signature-input': `keyhold=${params}`,
          signature: `keyhold=:${signature}:`,
        },
        body,
      };
    };
  })(),
};

async function startBend(apiUrl, name) {
  const bend = BENDS[name];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const answer = await bend(apiUrl, req, Buffer.concat(chunks));
        send(res, answer);
      } catch (e) {
        res.writeHead(502).end(String(e));
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** `cut`: streams file bytes until half of them went out, then drops the connection. */
async function startCut(apiUrl) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const a = await forward(apiUrl, req, Buffer.concat(chunks));
        if (!/\/bytes$/.test(req.url.split('?')[0]) || a.status >= 300) return send(res, a);
        const headers = { ...a.headers };
        delete headers['transfer-encoding'];
        res.writeHead(a.status, headers);
        res.write(a.body.subarray(0, Math.floor(a.body.length / 2)), () => setTimeout(() => res.socket?.destroy(), 50));
      } catch (e) {
        res.writeHead(502).end(String(e));
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

const clientCall = async (apiUrl, apiKey, path, body) => {
  const res = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()).data;
};

const jwksOf = async (apiUrl, apiKey) => (await fetch(`${apiUrl}/v1/client/jwks`, { headers: { 'x-api-key': apiKey } })).json();

/**
 * A new seller with everything one SDK suite needs, made through the admin API as a seller would.
 * Every suite gets its own (the suites register users and use up keys).
 */
export async function seedFixture(apiUrl, proxies, label) {
  const anonymous = createSellerClient({ baseUrl: apiUrl });
  const auth = await anonymous.auth.register({
    email: `sdk-${label}-${randomBytes(4).toString('hex')}@example.com`,
    password: 'correct horse battery',
    name: `SDK ${label}`,
  });
  const seller = createSellerClient({ baseUrl: apiUrl, token: auth.token });
  const past = new Date(Date.now() - 86_400_000).toISOString();

  // The main app: device lock on (the default), offline licenses on.
  const app = await seller.apps.create({ name: `SDK ${label}`, version: '1.0.0' });
  await seller.apps.update(app.id, { offlineEnabled: true, offlineTtlHours: 24 });
  const user = async (username, extra = {}) =>
    seller.users.create({ appId: app.id, username, password: PASSWORD, subscription: SUBSCRIPTION, ...extra });
  await user('alice');
  await user('bound');
  await clientCall(apiUrl, app.apiKey, '/v1/client/login', { username: 'bound', password: PASSWORD, hwid: 'HW-BOUND' });
  const banned = await user('banned');
  await seller.users.update(banned.id, { banned: true, banReason: 'chargeback' });
  await user('expired', { expiresAt: past });
  await user('spare');

  const { keys } = await seller.licenses.generate({ appId: app.id, count: 8, durationDays: 30, subscription: SUBSCRIPTION });
  const [registerKey, licenseKey, usedKey, bannedKey, expiredKey, spareKey, ...moreKeys] = keys;
  await clientCall(apiUrl, app.apiKey, '/v1/client/register', {
    username: 'keyowner',
    password: PASSWORD,
    licenseKey: usedKey,
    hwid: 'HW-OWNER',
  });
  const licenses = (await seller.licenses.list({ appId: app.id, limit: 100 })).data;
  const idOf = (key) => licenses.find((l) => l.key === key).id;
  await seller.licenses.update(idOf(bannedKey), { banned: true, banReason: 'refund' });
  await seller.licenses.update(idOf(expiredKey), { expiresAt: past });
  await seller.blacklist.add({ appId: app.id, type: 'hwid', value: 'HW-BLACK' });

  const bytes = randomBytes(FILE_BYTES);
  const allowed = await seller.files.upload({
    appId: app.id,
    file: new Blob([bytes]),
    filename: 'tool-1.0.0.bin',
    subscriptions: [SUBSCRIPTION],
  });
  const forbidden = await seller.files.upload({
    appId: app.id,
    file: new Blob([Buffer.from('enterprise only')]),
    filename: 'enterprise.txt',
    subscriptions: ['enterprise'],
  });

  // Apps for the other answers: another app's keys, a disabled app, one to rate-limit, one without offline licenses.
  const other = await seller.apps.create({ name: `SDK ${label} other` });
  const disabled = await seller.apps.create({ name: `SDK ${label} disabled` });
  const disabledJwks = await jwksOf(apiUrl, disabled.apiKey); // as the software shipped it, before the seller disabled the app
  await seller.apps.update(disabled.id, { status: 'DISABLED' });
  const limited = await seller.apps.create({ name: `SDK ${label} limited` });
  const plain = await seller.apps.create({ name: `SDK ${label} plain` });
  await seller.apps.update(plain.id, { hwidLock: false });
  await seller.users.create({ appId: plain.id, username: 'plain', password: PASSWORD, subscription: SUBSCRIPTION });
  const versioned = await seller.apps.create({ name: `SDK ${label} versioned`, version: '2.0.0' });
  await seller.apps.update(versioned.id, { enforceVersion: true, hwidLock: false });
  await seller.users.create({ appId: versioned.id, username: 'current', password: PASSWORD, subscription: SUBSCRIPTION });

  return {
    baseUrl: apiUrl,
    proxies,
    password: PASSWORD,
    subscription: SUBSCRIPTION,
    app: { id: app.id, apiKey: app.apiKey, endpoint: app.endpoint, version: '1.0.0', jwks: await jwksOf(apiUrl, app.apiKey) },
    otherApp: { id: other.id, apiKey: other.apiKey, jwks: await jwksOf(apiUrl, other.apiKey) },
    disabledApp: { id: disabled.id, apiKey: disabled.apiKey, jwks: disabledJwks },
    limitedApp: { id: limited.id, apiKey: limited.apiKey, jwks: await jwksOf(apiUrl, limited.apiKey), limitPerMin: CLIENT_LIMIT_PER_MIN },
    plainApp: { id: plain.id, apiKey: plain.apiKey, jwks: await jwksOf(apiUrl, plain.apiKey), username: 'plain' },
    // "Enforce version" on, at 2.0.0: any other version, or none, is 426 UPDATE_REQUIRED.
    versionedApp: {
      id: versioned.id,
      apiKey: versioned.apiKey,
      jwks: await jwksOf(apiUrl, versioned.apiKey),
      version: '2.0.0',
      username: 'current',
    },
    users: {
      alice: 'alice',
      bound: { username: 'bound', hwid: 'HW-BOUND' },
      banned: 'banned',
      expired: 'expired',
      spare: 'spare',
      keyOwner: { username: 'keyowner', hwid: 'HW-OWNER' },
    },
    keys: {
      register: registerKey,
      license: licenseKey,
      used: usedKey,
      banned: bannedKey,
      expired: expiredKey,
      spare: spareKey,
      more: moreKeys,
    },
    blacklistedHwid: 'HW-BLACK',
    files: {
      allowed: { id: allowed.id, name: allowed.name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
      forbidden: { id: forbidden.id },
    },
  };
}

/** The API on `pgUrl` (null: embedded), the man-in-the-middle servers, and `seed(label)` → a fixture file. */
export async function startSdkHarness({ pgUrl }) {
  const api = await startBuiltApi({
    pgUrl,
    database: 'keyhold_sdk',
    env: { RATE_LIMIT_CLIENT_PER_MIN: String(CLIENT_LIMIT_PER_MIN), SELLER_SIGNUP: 'open' },
  });
  const servers = [];
  const proxies = {};
  try {
    for (const name of Object.keys(BENDS)) {
      const s = await startBend(api.url, name);
      servers.push(s.server);
      proxies[name] = s.url;
    }
    const cut = await startCut(api.url);
    servers.push(cut.server);
    proxies.cut = cut.url;
  } catch (e) {
    await api.stop();
    throw e;
  }
  return {
    url: api.url,
    seed: async (label) => {
      const file = join(tmpdir(), `keyhold-sdk-fixture-${label}-${process.pid}.json`);
      writeFileSync(file, JSON.stringify(await seedFixture(api.url, proxies, label), null, 2));
      return file;
    },
    stop: async () => {
      for (const s of servers) (s.closeAllConnections?.(), s.close());
      await api.stop();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startPostgres } = await import('./postgres.mjs');
  const pg = process.env.TEST_DATABASE_URL ? null : await startPostgres();
  const harness = await startSdkHarness({ pgUrl: process.env.TEST_DATABASE_URL || pg?.url || null });
  const file = await harness.seed(process.argv[2] ?? 'manual');
  console.log(`Keyhold for the SDK suites at ${harness.url}; fixture ${file}`);
  console.log(`  Python: KEYHOLD_FIXTURE=${file} python3 -m unittest discover -s libs/sdk-python/tests -t libs/sdk-python`);
  console.log(`  C++:    KEYHOLD_FIXTURE=${file} ctest --test-dir libs/sdk-cpp/build --output-on-failure`);
  console.log('Ctrl-C stops it.');
  const stop = async () => {
    await harness.stop();
    pg?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
