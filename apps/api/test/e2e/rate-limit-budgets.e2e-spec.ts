import { createSellerClient, KeyholdError } from '@keyhold/sdk';
import { credential } from '../factories/client';
import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * What a budget is: the route as Nest resolved it and the real client, not the spelling of the
 * path, the account tried or the protocol used. Each test speaks from its own address (one trusted
 * proxy appends it), so the budgets of one test never spill into another's.
 */
describe('rate-limit budgets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1', RATE_LIMIT_LOGIN_PER_MIN: '2', RATE_LIMIT_CLIENT_PER_MIN: '3' });
  });
  afterAll(() => t.close());

  it('seller sign-up: case changes and a trailing slash share one budget', async () => {
    const statuses: number[] = [];
    for (const [i, path] of ['/v1/auth/register', '/V1/AUTH/REGISTER', '/v1/Auth/Register/'].entries()) {
      const res = await t.http
        .post(path)
        .set('x-forwarded-for', '192.0.2.1')
        .send({ email: `spelling${i}@example.com`, password: 'password123', name: 'New' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('seller and reseller login: a ceiling per IP across accounts, three times the per-account limit', async () => {
    const attempt = (path: string, body: Record<string, string>, ip: string) =>
      t.http
        .post(path)
        .set('x-forwarded-for', ip)
        .send({ password: 'wrong-password', ...body });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('/v1/auth/login', { email: `guess${i}@example.com` }, '192.0.2.2')).status);
    for (let i = 0; i < 2; i++) {
      statuses.push(
        (await attempt('/v1/reseller/auth/login', { sellerId: `sel_${'0'.repeat(32)}`, username: `guess${i}` }, '192.0.2.2')).status,
      );
    }
    // Six accounts, each tried once, spend the ceiling (3 × 2): the seventh account is refused.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const limited = await attempt('/v1/auth/login', { email: 'guess-seventh@example.com' }, '192.0.2.2');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address has its own ceiling.
    expect((await attempt('/v1/auth/login', { email: 'guess-seventh@example.com' }, '192.0.2.3')).status).toBe(401);
  });

  it('end-user authentication: the client API and Axora share one budget per app and IP', async () => {
    const s = await sellerWithApp(t.url);
    await s.client.apps.update(s.app.id, { hwidLock: false });
    await credential(s, 'u', 'securepass');
    const other = await s.client.apps.create({ name: 'Other' });
    const ip = '192.0.2.4';
    const clientLogin = (apiKey = s.app.apiKey) =>
      t.http.post('/v1/client/login').set('x-api-key', apiKey).set('x-forwarded-for', ip).send({ username: 'u', password: 'wrong' });
    const axora = () => t.http.get(`/app/auth/${s.app.endpoint}+u+wrong+1.0.0`).set('x-forwarded-for', ip);
    expect([(await clientLogin()).status, (await axora()).status, (await clientLogin()).status]).toEqual([401, 401, 401]);
    expect((await axora()).status).toBe(429);
    expect((await clientLogin()).status).toBe(429);
    // Another app of the same seller, from the same address, has its own budget.
    expect((await clientLogin(other.apiKey)).status).toBe(401);
  });

  it('every answer tells where the caller stands, as Keygen does (X-RateLimit-*)', async () => {
    const before = Math.floor(Date.now() / 1000);
    const login = (email: string) =>
      t.http.post('/v1/auth/login').set('x-forwarded-for', '192.0.2.5').send({ email, password: 'wrong-password' });
    const first = await login('standing@example.com');
    expect(first.status).toBe(401);
    // Two limits apply (2 per account, 6 per IP): the one closest to running out is shown.
    expect(first.headers).toMatchObject({
      'x-ratelimit-window': '60s',
      'x-ratelimit-count': '1',
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '1',
    });
    const reset = Number(first.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(before + 59);
    expect(reset).toBeLessThanOrEqual(before + 62);
    const second = await login('standing@example.com');
    expect(second.headers).toMatchObject({ 'x-ratelimit-count': '2', 'x-ratelimit-remaining': '0' });
    const refused = await login('standing@example.com');
    expect(refused.status).toBe(429);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('the SDK hands the wait to its caller: KeyholdError.retryAfterSeconds from Retry-After', async () => {
    const sdk = createSellerClient({ baseUrl: t.url });
    const attempt = () =>
      sdk.auth.login({ email: 'sdk@example.com', password: 'wrong-password' }).then(
        () => null,
        (e: unknown) => e,
      );
    // Straight at the server (no proxy header): this address's own budget of 2 per account.
    expect(((await attempt()) as KeyholdError).code).toBe('INVALID_CREDENTIALS');
    expect(((await attempt()) as KeyholdError).retryAfterSeconds).toBeUndefined();
    const error = await attempt();
    expect(error).toBeInstanceOf(KeyholdError);
    expect((error as KeyholdError).code).toBe('RATE_LIMITED');
    expect((error as KeyholdError).retryAfterSeconds).toBeGreaterThan(0);
  });
});
