import { createTestApp, TestApp } from '../utils/test-app';

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_LOGIN_PER_MIN: '3', RATE_LIMIT_API_PER_MIN: '5' });
  });
  afterAll(() => t.close());

  it('seller login: per account and IP, then 429 RATE_LIMITED with Retry-After', async () => {
    const attempt = (email: string) => t.http.post('/v1/auth/login').send({ email, password: 'wrong-password' });
    for (let i = 0; i < 3; i++) expect((await attempt('victim@example.com')).status).toBe(401);
    const limited = await attempt('victim@example.com');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests, try again later' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same IP still gets through: the limit is per account.
    expect((await attempt('someone-else@example.com')).status).toBe(401);
  });

  it('everything else: per token', async () => {
    const reg = await t.http.post('/v1/auth/register').send({ email: 'busy@example.com', password: 'password123', name: 'Busy' });
    const token = reg.body.data.token;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.http.get('/v1/admin/apps').set('authorization', `Bearer ${token}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  // Last: it spends this IP's sign-up budget.
  it('seller sign-up: per IP, whatever the email', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.http.post('/v1/auth/register').send({ email: `new${i}@example.com`, password: 'password123', name: 'New' });
      statuses.push(res.status);
    }
    // The limit is 3 a minute from this IP, and the test above already signed up once.
    expect(statuses).toEqual([201, 201, 429, 429]);
  });
});
