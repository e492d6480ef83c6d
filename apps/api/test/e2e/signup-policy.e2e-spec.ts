import { createTestApp, TestApp } from '../utils/test-app';

/** SELLER_SIGNUP: who may create a seller account on this server. */
describe('seller sign-up policy (SELLER_SIGNUP)', () => {
  const register = (t: TestApp, i: number) =>
    t.http.post('/v1/auth/register').send({ email: `seller${i}@example.com`, password: 'password123', name: `Seller ${i}` });

  it('first (the default): the first account only; of ten at once, exactly one', async () => {
    const t = await createTestApp({ SELLER_SIGNUP: 'first' });
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => register(t, i)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, ...Array<number>(9).fill(403)]);
      for (const refused of answers.filter((a) => a.status === 403)) {
        expect(refused.body.error.code).toBe('SIGNUP_CLOSED');
      }
      const later = await register(t, 99);
      expect(later.status).toBe(403);
      expect(later.body).toEqual({
        success: false,
        error: { code: 'SIGNUP_CLOSED', message: 'Sign-up is closed: this server already has its seller account' },
      });
      // The first seller signs in as usual.
      const winner = answers.find((a) => a.status === 201)!;
      const login = await t.http.post('/v1/auth/login').send({ email: winner.body.data.seller.email, password: 'password123' });
      expect(login.status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('closed: nobody, not even the first', async () => {
    const t = await createTestApp({ SELLER_SIGNUP: 'closed' });
    try {
      const res = await register(t, 1);
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({ code: 'SIGNUP_CLOSED', message: 'Sign-up is closed on this server' });
    } finally {
      await t.close();
    }
  });

  it('open: anyone', async () => {
    const t = await createTestApp({ SELLER_SIGNUP: 'open' });
    try {
      for (let i = 0; i < 3; i++) expect((await register(t, i)).status).toBe(201);
    } finally {
      await t.close();
    }
  });
});
