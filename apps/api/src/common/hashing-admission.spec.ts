import { DomainError } from './errors/domain-error';
import { HashingAdmission, HashingClass } from './hashing-admission';

/** Work that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => opened };
}

describe('hashing admission', () => {
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  it('keeps a slot that account work can never take, for end users', async () => {
    const admission = new HashingAdmission(3, { 'end-user': 10, account: 10 });
    const accounts = Array.from({ length: 5 }, () => gate());
    const runs = accounts.map((g) => admission.run('account', g.work));
    await flush();
    // Two of three slots for accounts; the other three wait.
    expect(admission.load).toEqual({ running: 2, runningAccounts: 2, waiting: { 'end-user': 0, account: 3 } });
    const user = gate();
    const userRun = admission.run('end-user', user.work);
    await flush();
    expect(admission.load.running).toBe(3);
    user.open();
    await userRun;
    for (const g of accounts) g.open();
    await Promise.all(runs);
    expect(admission.load).toEqual({ running: 0, runningAccounts: 0, waiting: { 'end-user': 0, account: 0 } });
  });

  it('refuses at once, with 503 SERVICE_UNAVAILABLE, what does not fit in the queue', async () => {
    const admission = new HashingAdmission(2, { 'end-user': 2, account: 2 });
    const g = gate();
    const settled: Array<'done' | 'busy'> = [];
    const runs = Array.from({ length: 6 }, () =>
      admission.run('account', g.work).then(
        () => settled.push('done'),
        (e: unknown) => {
          expect(e).toBeInstanceOf(DomainError);
          expect((e as DomainError).code).toBe('SERVICE_UNAVAILABLE');
          settled.push('busy');
        },
      ),
    );
    await flush();
    // 1 running (the end-user slot is kept), 2 queued, 3 refused before any work finished.
    expect(settled).toEqual(['busy', 'busy', 'busy']);
    g.open();
    await Promise.all(runs);
    expect(settled.filter((s) => s === 'done')).toHaveLength(3);
  });

  it('refuses a waiter whose turn does not come within the wait limit', async () => {
    const admission = new HashingAdmission(2, { 'end-user': 5, account: 5 }, 50);
    const g = gate();
    const running = [admission.run('end-user', g.work), admission.run('end-user', g.work)];
    await expect(admission.run('end-user', () => Promise.resolve(1))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(admission.load.waiting['end-user']).toBe(0);
    g.open();
    await Promise.all(running);
  });

  it('lets end users in first when a slot frees', async () => {
    const admission = new HashingAdmission(2, { 'end-user': 5, account: 5 });
    const order: HashingClass[] = [];
    const first = gate();
    const busyOne = admission.run('account', first.work);
    const busyTwo = admission.run('end-user', first.work);
    await flush();
    const queued = [
      admission.run('account', () => Promise.resolve(void order.push('account'))),
      admission.run('end-user', () => Promise.resolve(void order.push('end-user'))),
    ];
    await flush();
    first.open();
    await Promise.all([busyOne, busyTwo, ...queued]);
    expect(order[0]).toBe('end-user');
  });

  it('is released when the work fails', async () => {
    const admission = new HashingAdmission(2, { 'end-user': 1, account: 1 });
    await expect(admission.run('account', () => Promise.reject(new Error('bcrypt failed')))).rejects.toThrow('bcrypt failed');
    expect(admission.load.running).toBe(0);
  });
});
