import { KeyholdError } from '@keyhold/sdk';
import { sellerWithApp } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** Keys without the look-alike characters, for keys read aloud or typed from a printed card. */
describe('readable license keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('leaves 0, O, 1 and I out of the random characters on request, and keeps the mask', async () => {
    const s = await sellerWithApp(t.url, 'Readable App');
    const { keys } = await s.client.licenses.generate({
      appId: s.app.id,
      count: 300,
      durationDays: 30,
      subscription: 'premium',
      mask: 'CARD-XXXX-XXXX-XXXX',
      readable: true,
    });
    expect(keys).toHaveLength(300);
    for (const key of keys) expect(key).toMatch(/^CARD-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    // Without the option the whole alphabet is used (300 keys of 12 random characters draw them).
    const { keys: plain } = await s.client.licenses.generate({ appId: s.app.id, count: 300, durationDays: 30, subscription: 'premium' });
    expect(plain.join('')).toMatch(/[0O1I]/);
  });

  it('refuses a readable that is not a boolean, generating nothing', async () => {
    const s = await sellerWithApp(t.url, 'Readable Refusal App');
    const answer = await s.client.licenses
      .generate({ appId: s.app.id, count: 1, durationDays: 30, subscription: 'premium', readable: 'yes' as never })
      .then(
        () => null,
        (e: unknown) => (e instanceof KeyholdError ? { status: e.status, code: e.code, fields: e.details?.map((d) => d.field) } : e),
      );
    expect(answer).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['readable'] });
    expect((await s.client.licenses.list({ appId: s.app.id })).meta.total).toBe(0);
  });
});
