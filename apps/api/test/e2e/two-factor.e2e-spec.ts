import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP, URI } from 'otpauth';
import { DataSource } from 'typeorm';
import { fromPublicId } from '../../src/common/ids';
import { resellerOf } from '../factories/resellers';
import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

// The e2e project's testTimeout (jest.config.js) does not reach tests inside `projects`; a PGlite boot on a busy machine takes over jest's 5 s default.
jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery';
const STEP_MS = 30_000;

const totpOf = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

/** The authenticator's code `steps` time steps from now (-1: the one before, 1: the next). */
const codeAt = (secret: string, steps = 0) => totpOf(secret).generate({ timestamp: Date.now() + steps * STEP_MS });

/** A 6-digit code that is none of the ones the server accepts now (the step before, this one, the next). */
function wrongCode(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((step) => codeAt(secret, step)));
  let n = Number(codeAt(secret));
  let code: string;
  do {
    n = (n + 1) % 1_000_000;
    code = String(n).padStart(6, '0');
  } while (valid.has(code));
  return code;
}

/**
 * Waits, if need be, until the current time step has at least 6 s to go, so that a code of the step
 * before is still inside the server's window when it arrives (a precondition, not an assertion).
 */
async function clearOfStepEdge(): Promise<void> {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < 6_000) await new Promise((resolve) => setTimeout(resolve, left + 200));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Seller {
  id: string;
  email: string;
  token: string;
}

/** A seller with two-factor sign-in on: its secret, its recovery codes, and a token from before. */
interface TwoFactorSeller extends Seller {
  secret: string;
  recoveryCodes: string[];
}

describe('seller two-factor sign-in (TOTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const register = async (): Promise<Seller> => {
    const email = `seller-${randomBytes(5).toString('hex')}@example.com`;
    const res = await t.http.post('/v1/auth/register').send({ email, password: PASSWORD, name: 'Seller' }).expect(201);
    return { id: res.body.data.seller.id, email, token: res.body.data.token };
  };
  const login = (email: string, code?: string, password = PASSWORD) =>
    t.http.post('/v1/auth/login').send(code === undefined ? { email, password } : { email, password, code });
  const setup = (token: string) => t.http.post('/v1/auth/2fa/setup').set(auth(token)).send({});
  const enable = (token: string, code: string) => t.http.post('/v1/auth/2fa/enable').set(auth(token)).send({ code });
  const disable = (token: string, code: string) => t.http.post('/v1/auth/2fa/disable').set(auth(token)).send({ code });
  const twoFactorEnabled = async (token: string): Promise<boolean> => {
    const res = await t.http.get('/v1/auth/me').set(auth(token)).expect(200);
    return res.body.data.seller.twoFactorEnabled;
  };
  const expectError = (res: { status: number; body: { error?: { code: string } } }, status: number, code: string) =>
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });

  /**
   * A new seller with two-factor sign-in on, confirmed with the code of the step before now, so that
   * this step's code and the next one's are both still unused for signing in.
   */
  const withTwoFactor = async (): Promise<TwoFactorSeller> => {
    const s = await register();
    const { secret } = (await setup(s.token).expect(200)).body.data;
    await clearOfStepEdge();
    const res = await enable(s.token, codeAt(secret, -1)).expect(200);
    return { ...s, secret, recoveryCodes: res.body.data.recoveryCodes };
  };

  describe('turning it on', () => {
    it('setup gives a secret and its otpauth URL; a wrong code does not turn it on; a right one does, with ten recovery codes', async () => {
      const s = await register();
      expect((await login(s.email).expect(200)).body.data.seller.twoFactorEnabled).toBe(false);
      const res = await setup(s.token).expect(200);
      const { secret, otpauthUrl } = res.body.data;
      expect(Object.keys(res.body.data).sort()).toEqual(['otpauthUrl', 'secret']);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 random bytes, base32 (RFC 4648)

      // The URL is one an authenticator app reads: TOTP, issuer Keyhold, the seller's email, the same secret.
      const uri = URI.parse(otpauthUrl);
      expect(uri).toBeInstanceOf(TOTP);
      const parsed = uri as TOTP;
      expect({ issuer: parsed.issuer, label: parsed.label, secret: parsed.secret.base32 }).toEqual({
        issuer: 'Keyhold',
        label: s.email,
        secret,
      });
      expect({ algorithm: parsed.algorithm, digits: parsed.digits, period: parsed.period }).toEqual({
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      });
      expect(new URL(otpauthUrl).searchParams.get('issuer')).toBe('Keyhold');

      // Not in force yet: signing in needs no code.
      expect(await twoFactorEnabled(s.token)).toBe(false);
      expect((await login(s.email)).status).toBe(200);

      const wrong = await enable(s.token, wrongCode(secret));
      expectError(wrong, 401, 'INVALID_TWO_FACTOR_CODE');
      for (const code of ['', 'x'.repeat(33)]) expectError(await enable(s.token, code), 400, 'VALIDATION_FAILED');
      expect(await twoFactorEnabled(s.token)).toBe(false);
      expect((await login(s.email)).status).toBe(200);

      const on = await enable(s.token, codeAt(secret)).expect(200);
      const { recoveryCodes, seller } = on.body.data;
      expect(seller).toMatchObject({ id: s.id, twoFactorEnabled: true });
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const code of recoveryCodes) expect(code).toEqual(expect.any(String));
      expect(new Set(recoveryCodes.map((c: string) => c.toLowerCase().replace(/[^0-9a-z]/g, ''))).size).toBe(10);
      expect(await twoFactorEnabled(s.token)).toBe(true);
      expectError(await login(s.email), 401, 'TWO_FACTOR_REQUIRED');

      // On already: enabling again is refused.
      expectError(await enable(s.token, codeAt(secret, 1)), 400, 'BAD_REQUEST');
    });

    it('enabling before any setup is 400 BAD_REQUEST', async () => {
      const s = await register();
      expectError(await enable(s.token, '123456'), 400, 'BAD_REQUEST');
      expect(await twoFactorEnabled(s.token)).toBe(false);
    });

    it('setup again replaces an unconfirmed secret: a code of the first no longer turns it on', async () => {
      const s = await register();
      const first = (await setup(s.token).expect(200)).body.data.secret;
      const second = (await setup(s.token).expect(200)).body.data.secret;
      expect(second).not.toBe(first);
      if (codeAt(first) !== codeAt(second)) expectError(await enable(s.token, codeAt(first)), 401, 'INVALID_TWO_FACTOR_CODE');
      expect(await twoFactorEnabled(s.token)).toBe(false);
      await enable(s.token, codeAt(second)).expect(200);
      expect(await twoFactorEnabled(s.token)).toBe(true);
    });

    it('setup while it is on is 400 BAD_REQUEST and leaves the authenticator in force', async () => {
      const s = await withTwoFactor();
      expectError(await setup(s.token), 400, 'BAD_REQUEST');
      expect(await twoFactorEnabled(s.token)).toBe(true);
      expect((await login(s.email, codeAt(s.secret))).status).toBe(200);
    });
  });

  describe('signing in with it on', () => {
    it('the password first (no hint of two-factor on a wrong one), then the code', async () => {
      const s = await withTwoFactor();
      const unknown = await login('nobody@example.com', undefined, 'wrong password');
      for (const code of [undefined, codeAt(s.secret), wrongCode(s.secret)]) {
        const res = await login(s.email, code, 'wrong password');
        expectError(res, 401, 'INVALID_CREDENTIALS');
        expect(res.body).toEqual(unknown.body);
      }
      const required = await login(s.email);
      expectError(required, 401, 'TWO_FACTOR_REQUIRED');
      expect(JSON.stringify(required.body)).not.toMatch(/token/);
      expectError(await login(s.email, wrongCode(s.secret)), 401, 'INVALID_TWO_FACTOR_CODE');
      // The code that turned it on was used then.
      expectError(await login(s.email, codeAt(s.secret, -1)), 401, 'INVALID_TWO_FACTOR_CODE');

      // This step's code (not spent by the wrong-password attempt above): in, once.
      const ok = await login(s.email, codeAt(s.secret)).expect(200);
      expect(ok.body.data.seller).toMatchObject({ id: s.id, twoFactorEnabled: true });
      await t.http.get('/v1/auth/me').set(auth(ok.body.data.token)).expect(200);
      expectError(await login(s.email, codeAt(s.secret)), 401, 'INVALID_TWO_FACTOR_CODE');

      // The next step's code works, and after it this step's is refused: steps only move forward.
      const next = codeAt(s.secret, 1);
      await login(s.email, `${next.slice(0, 3)} ${next.slice(3)}`).expect(200);
      expectError(await login(s.email, next), 401, 'INVALID_TWO_FACTOR_CODE');
      expectError(await login(s.email, codeAt(s.secret)), 401, 'INVALID_TWO_FACTOR_CODE');
    });

    it('two sign-ins at once with the same fresh code: exactly one gets in', async () => {
      const s = await withTwoFactor();
      const code = codeAt(s.secret);
      const answers = await Promise.all(Array.from({ length: 5 }, () => login(s.email, code)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
      for (const a of answers.filter((x) => x.status === 401)) expect(a.body.error.code).toBe('INVALID_TWO_FACTOR_CODE');
    });

    it('a recovery code works once, whatever its case, spaces and dashes; another seller’s does not work', async () => {
      const s = await withTwoFactor();
      const other = await withTwoFactor();
      const [first, second, third] = s.recoveryCodes;

      const res = await login(s.email, first).expect(200);
      await t.http.get('/v1/auth/me').set(auth(res.body.data.token)).expect(200);
      expectError(await login(s.email, first), 401, 'INVALID_TWO_FACTOR_CODE');

      const shouted = ` ${second.toUpperCase().replace(/-/g, ' ')} `;
      await login(s.email, shouted).expect(200);
      expectError(await login(s.email, second), 401, 'INVALID_TWO_FACTOR_CODE');

      await login(s.email, third.replace(/-/g, '')).expect(200);
      expectError(await login(s.email, third.toUpperCase()), 401, 'INVALID_TWO_FACTOR_CODE');

      expectError(await login(s.email, other.recoveryCodes[0]), 401, 'INVALID_TWO_FACTOR_CODE');
      // ...and that attempt did not spend it for its owner.
      await login(other.email, other.recoveryCodes[0]).expect(200);
    });

    it('a recovery code used by two sign-ins at once lets exactly one in', async () => {
      const s = await withTwoFactor();
      const answers = await Promise.all(Array.from({ length: 5 }, () => login(s.email, s.recoveryCodes[4])));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
    });
  });

  describe('turning it off', () => {
    it('a wrong code is 401 and it stays on; a recovery code turns it off; sign-in asks no code after', async () => {
      const s = await withTwoFactor();
      expectError(await disable(s.token, wrongCode(s.secret)), 401, 'INVALID_TWO_FACTOR_CODE');
      expectError(await disable(s.token, 'aaaa-bbbb-cccc-dddd'), 401, 'INVALID_TWO_FACTOR_CODE');
      expect(await twoFactorEnabled(s.token)).toBe(true);
      expectError(await login(s.email), 401, 'TWO_FACTOR_REQUIRED');

      const off = await disable(s.token, s.recoveryCodes[3]).expect(200);
      expect(off.body.data.seller).toMatchObject({ id: s.id, twoFactorEnabled: false });
      expect(await twoFactorEnabled(s.token)).toBe(false);
      const plain = await login(s.email).expect(200);
      expect(plain.body.data.seller.twoFactorEnabled).toBe(false);
      // Off already: disabling again is refused.
      expectError(await disable(s.token, codeAt(s.secret)), 400, 'BAD_REQUEST');

      // Set up again: a new secret, new recovery codes; the old ones are gone.
      const again = (await setup(s.token).expect(200)).body.data.secret;
      expect(again).not.toBe(s.secret);
      await clearOfStepEdge();
      const codes = (await enable(s.token, codeAt(again, -1)).expect(200)).body.data.recoveryCodes;
      expect(codes.filter((c: string) => s.recoveryCodes.includes(c))).toEqual([]);
      expectError(await login(s.email, s.recoveryCodes[5]), 401, 'INVALID_TWO_FACTOR_CODE');
      // An authenticator code turns it off too.
      await disable(s.token, codeAt(again)).expect(200);
      await login(s.email).expect(200);
    });

    it('a password change leaves it on', async () => {
      const s = await withTwoFactor();
      await t.http
        .post('/v1/auth/password')
        .set(auth(s.token))
        .send({ currentPassword: PASSWORD, newPassword: 'a newer password' })
        .expect(200);
      expectError(await login(s.email, undefined, 'a newer password'), 401, 'TWO_FACTOR_REQUIRED');
      await login(s.email, codeAt(s.secret), 'a newer password').expect(200);
    });
  });

  it('the secret is stored encrypted and the recovery codes as SHA-256 hashes', async () => {
    const db = t.app.get(DataSource);
    const s = await register();
    const sellerUuid = fromPublicId('seller', s.id);
    const { secret } = (await setup(s.token).expect(200)).body.data;
    const stored = async () =>
      (await db.query(`SELECT totp_secret AS active, totp_pending_secret AS pending FROM sellers WHERE id = $1`, [sellerUuid]))[0] as {
        active: string | null;
        pending: string | null;
      };

    const pending = await stored();
    expect(pending.active).toBeNull();
    expect(typeof pending.pending).toBe('string');
    expect(pending.pending).not.toContain(secret);
    expect(pending.pending).not.toContain(secret.toLowerCase());

    const { recoveryCodes } = (await enable(s.token, codeAt(secret)).expect(200)).body.data;
    const active = await stored();
    expect(active.pending).toBeNull();
    expect(typeof active.active).toBe('string');
    expect(active.active).not.toContain(secret);
    expect(active.active).not.toContain(secret.toLowerCase());
    expect(active.active).not.toContain(Buffer.from(Secret.fromBase32(secret).buffer).toString('hex'));

    const rows: Array<{ code_hash: string }> = await db.query(`SELECT code_hash FROM seller_recovery_codes WHERE seller_id = $1`, [
      sellerUuid,
    ]);
    expect(rows).toHaveLength(10);
    const plainForms = recoveryCodes.flatMap((c: string) => [c, c.toLowerCase().replace(/[^0-9a-z]/g, '')]);
    for (const { code_hash } of rows) {
      expect(code_hash.trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(plainForms.some((p: string) => code_hash.includes(p))).toBe(false);
      // A SHA-256 of one of the codes (as shown, or without its dashes).
      expect(plainForms.map(sha256)).toContain(code_hash.trim());
    }
  });

  it('more than ten codes in the window: 429 RATE_LIMITED with Retry-After, even with the right code, for that seller only', async () => {
    const s = await withTwoFactor();
    const other = await withTwoFactor();
    for (let i = 0; i < 10; i++) expectError(await login(s.email, wrongCode(s.secret)), 401, 'INVALID_TWO_FACTOR_CODE');

    for (const code of [codeAt(s.secret), s.recoveryCodes[0]]) {
      const limited = await login(s.email, code);
      expectError(limited, 429, 'RATE_LIMITED');
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    }
    // Turning it off with a right code goes through the same count.
    expectError(await disable(s.token, codeAt(s.secret)), 429, 'RATE_LIMITED');
    expect(await twoFactorEnabled(s.token)).toBe(true);
    // A wrong password is still just a wrong password.
    expectError(await login(s.email, codeAt(s.secret), 'wrong password'), 401, 'INVALID_CREDENTIALS');

    // Another seller with two-factor sign-in: unaffected.
    expectError(await login(other.email, wrongCode(other.secret)), 401, 'INVALID_TWO_FACTOR_CODE');
    await login(other.email, codeAt(other.secret)).expect(200);
  });

  describe('access', () => {
    it('the two-factor routes need a seller token: none, a bad one or a reseller’s is 401', async () => {
      const s = await sellerWithApp(t.url);
      const r = await resellerOf(t.url, s);
      for (const path of ['/v1/auth/2fa/setup', '/v1/auth/2fa/enable', '/v1/auth/2fa/disable']) {
        for (const headers of [{}, auth('nonsense'), auth(r.token)]) {
          const res = await t.http.post(path).set(headers).send({ code: '123456' });
          expectError(res, 401, 'UNAUTHORIZED');
        }
      }
      expect(await twoFactorEnabled(s.token)).toBe(false);
    });

    it('each seller’s two-factor routes act on its own account only', async () => {
      const a = await register();
      const b = await register();
      const secretA = (await setup(a.token).expect(200)).body.data.secret;
      const secretB = (await setup(b.token).expect(200)).body.data.secret;
      expect(secretA).not.toBe(secretB);

      // B's code does not turn on A's, and B's setup did not replace A's secret.
      if (codeAt(secretB) !== codeAt(secretA)) expectError(await enable(a.token, codeAt(secretB)), 401, 'INVALID_TWO_FACTOR_CODE');
      await clearOfStepEdge();
      const codesA = (await enable(a.token, codeAt(secretA, -1)).expect(200)).body.data.recoveryCodes;
      expect([await twoFactorEnabled(a.token), await twoFactorEnabled(b.token)]).toEqual([true, false]);
      await login(b.email).expect(200);

      // B's pending secret is still B's to confirm.
      const codesB = (await enable(b.token, codeAt(secretB, -1)).expect(200)).body.data.recoveryCodes;

      // B cannot turn off A's with A's recovery code (it is checked against B's), nor does trying spend it.
      expectError(await disable(b.token, codesA[0]), 401, 'INVALID_TWO_FACTOR_CODE');
      if (codeAt(secretA) !== codeAt(secretB)) expectError(await disable(b.token, codeAt(secretA)), 401, 'INVALID_TWO_FACTOR_CODE');
      expect([await twoFactorEnabled(a.token), await twoFactorEnabled(b.token)]).toEqual([true, true]);
      await login(a.email, codesA[0]).expect(200);

      // A turning its own off leaves B's on.
      await disable(a.token, codesA[1]).expect(200);
      expect([await twoFactorEnabled(a.token), await twoFactorEnabled(b.token)]).toEqual([false, true]);
      expectError(await login(b.email), 401, 'TWO_FACTOR_REQUIRED');
      await login(b.email, codesB[0]).expect(200);
    });
  });
});
