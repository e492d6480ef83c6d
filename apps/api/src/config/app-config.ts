import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';

export const SELLER_SIGNUP_POLICIES = ['first', 'open', 'closed'] as const;
export type SellerSignup = (typeof SELLER_SIGNUP_POLICIES)[number];

/** An environment value as text (they are strings; a number or boolean given in tests reads the same). */
const text = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(text(value)) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (['true', '1', 'yes'].includes(text(value).toLowerCase())) return true;
  if (['false', '0', 'no'].includes(text(value).toLowerCase())) return false;
  return value;
};
const toStr = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting Keyhold reads, validated once at boot. Nothing outside config/ reads process.env.
 * Property names are the environment variable names so that error messages name the variable.
 */
class EnvironmentSchema {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @Transform(toStr)
  @IsString()
  HOST: string = '0.0.0.0';

  @IsOptional()
  @Transform(toStr)
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toStr)
  @IsString()
  DATA_DIR: string = './data';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST: number = 10;

  /**
   * How many password hashes run at once; one of them is always kept for end-user logins. bcrypt
   * uses libuv's thread pool (4 threads), and each hash takes a core: more than the cores would
   * only slow every hash down.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(64)
  HASHING_CONCURRENCY: number = Math.max(2, Math.min(4, availableParallelism()));

  /** Who may create a seller account: `first` (only while there is none), `open` (anyone), `closed`. */
  @IsOptional()
  @IsIn(SELLER_SIGNUP_POLICIES)
  SELLER_SIGNUP: SellerSignup = 'first';

  @IsOptional()
  @IsTrustProxy()
  TRUST_PROXY: string = 'false';

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  WEBHOOKS_ALLOW_PRIVATE_URLS: boolean = false;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WEBHOOK_RETRY_BASE_MS: number = 30_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  WEBHOOK_POLL_INTERVAL_MS: number = 1000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_CLIENT_PER_MIN: number = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_MIN: number = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_API_PER_MIN: number = 1200;

  @IsOptional()
  @Transform(toStr)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  TOKEN_SECRET?: string;

  @IsOptional()
  @Transform(toStr)
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hex characters (32 bytes)' })
  MASTER_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  SELLER_TOKEN_TTL_SECONDS: number = 7 * 24 * 3600;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  CLIENT_TOKEN_TTL_SECONDS: number = 24 * 3600;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LICENSE_SWEEP_INTERVAL_MS: number = 60_000;

  @IsOptional()
  @Transform(toStr)
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @Transform(toStr)
  @IsString()
  @MaxLength(4096)
  DASHBOARD_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  FILES_MAX_BYTES: number = 100 * 1024 * 1024;

  @IsOptional()
  @Transform(toStr)
  @IsString()
  @MaxLength(4096)
  FILES_DIR?: string;

  // Retention: days after which rows are pruned; 0 keeps them forever.
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(36_500)
  RETENTION_SESSIONS_DAYS: number = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(36_500)
  RETENTION_EVENTS_DAYS: number = 90;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(36_500)
  RETENTION_WEBHOOK_ATTEMPTS_DAYS: number = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(7 * 24 * 3600_000)
  RETENTION_INTERVAL_MS: number = 3600_000;
}

export class ConfigError extends Error {}

/**
 * Whom the client address is taken from (express's `trust proxy`): `false`, the socket's address;
 * a number, that many proxies in front of Keyhold, each appending to X-Forwarded-For; a list, the
 * proxies' own addresses and CIDR ranges. Either way the client is the right-most X-Forwarded-For
 * entry that no trusted proxy added, never the left-most, which the client writes itself.
 */
export type TrustProxy = false | number | string[];

const MAX_PROXY_HOPS = 32;

/** TRUST_PROXY parsed: `false`/`0`, hops (`true` = 1), or comma-separated addresses and CIDRs; null if none of those. */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const v = (value ?? '').trim();
  if (v === '' || /^(false|no|0)$/i.test(v)) return false;
  if (/^(true|yes)$/i.test(v)) return 1;
  if (/^\d+$/.test(v)) return Number(v) <= MAX_PROXY_HOPS ? Number(v) : null;
  const ranges = v.split(',').map((p) => p.trim());
  return ranges.every(isAddressOrRange) ? ranges : null;
}

function isAddressOrRange(range: string): boolean {
  const [address, bits, ...rest] = range.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

function IsTrustProxy() {
  return ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseTrustProxy(value) !== null,
      defaultMessage: () =>
        `must be false, a number of proxy hops from 0 to ${MAX_PROXY_HOPS} (true = 1), or a comma-separated list of proxy addresses and CIDR ranges`,
    },
  });
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  bcryptCost: number;
  trustProxy: TrustProxy;
  hashingConcurrency: number;
  sellerSignup: SellerSignup;
  webhooksAllowPrivateUrls: boolean;
  webhookRetryBaseMs: number;
  webhookPollIntervalMs: number;
  webhookTimeoutMs: number;
  rateLimit: { clientPerMin: number; loginPerMin: number; apiPerMin: number };
  tokenSecret: string;
  masterKey: Buffer;
  sellerTokenTtlSeconds: number;
  clientTokenTtlSeconds: number;
  bodyLimitBytes: number;
  licenseSweepIntervalMs: number;
  logLevel: string;
  dashboardDir?: string;
  /** Largest file an upload may carry (bytes of plaintext). */
  filesMaxBytes: number;
  /** Where the local file storage keeps encrypted files (default `${dataDir}/files`). */
  filesDir: string;
  /** Pruning of old rows: ages in days (0: kept forever) and how often it runs across all processes. */
  retention: RetentionConfig;
  /** Set when TOKEN_SECRET or MASTER_KEY came from the data directory; `created` on the start that made them. */
  secretsFile?: { path: string; created: boolean };
}

export interface RetentionConfig {
  /** Sessions that expired or were revoked more than this many days ago. */
  sessionsDays: number;
  /** Events older than this, unless a webhook delivery of theirs is still pending. */
  eventsDays: number;
  /** Webhook delivery attempts (the delivery log) older than this. */
  webhookAttemptsDays: number;
  intervalMs: number;
}

/** Injection token for the configuration object. */
export const APP_CONFIG = Symbol('APP_CONFIG');

interface GeneratedSecrets {
  tokenSecret: string;
  masterKey: string;
}

/**
 * Secrets production must set are generated once into the data directory when unset, so the first
 * start needs no setup. Several API processes must share them: set TOKEN_SECRET and MASTER_KEY.
 */
function loadOrCreateSecrets(dataDir: string): GeneratedSecrets & { file: string; created: boolean } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
    if (parsed.tokenSecret && /^[0-9a-f]{64}$/.test(parsed.masterKey)) return { ...parsed, file, created: false };
    throw new ConfigError(`${file} is damaged: delete it or set TOKEN_SECRET and MASTER_KEY`);
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = { tokenSecret: randomBytes(48).toString('base64url'), masterKey: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { ...secrets, file, created: true };
}

/** Validates the environment and fails fast naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new EnvironmentSchema());
  const raw: Record<string, string | undefined> = {};
  for (const key of [...known, 'DATABASE_URL', 'TOKEN_SECRET', 'MASTER_KEY', 'DASHBOARD_DIR', 'FILES_DIR']) raw[key] = env[key];
  const parsed = plainToInstance(EnvironmentSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = resolve(parsed.DATA_DIR);
  let tokenSecret = parsed.TOKEN_SECRET;
  let masterKey = parsed.MASTER_KEY;
  let secretsFile: AppConfig['secretsFile'];
  if (!tokenSecret || !masterKey) {
    const generated = loadOrCreateSecrets(dataDir);
    tokenSecret ??= generated.tokenSecret;
    masterKey ??= generated.masterKey;
    secretsFile = { path: generated.file, created: generated.created };
  }
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    bcryptCost: parsed.BCRYPT_COST,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY) ?? false,
    hashingConcurrency: parsed.HASHING_CONCURRENCY,
    sellerSignup: parsed.SELLER_SIGNUP,
    webhooksAllowPrivateUrls: parsed.WEBHOOKS_ALLOW_PRIVATE_URLS,
    webhookRetryBaseMs: parsed.WEBHOOK_RETRY_BASE_MS,
    webhookPollIntervalMs: parsed.WEBHOOK_POLL_INTERVAL_MS,
    webhookTimeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    rateLimit: {
      clientPerMin: parsed.RATE_LIMIT_CLIENT_PER_MIN,
      loginPerMin: parsed.RATE_LIMIT_LOGIN_PER_MIN,
      apiPerMin: parsed.RATE_LIMIT_API_PER_MIN,
    },
    tokenSecret,
    masterKey: Buffer.from(masterKey, 'hex'),
    sellerTokenTtlSeconds: parsed.SELLER_TOKEN_TTL_SECONDS,
    clientTokenTtlSeconds: parsed.CLIENT_TOKEN_TTL_SECONDS,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    licenseSweepIntervalMs: parsed.LICENSE_SWEEP_INTERVAL_MS,
    logLevel: parsed.LOG_LEVEL,
    dashboardDir: parsed.DASHBOARD_DIR,
    filesMaxBytes: parsed.FILES_MAX_BYTES,
    filesDir: parsed.FILES_DIR ? resolve(parsed.FILES_DIR) : join(dataDir, 'files'),
    retention: {
      sessionsDays: parsed.RETENTION_SESSIONS_DAYS,
      eventsDays: parsed.RETENTION_EVENTS_DAYS,
      webhookAttemptsDays: parsed.RETENTION_WEBHOOK_ATTEMPTS_DAYS,
      intervalMs: parsed.RETENTION_INTERVAL_MS,
    },
    secretsFile,
  };
}
