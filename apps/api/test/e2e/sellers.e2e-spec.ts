import { createTestApp, TestApp } from '../utils/test-app';

describe('seller accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('register, login, me', async () => {
    const reg = await t.http
      .post('/v1/auth/register')
      .send({ email: 'Owner@Example.com', password: 'password123', name: 'Owner' })
      .expect(201);
    expect(reg.body.data.seller).toEqual({
      id: expect.stringMatching(/^sel_[0-9a-f]{32}$/),
      email: 'owner@example.com',
      name: 'Owner',
      twoFactorEnabled: false,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(reg.body)).not.toMatch(/password/i);

    const login = await t.http.post('/v1/auth/login').send({ email: 'owner@example.com', password: 'password123' }).expect(200);
    const me = await t.http.get('/v1/auth/me').set('authorization', `Bearer ${login.body.data.token}`).expect(200);
    expect(me.body.data.seller).toEqual(reg.body.data.seller);
  });

  it('a second account with the same email is 409 EMAIL_TAKEN', async () => {
    await t.http.post('/v1/auth/register').send({ email: 'dup@example.com', password: 'password123', name: 'A' }).expect(201);
    const res = await t.http.post('/v1/auth/register').send({ email: 'DUP@example.com', password: 'password123', name: 'B' }).expect(409);
    expect(res.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('wrong password and unknown email get the same 401 INVALID_CREDENTIALS', async () => {
    await t.http.post('/v1/auth/register').send({ email: 'pw@example.com', password: 'password123', name: 'A' }).expect(201);
    const wrong = await t.http.post('/v1/auth/login').send({ email: 'pw@example.com', password: 'nope-nope' }).expect(401);
    const unknown = await t.http.post('/v1/auth/login').send({ email: 'ghost@example.com', password: 'nope-nope' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('missing, malformed and forged tokens are 401 UNAUTHORIZED', async () => {
    for (const header of [undefined, 'Bearer nonsense', 'Basic abc', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln']) {
      const req = t.http.get('/v1/auth/me');
      if (header) req.set('authorization', header);
      const res = await req.expect(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
  });
});
