import { createEndUserClient, KeyholdError } from '@keyhold/sdk';
import { credential } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/** The seller's view of an end user's sessions (the user page), and "end session". */
describe("an end user's sessions", () => {
  let t: TestApp;
  let s: SellerFixture;
  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url, 'Sessions App');
    await s.client.apps.update(s.app.id, { hwidLock: false });
  });
  afterAll(() => t.close());

  const logIn = async (username: string, password: string, hwid: string) => {
    const c = createEndUserClient({ baseUrl: t.url, apiKey: s.app.apiKey });
    await c.login({ username, password, hwid });
    return c;
  };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (e instanceof KeyholdError ? { status: e.status, code: e.code } : e),
    );

  it('lists where each login came from, newest first, and ends one session without touching the others', async () => {
    const alice = await credential(s, 'alice', 'pass-alice');
    const laptop = await logIn('alice', 'pass-alice', 'HW-LAPTOP');
    const desktop = await logIn('alice', 'pass-alice', 'HW-DESKTOP');

    const sessions = await s.client.users.sessions(alice.id);
    expect(sessions.map((x) => ({ hwid: x.hwid, active: x.active, endedAt: x.endedAt }))).toEqual([
      { hwid: 'HW-DESKTOP', active: true, endedAt: null },
      { hwid: 'HW-LAPTOP', active: true, endedAt: null },
    ]);
    expect(sessions[0].id).toMatch(/^ses_[0-9a-f]{32}$/);
    expect(sessions[0].ip).toMatch(/127\.0\.0\.1|::1/);
    expect(new Date(sessions[0].expiresAt).getTime()).toBeGreaterThan(Date.now());

    const laptopSession = sessions[1];
    expect(await s.client.users.endSession(alice.id, laptopSession.id)).toEqual({ id: laptopSession.id, ended: true });
    expect(await refusal(laptop.session())).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect((await desktop.session()).user?.username).toBe('alice');

    const after = await s.client.users.sessions(alice.id);
    const ended = after.find((x) => x.id === laptopSession.id)!;
    expect({ active: ended.active, ended: typeof ended.endedAt }).toEqual({ active: false, ended: 'string' });
    expect(after.find((x) => x.hwid === 'HW-DESKTOP')!.active).toBe(true);
    // Ending it again changes nothing (its end time stays).
    await s.client.users.endSession(alice.id, laptopSession.id);
    expect((await s.client.users.sessions(alice.id)).find((x) => x.id === laptopSession.id)!.endedAt).toBe(ended.endedAt);
  });

  it("refuses another user's session, a malformed id, and another seller's user, with 404", async () => {
    const bob = await credential(s, 'bob', 'pass-bob');
    const carol = await credential(s, 'carol', 'pass-carol');
    await logIn('carol', 'pass-carol', 'HW-CAROL');
    const carolSession = (await s.client.users.sessions(carol.id))[0];
    expect(await refusal(s.client.users.endSession(bob.id, carolSession.id))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await refusal(s.client.users.endSession(bob.id, 'ses_nothex'))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await refusal(s.client.users.endSession(bob.id, carolSession.id.replace('ses_', 'usr_')))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect((await s.client.users.sessions(carol.id))[0].active).toBe(true);

    const other = await sellerWithApp(t.url, 'Other App');
    expect(await refusal(other.client.users.sessions(carol.id))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await refusal(other.client.users.endSession(carol.id, carolSession.id))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect((await s.client.users.sessions(carol.id))[0].active).toBe(true);
    expect(await s.client.users.sessions(bob.id)).toEqual([]);
  });
});
