// The bare baseline of `pnpm bench http` (bench-http.mjs starts it; it is not a product).
//   DATABASE_URL=postgres://… PORT=… TOKEN_SECRET=… MASTER_KEY=… node scripts/bench-bare-server.mjs
//   (or --database-url= --port= --token-secret= --master-key=; BCRYPT_COST, HASHING_CONCURRENCY,
//   CLIENT_TOKEN_TTL_SECONDS and POOL_SIZE as Keyhold reads them)
//
// Four of Keyhold's client endpoints on plain node:http and a `pg` Pool, no framework, against the
// very database and tables Keyhold migrated. Each endpoint runs the SQL statements Keyhold runs for
// it (see the statement audit of bench-http.mjs), in the same order and the same transactions, and
// does the same per-answer work: an HS256 token signed and verified with node:crypto, bcrypt through
// the same admission limit, the signed answer (Content-Digest + Ed25519 RFC 9421 signature with the
// app's active key). So Keyhold's figures over these are what the framework costs: NestJS, express,
// guards, pipes and class-validator, interceptors, TypeORM's query building and hydration, helmet,
// rate-limit counters, ETags, the request id and the request log hook (silent). Only the success path
// and the errors these endpoints can meet in a benchmark are written; their statuses are Keyhold's.
import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createSecretKey,
  randomUUID,
  sign,
  timingSafeEqual,
} from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

const require = createRequire(import.meta.url);
const { Pool } = require('pg');
const bcrypt = require('bcrypt');

// --- configuration: env, overridden by --name=value ---------------------------------------------

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => /^--([^=]+)=(.*)$/.exec(a))
    .filter(Boolean)
    .map(([, k, v]) => [k.toUpperCase().replace(/-/g, '_'), v]),
);
const setting = (name, fallback) => args[name] ?? process.env[name] ?? fallback;

const config = {
  databaseUrl: setting('DATABASE_URL'),
  port: Number(setting('PORT', 3001)),
  host: setting('HOST', '127.0.0.1'),
  tokenSecret: setting('TOKEN_SECRET'),
  masterKey: setting('MASTER_KEY'),
  bcryptCost: Number(setting('BCRYPT_COST', 10)),
  // Keyhold's default (config/app-config.ts): one slot per core, 2 to 4.
  hashingSlots: Number(setting('HASHING_CONCURRENCY', Math.max(2, Math.min(4, availableParallelism())))),
  clientTokenTtlSeconds: Number(setting('CLIENT_TOKEN_TTL_SECONDS', 24 * 3600)),
  // Keyhold's pool (database/database-options.ts: externalDatabase's poolSize and POOL_RESILIENCE).
  poolSize: Number(setting('POOL_SIZE', 10)),
};
for (const name of ['databaseUrl', 'tokenSecret', 'masterKey']) {
  if (!config[name]) {
    process.stderr.write(`bench-bare-server: ${name} is required (DATABASE_URL, TOKEN_SECRET, MASTER_KEY)\n`);
    process.exit(2);
  }
}

const pool = new Pool({
  connectionString: config.databaseUrl,
  max: config.poolSize,
  connectionTimeoutMillis: 5000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  idleTimeoutMillis: 30_000,
});
pool.on('error', () => {}); // an idle connection lost: the pool drops it, as Keyhold's does

// --- SQL: the statements Keyhold runs (its repositories' plain SQL; column lists without aliases) -------
// Kept in step with Keyhold's repositories by hand: the audit of bench-http.mjs says when they part.

/** `a.id, a.name, …` */
const columns = (alias, list) =>
  list
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');
/** The owner's columns in the session check's join, as `u_id`, `l_key`, … */
const prefixed = (alias, list) =>
  list
    .split(', ')
    .map((c) => `${alias}.${c} AS ${alias}_${c}`)
    .join(', ');

const APP_COLUMNS =
  'id, seller_id, name, version, status, api_key, endpoint, enforce_version, hwid_lock, registration_enabled, offline_enabled, offline_ttl_hours, created_at, updated_at';
const LICENSE_COLUMNS =
  'id, app_id, key, duration_days, subscription, note, user_id, redeemed, hwid, activated_at, expires_at, expiry_notified_at, banned, ban_reason, reseller_id, created_at, updated_at';
const USER_COLUMNS =
  'id, app_id, username, subscription, expires_at, hwid, banned, ban_reason, last_login_at, last_login_ip, created_at, updated_at';
const SESSION_COLUMNS = 'id, app_id, user_id, license_id, ip, hwid, created_at, expires_at, revoked_at';

const SQL = {
  // apps/apps.repository.ts findByApiKey, findByEndpoint
  appByApiKey: `SELECT ${columns('a', APP_COLUMNS)} FROM apps a WHERE a.api_key = $1`,
  appByEndpoint: `SELECT ${columns('a', APP_COLUMNS)} FROM apps a WHERE a.endpoint = $1`,
  // signing/signing-keys.repository.ts findActive
  activeSigningKey: `SELECT id, private_key_encrypted FROM signing_keys WHERE app_id = $1 AND status = 'active' LIMIT 1`,
  // blacklist/blacklist.repository.ts matches (verbatim)
  blacklisted: `SELECT 1 FROM blacklist_entries
        WHERE app_id = $1 AND ((type = 'ip' AND network >>= $2::inet) OR (type = 'hwid' AND value = $3))
        LIMIT 1`,
  // licenses/licenses.repository.ts lockByKey, update (updateById), userHasBannedKey
  lockLicenseByKey: `SELECT ${columns('l', LICENSE_COLUMNS)} FROM licenses l WHERE l.app_id = $1 AND l.key = $2 FOR UPDATE`,
  // (updateWrite: database/entity-sql.ts updateById, RETURNING id, as a write of the batch)
  updateLicense: `UPDATE "licenses" SET "activated_at" = $2, "expires_at" = $3, "hwid" = $4, "updated_at" = now() WHERE id = $1 RETURNING id`,
  userHasBannedKey: `SELECT 1 FROM licenses WHERE user_id = $1 AND banned LIMIT 1`,
  // users/users.repository.ts findCredentials, lockById, update (updateById)
  userCredentials: `SELECT u.id, u.password_hash FROM app_users u WHERE u.app_id = $1 AND u.username = $2`,
  lockUser: `SELECT ${columns('u', USER_COLUMNS)} FROM app_users u WHERE u.id = $1 FOR UPDATE`,
  updateUserLogin: `UPDATE "app_users" SET "hwid" = $2, "last_login_at" = $3, "last_login_ip" = $4, "updated_at" = now() WHERE id = $1 RETURNING id`,
  // sessions/sessions.repository.ts insertWrite (the id is made by the caller)
  insertSession: `INSERT INTO sessions (id, app_id, user_id, license_id, ip, hwid, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
  // client/client-sessions.repository.ts findUnrevokedWithOwner: the session and its owner in one statement
  liveSessionWithOwner: `SELECT ${columns('s', SESSION_COLUMNS)}, ${prefixed('u', USER_COLUMNS)}, ${prefixed('l', LICENSE_COLUMNS)}
         FROM sessions s
         LEFT JOIN app_users u ON u.id = s.user_id
         LEFT JOIN licenses l ON l.id = s.license_id
        WHERE s.id = $1 AND s.app_id = $2 AND s.revoked_at IS NULL`,
  // events/events.repository.ts writesOf: the event, then its outbox rows, two writes of a batch
  insertEvent: `INSERT INTO events (app_id, name, data) VALUES ($1, $2, $3::jsonb) RETURNING id, seq`,
  insertOutbox: (event) => `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, max_attempts)
              SELECT w.id, e.id, e.seq, $3 FROM webhook_endpoints w, ${event} e
               WHERE w.app_id = $1 AND w.enabled AND $2::text = ANY (w.events)
              RETURNING id`,
};

/** The `alias_`-prefixed columns of a joined row, unprefixed; null for the null side of the join. */
function owner(row, alias, list) {
  if (row[`${alias}_id`] === null) return null;
  return Object.fromEntries(list.split(', ').map((c) => [c, row[`${alias}_${c}`]]));
}

const WEBHOOK_MAX_ATTEMPTS = 15; // webhooks/retry-schedule.ts

/** One statement on a pooled connection of its own, as TypeORM runs a statement outside a transaction. */
const one = async (text, values) => (await pool.query(text, values)).rows[0] ?? null;

/** `work(q)` in one transaction on one connection, as `dataSource.transaction` runs it. */
async function transaction(work) {
  const client = await pool.connect();
  const q = async (text, values) => (await client.query(text, values)).rows[0] ?? null;
  try {
    await client.query('START TRANSACTION');
    const result = await work(q);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** events.service.ts writes: undefined fields dropped; the event and its outbox rows as two writes. */
function eventWrites(appId, name, data) {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  const as = name.replace('.', '_');
  return [
    { name: as, sql: SQL.insertEvent, params: [appId, name, JSON.stringify(clean)] },
    { name: `${as}_outbox`, sql: SQL.insertOutbox(as), params: [appId, name, WEBHOOK_MAX_ATTEMPTS] },
  ];
}

/** database/write-batch.ts runWrites: the writes as data-modifying CTEs of one statement. */
function runWrites(q, writes) {
  const params = [];
  const ctes = writes.map((w) => {
    const offset = params.length;
    params.push(...w.params);
    return `${w.name} AS (${w.sql.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + offset}`)})`;
  });
  const columns = writes.map((w) => `(SELECT coalesce(json_agg(${w.name}), '[]'::json) FROM ${w.name}) AS ${w.name}`);
  return q(`WITH ${ctes.join(', ')} SELECT ${columns.join(', ')}`, params);
}

// --- errors, with Keyhold's codes and statuses (libs/contracts errors.ts) --------------------------

const STATUS = {
  INVALID_KEY: 401,
  INVALID_CREDENTIALS: 401,
  UNAUTHORIZED: 401,
  INVALID_LICENSE: 401,
  HWID_MISMATCH: 403,
  BLACKLISTED: 403,
  LICENSE_EXPIRED: 403,
  USER_BANNED: 403,
  LICENSE_BANNED: 403,
  APP_DISABLED: 403,
  NOT_FOUND: 404,
  LICENSE_USED: 409,
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

class Refusal extends Error {
  constructor(code, message = code, status = STATUS[code]) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

// --- ids, dates, hardware ids (common/ids.ts, common/dates.ts, client.service.ts checkHwid) -------

const publicId = (prefix, uuid) => `${prefix}_${uuid.replace(/-/g, '')}`;
const iso = (d) => (d ? d.toISOString() : null);
const isPast = (d) => Boolean(d && d.getTime() <= Date.now());
const addDays = (from, days) => new Date(from.getTime() + days * 86_400_000);

function checkHwid(hwidLock, bound, given) {
  if (!hwidLock) return given ?? bound;
  if (bound !== null) {
    if (given !== bound) throw new Refusal('HWID_MISMATCH');
    return bound;
  }
  return given ?? null;
}

// --- HS256 client tokens, as @nestjs/jwt (jsonwebtoken) signs and verifies them ------------------

const tokenKey = createSecretKey(Buffer.from(config.tokenSecret, 'utf8'));
const TOKEN_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const hmac = (text) => createHmac('sha256', tokenKey).update(text).digest();

function signClientToken(sessionId, appId) {
  const iat = Math.floor(Date.now() / 1000);
  const payload = { app: appId, iat, exp: iat + config.clientTokenTtlSeconds, aud: 'client', sub: sessionId };
  const body = `${TOKEN_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${hmac(body).toString('base64url')}`;
}

/** The payload of a genuine, unexpired HS256 client token, else null (tokens.service.ts verify). */
function verifyClientToken(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const given = Buffer.from(parts[2], 'base64url');
  const expected = hmac(`${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    if (header.alg !== 'HS256') return null;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const now = Math.floor(Date.now() / 1000);
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes('client')) return null;
    if (typeof payload.exp === 'number' && now >= payload.exp) return null;
    if (typeof payload.nbf === 'number' && now < payload.nbf) return null;
    return typeof payload.sub === 'string' ? payload : null;
  } catch {
    return null;
  }
}

// --- bcrypt through admission (common/hashing-admission.ts: end users' class) ---------------------

const HASHING_MAX_WAIT_MS = 2000;
const hashing = { running: 0, waiting: [], queueLength: 64 * config.hashingSlots };

/** At most `hashingSlots` hashes at once; a queue of 64 per slot waiting at most 2 s, else 503. */
async function admitted(work) {
  if (hashing.running >= config.hashingSlots || hashing.waiting.length > 0) {
    if (hashing.waiting.length >= hashing.queueLength) throw busy();
    await new Promise((resolve, reject) => {
      const waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          hashing.waiting.splice(hashing.waiting.indexOf(waiter), 1);
          reject(busy());
        }, HASHING_MAX_WAIT_MS),
      };
      hashing.waiting.push(waiter);
    });
  }
  hashing.running += 1;
  try {
    return await work();
  } finally {
    hashing.running -= 1;
    if (hashing.waiting.length > 0 && hashing.running < config.hashingSlots) hashing.waiting.shift().start();
  }
}
const busy = () => new Refusal('SERVICE_UNAVAILABLE', 'The server is busy checking passwords: try again in a moment');

let dummyHash;
/** passwords.service.ts verify: an unknown user costs a compare too. */
function verifyPassword(password, hash) {
  return admitted(async () => {
    if (!hash || Buffer.byteLength(password) > 72) {
      dummyHash ??= bcrypt.hash('keyhold-timing-equaliser', config.bcryptCost);
      await bcrypt.compare(password, await dummyHash);
      return false;
    }
    return bcrypt.compare(password, hash);
  });
}

// --- signed answers (signing/: sign-answers.middleware.ts, answer-signature.ts) --------------------

const SIGNER_TTL_MS = 10_000; // signing-keys.service.ts ACTIVE_KEY_TTL_MS
const signers = new Map();

/** The app's active key, looked up again every 10 s as Keyhold does (ensureActive, then findActive). */
function signerFor(appId) {
  const cached = signers.get(appId);
  if (cached && cached.until > Date.now()) return cached.signer;
  const signer = (async () => {
    if (!(await one(SQL.activeSigningKey, [appId]))) throw new Error(`app ${appId} has no active signing key`);
    const row = await one(SQL.activeSigningKey, [appId]);
    const der = Buffer.from(decryptSecret(row.private_key_encrypted), 'base64');
    return { kid: publicId('key', row.id), privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
  })();
  signers.set(appId, { until: Date.now() + SIGNER_TTL_MS, signer });
  signer.catch(() => signers.delete(appId));
  return signer;
}

/** common/crypto.ts decryptSecret: AES-256-GCM `v1.<iv>.<tag>.<ciphertext>` under MASTER_KEY. */
function decryptSecret(sealed) {
  const [, iv, tag, ciphertext] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(config.masterKey, 'hex'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

const NONCE_PATTERN = /^[A-Za-z0-9\-_.~]{8,128}$/;

/** Writes the JSON answer; signed (Content-Digest, Signature-Input, Signature) when the app is known. */
function answer(res, exchange, status, body) {
  const json = JSON.stringify(body);
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) };
  if (exchange.signer) {
    const digest = `sha-256=:${createHash('sha256').update(json).digest('base64')}:`;
    const nonce = exchange.nonce === undefined ? '' : `;nonce="${exchange.nonce}"`;
    const params = `("@status" "content-digest" "@method";req "@path";req);created=${Math.floor(Date.now() / 1000)};keyid="${exchange.signer.kid}";alg="ed25519"${nonce}`;
    const base = [
      `"@status": ${status}`,
      `"content-digest": ${digest}`,
      `"@method";req: ${exchange.method}`,
      `"@path";req: ${exchange.path}`,
      `"@signature-params": ${params}`,
    ].join('\n');
    headers['content-digest'] = digest;
    headers['signature-input'] = `keyhold=${params}`;
    headers.signature = `keyhold=:${sign(null, Buffer.from(base, 'utf8'), exchange.signer.privateKey).toString('base64')}:`;
  }
  res.writeHead(status, headers);
  res.end(json);
}

// --- requests --------------------------------------------------------------------------------------

const BODY_LIMIT_BYTES = 1024 * 1024;

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > BODY_LIMIT_BYTES) reject(new Refusal('PAYLOAD_TOO_LARGE'));
      else chunks.push(c);
    });
    req.on('end', () => {
      if (size === 0) return resolve({});
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Refusal('BAD_REQUEST', 'Malformed JSON body'));
      }
    });
    req.on('error', reject);
  });
}

const clientIp = (req) => {
  const ip = req.socket.remoteAddress ?? '0.0.0.0';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
};

/** The app behind X-Api-Key, resolved first as Keyhold's signing middleware does (one lookup a request). */
async function appByApiKey(req) {
  const apiKey = req.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 && apiKey.length <= 64 ? one(SQL.appByApiKey, [apiKey]) : null;
}

/** client-authenticator.ts authenticate: the app must exist and be active. */
function assertClientApp(app) {
  if (!app) throw new Refusal('INVALID_KEY');
  if (app.status !== 'ACTIVE') throw new Refusal('APP_DISABLED');
}

const isText = (v, min, max) => typeof v === 'string' && v.length >= min && v.length <= max;
function validate(ok) {
  if (!ok) throw new Refusal('VALIDATION_FAILED');
}

async function assertAllowed(appId, ip, hwid) {
  if (await one(SQL.blacklisted, [appId, ip, hwid ?? null])) throw new Refusal('BLACKLISTED');
}

/** sessions.service.ts create: the row and its session.create event, with the login's own writes, in one statement; the token. */
async function createSession(q, s, alongside = []) {
  const id = randomUUID();
  await runWrites(q, [
    ...alongside,
    {
      name: 'session',
      sql: SQL.insertSession,
      params: [
        id,
        s.appId,
        s.userId ?? null,
        s.licenseId ?? null,
        s.ip,
        s.hwid ?? null,
        new Date(Date.now() + config.clientTokenTtlSeconds * 1000),
      ],
    },
    ...eventWrites(s.appId, 'session.create', {
      sessionId: publicId('ses', id),
      userId: s.userId ? publicId('usr', s.userId) : undefined,
      licenseId: s.licenseId ? publicId('lic', s.licenseId) : undefined,
      ip: s.ip,
      hwid: s.hwid ?? null,
    }),
  ]);
  return signClientToken(id, s.appId);
}

const toClientUser = (u) => ({
  id: publicId('usr', u.id),
  username: u.username,
  hwid: u.hwid,
  subscription: u.subscription,
  expiresAt: iso(u.expires_at),
});

/** POST /v1/client/license: client.service.ts licenseLogin. */
async function licenseLogin(app, body, ip) {
  validate(isText(body.licenseKey, 1, 64) && (body.hwid === undefined || isText(body.hwid, 1, 256)));
  await assertAllowed(app.id, ip, body.hwid);
  return transaction(async (q) => {
    const license = await q(SQL.lockLicenseByKey, [app.id, body.licenseKey]);
    if (!license) throw new Refusal('INVALID_LICENSE');
    if (license.banned) throw new Refusal('LICENSE_BANNED');
    if (license.redeemed || license.user_id) throw new Refusal('LICENSE_USED');
    if (isPast(license.expires_at)) throw new Refusal('LICENSE_EXPIRED');
    const firstUse = !license.activated_at;
    if (firstUse) {
      license.activated_at = new Date();
      license.expires_at ??= license.duration_days ? addDays(license.activated_at, license.duration_days) : null;
    }
    const hwid = checkHwid(app.hwid_lock, license.hwid, body.hwid);
    const writes = [];
    if (firstUse || hwid !== license.hwid) {
      license.hwid = hwid;
      writes.push({ name: 'license', sql: SQL.updateLicense, params: [license.id, license.activated_at, license.expires_at, hwid] });
    }
    if (firstUse) {
      writes.push(
        ...eventWrites(app.id, 'license.activate', {
          licenseId: publicId('lic', license.id),
          key: license.key,
          ip,
          hwid: body.hwid ?? null,
          expiresAt: iso(license.expires_at),
        }),
      );
    }
    const token = await createSession(q, { appId: app.id, licenseId: license.id, ip, hwid: body.hwid }, writes);
    return { token, license: { key: license.key, expiresAt: iso(license.expires_at), hwid: license.hwid } };
  });
}

/** GET /v1/client/session: client-authenticator.ts session (one joined statement), then client.service.ts session. */
async function sessionCheck(app, req) {
  const match = typeof req.headers.authorization === 'string' ? /(\S+)\s+(\S+)/.exec(req.headers.authorization) : null;
  const token = match && match[1].toLowerCase() === 'bearer' ? match[2] : null; // common/bearer-token.ts
  const payload = token ? verifyClientToken(token) : null;
  if (!payload || payload.app !== app.id) throw new Refusal('UNAUTHORIZED');
  const session = await one(SQL.liveSessionWithOwner, [payload.sub, app.id]);
  if (!session || isPast(session.expires_at)) throw new Refusal('UNAUTHORIZED');
  const user = owner(session, 'u', USER_COLUMNS);
  const license = owner(session, 'l', LICENSE_COLUMNS);
  if (session.user_id && (!user || user.banned || isPast(user.expires_at))) throw new Refusal('UNAUTHORIZED');
  if (session.license_id && (!license || license.banned || isPast(license.expires_at))) throw new Refusal('UNAUTHORIZED');
  return {
    session: { id: publicId('ses', session.id), createdAt: session.created_at.toISOString(), expiresAt: session.expires_at.toISOString() },
    ...(user ? { user: toClientUser(user) } : {}),
    ...(license
      ? { license: { key: license.key, expiresAt: iso(license.expires_at), hwid: license.hwid, subscription: license.subscription } }
      : {}),
  };
}

/**
 * client.service.ts authenticate: blacklist, credentials, bcrypt, then one transaction that locks
 * the user, checks bans, expiry and the device, records the login and runs `then` in it.
 */
async function authenticate(app, input, ip, then) {
  await assertAllowed(app.id, ip, input.hwid);
  const found = await one(SQL.userCredentials, [app.id, input.username]);
  const ok = await verifyPassword(input.password, found?.password_hash);
  if (!found || !ok) throw new Refusal('INVALID_CREDENTIALS');
  return transaction(async (q) => {
    const user = await q(SQL.lockUser, [found.id]);
    if (!user) throw new Refusal('INVALID_CREDENTIALS');
    if (user.banned) throw new Refusal('USER_BANNED');
    if (await q(SQL.userHasBannedKey, [user.id])) throw new Refusal('LICENSE_BANNED');
    if (isPast(user.expires_at)) throw new Refusal('LICENSE_EXPIRED');
    user.hwid = checkHwid(app.hwid_lock, user.hwid, input.hwid);
    user.last_login_at = new Date();
    user.last_login_ip = ip;
    return then(q, user, [
      { name: 'app_user', sql: SQL.updateUserLogin, params: [user.id, user.hwid, user.last_login_at, ip] },
      ...eventWrites(app.id, 'user.login', { userId: publicId('usr', user.id), username: user.username, ip, hwid: input.hwid ?? null }),
    ]);
  });
}

/** POST /v1/client/login. */
function passwordLogin(app, body, ip) {
  validate(
    isText(body.username, 1, 64) &&
      isText(body.password, 1, Infinity) &&
      Buffer.byteLength(body.password) <= 72 &&
      (body.hwid === undefined || isText(body.hwid, 1, 256)),
  );
  return authenticate(app, body, ip, async (q, user, writes) => {
    const token = await createSession(q, { appId: app.id, userId: user.id, ip, hwid: body.hwid }, writes);
    return { token, user: toClientUser(user) };
  });
}

// Axora (axora/): the endpoint id names the app; errors in its own shape.
const AXORA_PREFIX = '/app/auth/';
const AXORA = {
  appNotFound: 'App disabled or not found',
  credentialInvalid: 'Credential disabled or invalid',
  otherDevice: 'This user is logged into another device',
  malformed: 'Malformed authentication URL: expected /app/auth/{endpoint}+{username}+{password}+{version}[+{hardware_id}]',
  hwidRequired: 'Hardware ID required: this app restricts login access to a single device per user account',
  expired: 'Credential expired',
  blacklisted: 'Access denied: IP or hardware ID is blacklisted',
};

function decodePart(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** axora-url.ts parseAxoraPath. */
function parseAxoraPath(path) {
  const parts = path.slice(AXORA_PREFIX.length).split('+').map(decodePart);
  if (parts.length < 4 || parts.length > 5 || parts.some((p) => p.length === 0)) return null;
  const [endpoint, username, password, version, hwid] = parts;
  return { endpoint, username, password, version, ...(hwid !== undefined ? { hwid } : {}) };
}

/**
 * GET /app/auth/…: axora.service.ts authenticate (no session, no token). The app is the one the
 * signing step looked up by the same endpoint id (Keyhold's AppLookup: one lookup a request).
 */
async function axora(path, ip, app) {
  const c = parseAxoraPath(path);
  if (!c) throw new Refusal('BAD_REQUEST', AXORA.malformed, 400);
  if (!app || app.status !== 'ACTIVE') throw new Refusal('NOT_FOUND', AXORA.appNotFound, 404);
  if (app.enforce_version && c.version !== app.version)
    throw new Refusal('BAD_REQUEST', `Update required. Current version: ${app.version}`, 426);
  if (app.hwid_lock && !c.hwid) throw new Refusal('BAD_REQUEST', AXORA.hwidRequired, 400);
  try {
    await authenticate(app, { username: c.username, password: c.password, hwid: c.hwid }, ip, (q, _user, writes) => runWrites(q, writes));
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    if (['INVALID_CREDENTIALS', 'USER_BANNED', 'LICENSE_BANNED'].includes(e.code)) throw new Refusal(e.code, AXORA.credentialInvalid, 401);
    if (e.code === 'HWID_MISMATCH') throw new Refusal(e.code, AXORA.otherDevice, 403);
    if (e.code === 'LICENSE_EXPIRED') throw new Refusal(e.code, AXORA.expired, 403);
    if (e.code === 'BLACKLISTED') throw new Refusal(e.code, AXORA.blacklisted, 403);
    throw e;
  }
  return {
    authenticated: true,
    app_id: publicId('app', app.id),
    app_name: app.name,
    endpoint: app.endpoint,
    message: 'Authentication successful',
  };
}

function axoraEndpointOf(path) {
  return decodePart(path.slice(AXORA_PREFIX.length).split('+')[0]);
}

async function handle(req, res) {
  const path = req.url.split('?')[0];
  const route = `${req.method} ${path.startsWith(AXORA_PREFIX) ? AXORA_PREFIX : path}`;
  const nonce = req.headers['keyhold-nonce'];
  const exchange = { method: req.method, path, nonce: typeof nonce === 'string' && NONCE_PATTERN.test(nonce) ? nonce : undefined };
  const ip = clientIp(req);
  const isAxora = route === `GET ${AXORA_PREFIX}`;
  try {
    switch (route) {
      case 'GET /health':
        return answer(res, exchange, 200, { status: 'ok' });
      case 'POST /v1/client/license':
      case 'POST /v1/client/login':
      case 'GET /v1/client/session': {
        const app = await appByApiKey(req);
        if (app) exchange.signer = await signerFor(app.id);
        const body = req.method === 'POST' ? await readJson(req) : {};
        assertClientApp(app);
        const data =
          route === 'POST /v1/client/license'
            ? await licenseLogin(app, body, ip)
            : route === 'POST /v1/client/login'
              ? await passwordLogin(app, body, ip)
              : await sessionCheck(app, req);
        return answer(res, exchange, 200, { success: true, data });
      }
      case `GET ${AXORA_PREFIX}`: {
        const endpoint = axoraEndpointOf(path);
        const app = endpoint && endpoint.length <= 64 ? await one(SQL.appByEndpoint, [endpoint]) : null;
        if (app) exchange.signer = await signerFor(app.id);
        return answer(res, exchange, 200, await axora(path, ip, app));
      }
      default:
        throw new Refusal('NOT_FOUND', 'Requested resource does not exist');
    }
  } catch (e) {
    const refusal = e instanceof Refusal ? e : new Refusal('INTERNAL', 'Internal server error');
    if (!(e instanceof Refusal)) process.stderr.write(`bench-bare-server: ${e?.stack ?? e}\n`);
    if (res.headersSent) return res.destroy();
    const body = isAxora
      ? { authenticated: false, message: refusal.message }
      : { success: false, error: { code: refusal.code, message: refusal.message } };
    answer(res, exchange, refusal.status, body);
  }
}

const server = createServer((req, res) => void handle(req, res));
server.listen(config.port, config.host, () => {
  process.stdout.write(`bare server listening on http://${config.host}:${server.address().port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  });
}
