import { DomainError } from './errors/domain-error';

/** Whose password is hashed: end users of the sellers' software, or accounts (sellers, resellers). */
export type HashingClass = 'end-user' | 'account';

/** How long a hash may wait for a slot before the request is refused: a flood must not queue work for seconds. */
export const HASHING_MAX_WAIT_MS = 2000;

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Admission control for password hashing. bcrypt runs on libuv's small thread pool, so a flood of
 * guesses would otherwise queue thousands of hashes and every login behind them would wait for
 * seconds. At most `slots` hashes run at once; account work (seller and reseller login, sign-up)
 * may hold all but one of them, so end-user logins always keep a slot a flood of account logins
 * cannot take. Each class waits in a queue of its own, at most `queueLength[class]` long and
 * HASHING_MAX_WAIT_MS deep; what does not fit is refused at once with 503 SERVICE_UNAVAILABLE (the
 * filter adds Retry-After). End users are admitted first when a slot frees, and their queue is the
 * longer one: a burst of genuine logins waits its turn (rate limits bound it per app and IP), while
 * a flood of account guesses is turned away.
 */
export class HashingAdmission {
  private running = 0;
  private runningAccounts = 0;
  private readonly waiting: Record<HashingClass, Waiter[]> = { 'end-user': [], account: [] };

  constructor(
    private readonly slots: number,
    private readonly queueLength: Record<HashingClass, number>,
    private readonly maxWaitMs = HASHING_MAX_WAIT_MS,
  ) {
    if (slots < 2) throw new Error('Hashing admission needs at least 2 slots (one is kept for end users)');
  }

  async run<T>(cls: HashingClass, work: () => Promise<T>): Promise<T> {
    await this.admit(cls);
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (cls === 'account') this.runningAccounts -= 1;
      this.startWaiting();
    }
  }

  /** What is running and waiting now (for tests and logs). */
  get load(): { running: number; runningAccounts: number; waiting: Record<HashingClass, number> } {
    return {
      running: this.running,
      runningAccounts: this.runningAccounts,
      waiting: { 'end-user': this.waiting['end-user'].length, account: this.waiting.account.length },
    };
  }

  private mayStart(cls: HashingClass): boolean {
    return this.running < this.slots && (cls === 'end-user' || this.runningAccounts < this.slots - 1);
  }

  private take(cls: HashingClass): void {
    this.running += 1;
    if (cls === 'account') this.runningAccounts += 1;
  }

  private admit(cls: HashingClass): Promise<void> {
    const queue = this.waiting[cls];
    if (queue.length === 0 && this.mayStart(cls)) {
      this.take(cls);
      return Promise.resolve();
    }
    if (queue.length >= this.queueLength[cls]) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          this.take(cls);
          resolve();
        },
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1);
          reject(busy());
        }, this.maxWaitMs),
      };
      queue.push(waiter);
    });
  }

  private startWaiting(): void {
    for (const cls of ['end-user', 'account'] as const) {
      const queue = this.waiting[cls];
      while (queue.length > 0 && this.mayStart(cls)) queue.shift()!.start();
    }
  }
}

const busy = () => new DomainError('SERVICE_UNAVAILABLE', 'The server is busy checking passwords: try again in a moment');
