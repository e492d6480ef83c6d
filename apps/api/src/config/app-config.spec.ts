import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseTrustProxy } from './app-config';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyhold-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies the documented defaults', () => {
    const c = loadConfig({ DATA_DIR: dir });
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      bcryptCost: 10,
      trustProxy: false,
      hashingConcurrency: Math.max(2, Math.min(4, availableParallelism())),
      sellerSignup: 'first',
      webhooksAllowPrivateUrls: false,
      webhookRetryBaseMs: 30_000,
      webhookPollIntervalMs: 1000,
      webhookTimeoutMs: 10_000,
      rateLimit: { clientPerMin: 30, loginPerMin: 10, apiPerMin: 1200 },
    });
  });

  it('prunes sessions after 30 days, events after 90, webhook attempts after 30, checking hourly', () => {
    expect(loadConfig({ DATA_DIR: dir }).retention).toEqual({
      sessionsDays: 30,
      eventsDays: 90,
      webhookAttemptsDays: 30,
      intervalMs: 3600_000,
    });
  });

  it('takes retention ages in days, 0 meaning forever, and refuses anything else naming the variable', () => {
    const c = loadConfig({
      DATA_DIR: dir,
      RETENTION_SESSIONS_DAYS: '0',
      RETENTION_EVENTS_DAYS: '365',
      RETENTION_WEBHOOK_ATTEMPTS_DAYS: '7',
      RETENTION_INTERVAL_MS: '60000',
    });
    expect(c.retention).toEqual({ sessionsDays: 0, eventsDays: 365, webhookAttemptsDays: 7, intervalMs: 60_000 });
    const bad = {
      RETENTION_SESSIONS_DAYS: '-1',
      RETENTION_EVENTS_DAYS: '1.5',
      RETENTION_WEBHOOK_ATTEMPTS_DAYS: 'week',
      RETENTION_INTERVAL_MS: '10',
    };
    for (const [name, value] of Object.entries(bad)) {
      expect(() => loadConfig({ DATA_DIR: dir, [name]: value })).toThrow(new RegExp(`^  ${name}=`, 'm'));
    }
    expect(() => loadConfig({ DATA_DIR: dir, RETENTION_EVENTS_DAYS: '36501' })).toThrow(ConfigError);
  });

  it('reads TRUST_PROXY as hops or as proxy addresses and ranges, never as "trust everyone"', () => {
    expect(loadConfig({ DATA_DIR: dir }).trustProxy).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,::1, fd00::/8')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
    for (const bad of ['maybe', '33', '-1', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', 'loopback', '10.0.0.1,', '1.2.3']) {
      expect([bad, parseTrustProxy(bad)]).toEqual([bad, null]);
      expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: dir,
        PORT: 'eighty',
        BCRYPT_COST: '99',
        DATABASE_URL: 'mysql://x',
        TRUST_PROXY: 'maybe',
        WEBHOOK_TIMEOUT_MS: '5',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'BCRYPT_COST', 'DATABASE_URL', 'TRUST_PROXY', 'WEBHOOK_TIMEOUT_MS']) expect(message).toContain(name);
  });

  it('generates the secrets once into the data directory, private, and reuses them', () => {
    const first = loadConfig({ DATA_DIR: dir });
    const file = join(dir, 'secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.tokenSecret).toBe(first.tokenSecret);
    expect(second.masterKey.equals(first.masterKey)).toBe(true);
    expect(first.masterKey).toHaveLength(32);
    expect(JSON.parse(readFileSync(file, 'utf8')).masterKey).toBe(first.masterKey.toString('hex'));
  });

  it('uses TOKEN_SECRET and MASTER_KEY when set, and writes no file', () => {
    const c = loadConfig({ DATA_DIR: dir, TOKEN_SECRET: 'x'.repeat(40), MASTER_KEY: 'ab'.repeat(32) });
    expect(c.tokenSecret).toBe('x'.repeat(40));
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
  });

  it('refuses a short TOKEN_SECRET and a malformed MASTER_KEY', () => {
    expect(() => loadConfig({ DATA_DIR: dir, TOKEN_SECRET: 'short', MASTER_KEY: 'zz' })).toThrow(
      /TOKEN_SECRET[\s\S]*MASTER_KEY|MASTER_KEY[\s\S]*TOKEN_SECRET/,
    );
  });
});
