import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { resellerOf } from '../factories/resellers';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

// The e2e project's testTimeout (jest.config.js) does not reach tests inside `projects`; a PGlite boot on a busy machine takes over jest's 5 s default.
jest.setTimeout(120_000);

/** The server's TOKEN_SECRET, known here so that tokens can be forged with it. */
const TOKEN_SECRET = randomBytes(32).toString('hex');
const PASSWORD = 'correct horse battery';

interface TokenClaims {
  sub: string;
  aud: string;
  jti?: string;
  exp?: number;
}

/** What a token says (no signature check). */
const claimsOf = (token: string): TokenClaims => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

/** A token with these claims, signed (HS256) with `secret`: the server's by default. */
function forge(claims: TokenClaims, secret = TOKEN_SECRET): string {
  const { sub, aud, jti, exp } = claims;
  return new JwtService({ secret }).sign(exp === undefined ? {} : { exp }, {
    subject: sub,
    audience: aud,
    algorithm: 'HS256',
    ...(exp === undefined ? { expiresIn: 3600 } : {}),
    ...(jti === undefined ? {} : { jwtid: jti }),
  });
}

/** A seller account of its own (the token from sign-up is its first session). */
interface Seller {
  id: string;
  email: string;
  token: string;
}

describe('account sessions: seller and reseller tokens name a session and end with it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TOKEN_SECRET });
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const register = async (): Promise<Seller> => {
    const email = `seller-${randomBytes(5).toString('hex')}@example.com`;
    const res = await t.http.post('/v1/auth/register').send({ email, password: PASSWORD, name: 'Seller' }).expect(201);
    return { id: res.body.data.seller.id, email, token: res.body.data.token };
  };
  const login = (email: string, password = PASSWORD) => t.http.post('/v1/auth/login').send({ email, password });
  const signIn = async (email: string, password = PASSWORD): Promise<string> => {
    const res = await login(email, password).expect(200);
    return res.body.data.token;
  };
  /** The status GET /v1/auth/me answers this token (and that a refusal is the one 401 UNAUTHORIZED). */
  const meStatus = async (token: string): Promise<number> => {
    const res = await t.http.get('/v1/auth/me').set(auth(token));
    if (res.status !== 200) expect(res.body.error.code).toBe('UNAUTHORIZED');
    return res.status;
  };
  const statuses = (tokens: string[]) => Promise.all(tokens.map(meStatus));
  const logout = (token: string, body: object = {}) => t.http.post('/v1/auth/logout').set(auth(token)).send(body);
  const changePassword = (token: string, currentPassword: string, newPassword: string) =>
    t.http.post('/v1/auth/password').set(auth(token)).send({ currentPassword, newPassword });

  describe('seller logout', () => {
    it('ends exactly the token used: the seller’s other tokens still work', async () => {
      const s = await register();
      const [a, b] = [await signIn(s.email), await signIn(s.email)];
      expect(await statuses([s.token, a, b])).toEqual([200, 200, 200]);

      const res = await logout(a).expect(200);
      expect(res.body).toEqual({ success: true, data: { sessionsEnded: 1 } });
      expect(await statuses([s.token, a, b])).toEqual([200, 401, 200]);
      // The ended token cannot sign out again, nor do anything else.
      expect((await logout(a)).status).toBe(401);
      expect((await t.http.get('/v1/admin/apps').set(auth(a))).status).toBe(401);
      expect(await statuses([s.token, b])).toEqual([200, 200]);
    });

    it('everywhere: every token of the seller ends, the caller’s included', async () => {
      const s = await register();
      const others = [await signIn(s.email), await signIn(s.email), await signIn(s.email)];
      const res = await logout(others[0], { everywhere: true }).expect(200);
      expect(res.body.data).toEqual({ sessionsEnded: 4 });
      expect(await statuses([s.token, ...others])).toEqual([401, 401, 401, 401]);
      // Signing in again works, and makes a new token.
      expect(await meStatus(await signIn(s.email))).toBe(200);
      expect(await statuses([s.token, ...others])).toEqual([401, 401, 401, 401]);
    });

    it('a malformed body is 400 VALIDATION_FAILED and ends nothing', async () => {
      const s = await register();
      for (const body of [{ everywhere: 'yes' }, { everywhere: 1 }, { all: true }]) {
        const res = await logout(s.token, body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      expect(await meStatus(s.token)).toBe(200);
    });

    it('one seller’s logout, everywhere or not, leaves another seller’s sessions alone', async () => {
      const a = await register();
      const b = await register();
      const a2 = await signIn(a.email);
      const b2 = await signIn(b.email);
      expect((await logout(a2)).body.data).toEqual({ sessionsEnded: 1 });
      expect((await logout(a.token, { everywhere: true })).body.data).toEqual({ sessionsEnded: 1 });
      expect(await statuses([a.token, a2, b.token, b2])).toEqual([401, 401, 200, 200]);
      // Nor does a password change of one end the other's.
      const a3 = await signIn(a.email);
      expect((await changePassword(a3, PASSWORD, 'a brand new password')).status).toBe(200);
      expect(await statuses([b.token, b2])).toEqual([200, 200]);
      expect((await logout(b2, { everywhere: true })).body.data).toEqual({ sessionsEnded: 2 });
      expect(await meStatus(a3)).toBe(200);
    });
  });

  describe('seller password change', () => {
    it('keeps the caller’s token and ends every other one, even those signed in milliseconds before', async () => {
      const s = await register();
      const caller = await signIn(s.email);
      const others = [s.token, ...(await Promise.all(Array.from({ length: 5 }, () => signIn(s.email))))];
      others.push(await signIn(s.email)); // the very last one, right before the change
      const res = await changePassword(caller, PASSWORD, 'the second password').expect(200);
      expect(res.body.data).toEqual({
        seller: { id: s.id, email: s.email, name: 'Seller', twoFactorEnabled: false, createdAt: expect.any(String) },
        sessionsEnded: others.length,
      });
      expect(await statuses(others)).toEqual(others.map(() => 401));
      expect(await meStatus(caller)).toBe(200);

      // The old password is refused, the new one accepted.
      const old = await login(s.email, PASSWORD);
      expect(old.status).toBe(401);
      expect(old.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(await meStatus(await signIn(s.email, 'the second password'))).toBe(200);
    });

    it('eight rounds of sign-in then change at once: no token of before a change outlives it', async () => {
      const s = await register();
      const ended: string[] = [s.token];
      let password = PASSWORD;
      for (let round = 0; round < 8; round++) {
        const caller = await signIn(s.email, password);
        const other = await signIn(s.email, password);
        const next = `password of round ${round}`;
        const res = await changePassword(caller, password, next).expect(200);
        // This round's other token, and the caller of the round before (in round 0, the sign-up's token).
        expect(res.body.data.sessionsEnded).toBe(2);
        ended.push(other);
        expect(await statuses(ended)).toEqual(ended.map(() => 401));
        expect(await meStatus(caller)).toBe(200);
        ended.push(caller);
        password = next;
      }
    });

    it('a sign-in with the old password racing the change never yields a token that outlives it', async () => {
      // Whatever the order the server runs them in, a token obtained with the old password must be dead once the change is answered.
      const outlived: string[] = [];
      for (let round = 0; round < 10; round++) {
        const s = await register();
        const [change, ...logins] = await Promise.all([
          changePassword(s.token, PASSWORD, 'the raced password'),
          ...Array.from({ length: 4 }, () => login(s.email, PASSWORD)),
        ]);
        expect(change.status).toBe(200);
        for (const [i, l] of logins.entries()) {
          if (l.status === 200 && (await meStatus(l.body.data.token)) === 200) outlived.push(`round ${round}, sign-in ${i}`);
        }
      }
      expect(outlived).toEqual([]);
    });

    it('a wrong current password is 401 INVALID_CREDENTIALS and changes nothing', async () => {
      const s = await register();
      const other = await signIn(s.email);
      const res = await changePassword(s.token, 'not the password', 'the would-be password');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ success: false, error: { code: 'INVALID_CREDENTIALS', message: 'The current password is incorrect' } });
      // Every token still works, the password is still the old one.
      expect(await statuses([s.token, other])).toEqual([200, 200]);
      expect((await login(s.email, 'the would-be password')).status).toBe(401);
      expect((await login(s.email, PASSWORD)).status).toBe(200);
    });

    it('a new password too short or over 72 bytes is 400 VALIDATION_FAILED and changes nothing', async () => {
      const s = await register();
      const other = await signIn(s.email);
      const refused = ['seven77', 'x'.repeat(73), 'é'.repeat(37) /* 37 characters, 74 bytes */, '', 12345678];
      for (const newPassword of refused) {
        const res = await t.http.post('/v1/auth/password').set(auth(s.token)).send({ currentPassword: PASSWORD, newPassword });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('newPassword');
      }
      for (const body of [{ newPassword: 'long enough password' }, { currentPassword: PASSWORD, newPassword: 'long enough', extra: 1 }]) {
        const res = await t.http.post('/v1/auth/password').set(auth(s.token)).send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      expect(await statuses([s.token, other])).toEqual([200, 200]);
      expect((await login(s.email, PASSWORD)).status).toBe(200);

      // The limits themselves are allowed: 72 bytes exactly, and 8 characters.
      const longest = 'é'.repeat(36);
      expect((await changePassword(s.token, PASSWORD, longest)).status).toBe(200);
      expect((await login(s.email, longest)).status).toBe(200);
      expect((await changePassword(s.token, longest, 'eight888')).status).toBe(200);
      expect((await login(s.email, 'eight888')).status).toBe(200);
    });

    it('needs a seller token', async () => {
      const res = await t.http.post('/v1/auth/password').send({ currentPassword: PASSWORD, newPassword: 'another password' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    });
  });

  describe('tokens that are not a live session of their seller', () => {
    it('an ended session stays ended: signing in again or re-signing its token does not revive it', async () => {
      const s = await register();
      const ended = await signIn(s.email);
      const claims = claimsOf(ended);
      expect(claims).toMatchObject({ aud: 'seller', sub: expect.any(String), jti: expect.any(String) });
      await logout(ended).expect(200);
      const fresh = await signIn(s.email);
      expect(claimsOf(fresh).jti).not.toBe(claims.jti);
      expect(await statuses([ended, fresh])).toEqual([401, 200]);
      // The same session named by a genuine, unexpired signature: still ended.
      expect(await meStatus(forge({ sub: claims.sub, aud: 'seller', jti: claims.jti }))).toBe(401);
      // And after a password change and another sign-in.
      await changePassword(fresh, PASSWORD, 'yet another password').expect(200);
      await signIn(s.email, 'yet another password');
      expect(await meStatus(ended)).toBe(401);
    });

    it('forged tokens are 401 UNAUTHORIZED: another secret, another seller’s session, no session, expired, another audience', async () => {
      const a = await register();
      const b = await register();
      const ca = claimsOf(a.token);
      const cb = claimsOf(b.token);
      // The control: the server's secret with A's own session is accepted, so what follows is refused for what differs.
      expect(await meStatus(forge({ sub: ca.sub, aud: 'seller', jti: ca.jti }))).toBe(200);

      const refused = {
        otherSecret: forge({ sub: ca.sub, aud: 'seller', jti: ca.jti }, randomBytes(32).toString('hex')),
        sessionOfB: forge({ sub: ca.sub, aud: 'seller', jti: cb.jti }),
        sessionOfA: forge({ sub: cb.sub, aud: 'seller', jti: ca.jti }),
        unknownSession: forge({ sub: ca.sub, aud: 'seller', jti: '00000000-0000-4000-8000-000000000000' }),
        noSession: forge({ sub: ca.sub, aud: 'seller' }),
        notAUuid: forge({ sub: ca.sub, aud: 'seller', jti: 'session-1' }),
        expired: forge({ sub: ca.sub, aud: 'seller', jti: ca.jti, exp: Math.floor(Date.now() / 1000) - 60 }),
        resellerAudience: forge({ sub: ca.sub, aud: 'reseller', jti: ca.jti }),
        clientAudience: forge({ sub: ca.sub, aud: 'client', jti: ca.jti }),
        unsigned: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
          JSON.stringify({ sub: ca.sub, aud: 'seller', jti: ca.jti, exp: Math.floor(Date.now() / 1000) + 3600 }),
        ).toString('base64url')}.`,
      };
      const answers: Record<string, number> = {};
      for (const [name, token] of Object.entries(refused)) answers[name] = await meStatus(token);
      expect(answers).toEqual(Object.fromEntries(Object.keys(refused).map((name) => [name, 401])));
      // Both sellers' real tokens are untouched by all this.
      expect(await statuses([a.token, b.token])).toEqual([200, 200]);
    });

    it('a reseller’s session does not make a seller token, nor a seller’s session a reseller token', async () => {
      const s = await sellerWithApp(t.url);
      const r = await resellerOf(t.url, s);
      const cs = claimsOf(s.token);
      const cr = claimsOf(r.token);
      expect(cr).toMatchObject({ aud: 'reseller', jti: expect.any(String) });
      // Controls: the forgery method gives working tokens for the right pairs.
      expect(await meStatus(forge({ sub: cs.sub, aud: 'seller', jti: cs.jti }))).toBe(200);
      expect((await t.http.get('/v1/reseller/me').set(auth(forge({ sub: cr.sub, aud: 'reseller', jti: cr.jti })))).status).toBe(200);

      expect(await meStatus(forge({ sub: cr.sub, aud: 'seller', jti: cr.jti }))).toBe(401);
      expect(await meStatus(forge({ sub: cs.sub, aud: 'seller', jti: cr.jti }))).toBe(401);
      expect(await meStatus(r.token)).toBe(401);
      for (const token of [forge({ sub: cr.sub, aud: 'reseller', jti: cs.jti }), s.token]) {
        const res = await t.http.get('/v1/reseller/me').set(auth(token));
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHORIZED');
      }
    });
  });

  describe('reseller sign-in and sessions', () => {
    const resellerLogin = (body: object) => t.http.post('/v1/reseller/auth/login').send(body);
    const portalStatus = async (token: string): Promise<number> => (await t.http.get('/v1/reseller/me').set(auth(token))).status;
    const patchReseller = (s: SellerFixture, id: string, body: object) =>
      t.http.patch(`/v1/admin/resellers/${id}`).set(auth(s.token)).send(body).expect(200);

    it('without sellerId: 400 VALIDATION_FAILED naming sellerId', async () => {
      const s = await sellerWithApp(t.url);
      const r = await resellerOf(t.url, s);
      for (const body of [
        { username: r.username, password: r.password },
        { username: r.username, password: r.password, sellerId: '' },
        { username: r.username, password: r.password, sellerId: null },
        { username: r.username, password: r.password, sellerId: 7 },
      ]) {
        const res = await resellerLogin(body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('sellerId');
      }
    });

    it('with another seller’s id, or a malformed one: 401 INVALID_CREDENTIALS even with the right password', async () => {
      const s = await sellerWithApp(t.url);
      const other = await sellerWithApp(t.url);
      const r = await resellerOf(t.url, s);
      const wrongPassword = await resellerLogin({ sellerId: s.auth.seller.id, username: r.username, password: 'not the password' });
      expect(wrongPassword.status).toBe(401);
      for (const sellerId of [
        other.auth.seller.id,
        `sel_${'0'.repeat(32)}`,
        'sel_nothex',
        s.app.id,
        s.auth.seller.id.replace('sel_', 'rsl_'),
      ]) {
        const res = await resellerLogin({ sellerId, username: r.username, password: r.password });
        expect({ sellerId, status: res.status }).toEqual({ sellerId, status: 401 });
        // The same answer as a wrong password: nothing says whether the reseller exists elsewhere.
        expect(res.body).toEqual(wrongPassword.body);
      }
      expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
      expect((await resellerLogin({ sellerId: s.auth.seller.id, username: r.username, password: r.password })).status).toBe(200);
    });

    it('two sellers with a reseller "alice" of the same password: each signs in to its own seller only', async () => {
      const s1 = await sellerWithApp(t.url);
      const s2 = await sellerWithApp(t.url);
      const alice1 = await resellerOf(t.url, s1, { username: 'alice', password: 'shared password' });
      const alice2 = await resellerOf(t.url, s2, { username: 'Alice', password: 'shared password' });
      expect(alice1.reseller.id).not.toBe(alice2.reseller.id);
      for (const [s, own] of [
        [s1, alice1],
        [s2, alice2],
      ] as const) {
        const res = await resellerLogin({ sellerId: s.auth.seller.id, username: 'ALICE', password: 'shared password' }).expect(200);
        expect(res.body.data.reseller).toMatchObject({ id: own.reseller.id, sellerId: s.auth.seller.id, apps: [{ id: s.app.id }] });
        const me = await t.http.get('/v1/reseller/me').set(auth(res.body.data.token)).expect(200);
        expect(me.body.data.id).toBe(own.reseller.id);
      }
      // Without a seller there is no telling them apart, and no guessing: the request is incomplete.
      expect((await resellerLogin({ username: 'alice', password: 'shared password' })).status).toBe(400);
    });

    it('a reseller with six namesakes under other sellers still signs in (no "sign in with sellerId" lock-out)', async () => {
      const sellers = await Promise.all(Array.from({ length: 7 }, () => sellerWithApp(t.url)));
      const carols = [];
      for (const s of sellers) carols.push(await resellerOf(t.url, s, { username: 'carol', password: 'carol password' }));
      for (const [i, s] of sellers.entries()) {
        const res = await resellerLogin({ sellerId: s.auth.seller.id, username: 'carol', password: 'carol password' });
        expect(res.status).toBe(200);
        expect(res.body.data.reseller.id).toBe(carols[i].reseller.id);
      }
      // Not the old "sign in with sellerId" refusal (401): a sign-in without it is simply incomplete.
      const without = await resellerLogin({ username: 'carol', password: 'carol password' });
      expect(without.status).toBe(400);
      expect(without.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('logout ends the token used; everywhere ends them all; the seller’s own session is untouched', async () => {
      const s = await sellerWithApp(t.url);
      const r = await resellerOf(t.url, s);
      const signInAgain = async () =>
        (await resellerLogin({ sellerId: s.auth.seller.id, username: r.username, password: r.password }).expect(200)).body.data
          .token as string;
      const [second, third] = [await signInAgain(), await signInAgain()];
      const res = await t.http.post('/v1/reseller/auth/logout').set(auth(r.token)).send({}).expect(200);
      expect(res.body).toEqual({ success: true, data: { sessionsEnded: 1 } });
      expect([await portalStatus(r.token), await portalStatus(second), await portalStatus(third)]).toEqual([401, 200, 200]);
      expect((await t.http.post('/v1/reseller/auth/logout').set(auth(r.token)).send({})).status).toBe(401);
      // A seller token is not a reseller's.
      expect((await t.http.post('/v1/reseller/auth/logout').set(auth(s.token)).send({})).status).toBe(401);

      const all = await t.http.post('/v1/reseller/auth/logout').set(auth(second)).send({ everywhere: true }).expect(200);
      expect(all.body.data).toEqual({ sessionsEnded: 2 });
      expect([await portalStatus(second), await portalStatus(third)]).toEqual([401, 401]);
      expect(await meStatus(s.token)).toBe(200);
      expect(await portalStatus(await signInAgain())).toBe(200);
    });

    it('a new password set by the seller ends every token of the reseller, even one signed in just before (8 rounds)', async () => {
      const s = await sellerWithApp(t.url);
      const r = await resellerOf(t.url, s);
      const ended: string[] = [r.token];
      let password = r.password;
      for (let round = 0; round < 8; round++) {
        const res = await resellerLogin({ sellerId: s.auth.seller.id, username: r.username, password }).expect(200);
        ended.push(res.body.data.token);
        const next = `reseller password ${round}`;
        await patchReseller(s, r.reseller.id, { password: next });
        const answers = await Promise.all(ended.map(portalStatus));
        expect(answers).toEqual(ended.map(() => 401));
        const old = await resellerLogin({ sellerId: s.auth.seller.id, username: r.username, password });
        expect(old.status).toBe(401);
        expect(old.body.error.code).toBe('INVALID_CREDENTIALS');
        password = next;
      }
      expect(
        await portalStatus(
          (await resellerLogin({ sellerId: s.auth.seller.id, username: r.username, password }).expect(200)).body.data.token,
        ),
      ).toBe(200);
    });

    it('a sign-in with the old password racing the seller’s change never yields a token that outlives it', async () => {
      const s = await sellerWithApp(t.url);
      const outlived: string[] = [];
      for (let round = 0; round < 10; round++) {
        const r = await resellerOf(t.url, s);
        const creds = { sellerId: s.auth.seller.id, username: r.username, password: r.password };
        const [, ...logins] = await Promise.all([
          patchReseller(s, r.reseller.id, { password: 'the raced password' }),
          ...Array.from({ length: 4 }, () => resellerLogin(creds)),
        ]);
        for (const [i, l] of logins.entries()) {
          if (l.status === 200 && (await portalStatus(l.body.data.token)) === 200) outlived.push(`round ${round}, sign-in ${i}`);
        }
      }
      expect(outlived).toEqual([]);
    });

    it('a change that is neither password nor suspension leaves the reseller’s tokens alone', async () => {
      const s = await sellerWithApp(t.url);
      const r = await resellerOf(t.url, s);
      await patchReseller(s, r.reseller.id, { subscriptions: ['premium', 'basic'] });
      await patchReseller(s, r.reseller.id, { status: 'ACTIVE' });
      expect(await portalStatus(r.token)).toBe(200);
    });

    it('suspension: the old token answers 403 RESELLER_SUSPENDED, after reactivation 401; a fresh sign-in works', async () => {
      const s = await sellerWithApp(t.url);
      const r = await resellerOf(t.url, s);
      const creds = { sellerId: s.auth.seller.id, username: r.username, password: r.password };
      await patchReseller(s, r.reseller.id, { status: 'SUSPENDED' });
      const suspended = await t.http.get('/v1/reseller/me').set(auth(r.token));
      expect(suspended.status).toBe(403);
      expect(suspended.body.error.code).toBe('RESELLER_SUSPENDED');
      const login = await resellerLogin(creds);
      expect(login.status).toBe(403);
      expect(login.body.error.code).toBe('RESELLER_SUSPENDED');

      await patchReseller(s, r.reseller.id, { status: 'ACTIVE' });
      const revived = await t.http.get('/v1/reseller/me').set(auth(r.token));
      expect(revived.status).toBe(401);
      expect(revived.body.error.code).toBe('UNAUTHORIZED');
      const fresh = await resellerLogin(creds).expect(200);
      expect(await portalStatus(fresh.body.data.token)).toBe(200);
      expect(await portalStatus(r.token)).toBe(401);
    });

    it('a sign-in racing a suspension never yields a token that works after reactivation', async () => {
      const s = await sellerWithApp(t.url);
      const outlived: string[] = [];
      for (let round = 0; round < 10; round++) {
        const r = await resellerOf(t.url, s);
        const creds = { sellerId: s.auth.seller.id, username: r.username, password: r.password };
        // The sign-ins go first: each reads the reseller, then spends a hash on the password while the suspension lands.
        const logins = await Promise.all([
          ...Array.from({ length: 4 }, () => resellerLogin(creds)),
          patchReseller(s, r.reseller.id, { status: 'SUSPENDED' }),
        ]);
        logins.pop();
        await patchReseller(s, r.reseller.id, { status: 'ACTIVE' });
        for (const [i, l] of logins.entries()) {
          if (l.status === 200 && (await portalStatus(l.body.data.token)) === 200) outlived.push(`round ${round}, sign-in ${i}`);
        }
      }
      expect(outlived).toEqual([]);
    });
  });
});

describe('GET /v1/auth/signup: whether sign-up is open (SELLER_SIGNUP)', () => {
  const signupOpen = async (t: TestApp): Promise<boolean> => {
    const res = await t.http.get('/v1/auth/signup').expect(200);
    expect(Object.keys(res.body.data)).toEqual(['open']);
    return res.body.data.open;
  };
  const register = (t: TestApp, i: number) =>
    t.http.post('/v1/auth/register').send({ email: `signup${i}@example.com`, password: PASSWORD, name: `Seller ${i}` });

  it('open: before and after the first account', async () => {
    const t = await createTestApp({ SELLER_SIGNUP: 'open' });
    try {
      expect(await signupOpen(t)).toBe(true);
      expect((await register(t, 1)).status).toBe(201);
      expect(await signupOpen(t)).toBe(true);
      expect((await register(t, 2)).status).toBe(201);
    } finally {
      await t.close();
    }
  });

  it('first: open until the first account exists, closed after it', async () => {
    const t = await createTestApp({ SELLER_SIGNUP: 'first' });
    try {
      expect(await signupOpen(t)).toBe(true);
      expect((await register(t, 1)).status).toBe(201);
      expect(await signupOpen(t)).toBe(false);
      expect((await register(t, 2)).status).toBe(403);
    } finally {
      await t.close();
    }
  });

  it('closed: never open, not even for the first account', async () => {
    const t = await createTestApp({ SELLER_SIGNUP: 'closed' });
    try {
      expect(await signupOpen(t)).toBe(false);
      expect((await register(t, 1)).status).toBe(403);
      expect(await signupOpen(t)).toBe(false);
    } finally {
      await t.close();
    }
  });
});
