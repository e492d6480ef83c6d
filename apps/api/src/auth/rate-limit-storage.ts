import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type Hit = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The hits of one key (RateLimitGuard's keys name their limit: one limit per key). */
interface Bucket {
  /** When each counted hit leaves the window, oldest first, from `head` on. */
  expiries: number[];
  head: number;
  /** The window's end as the Reset header tells it. */
  expiresAt: number;
  blocked: boolean;
  blockExpiresAt: number;
}

/** How often buckets with nothing left in them are dropped. */
const SWEEP_MS = 60_000;

/**
 * The throttler's in-memory storage, with the semantics of @nestjs/throttler's own (a sliding log
 * of hits per key; past the limit, blocked for `blockDuration`, then counting starts again), but
 * O(1) per hit: expired hits leave from the front of a queue. The library's storage filters the
 * whole log into a new array on every request, which is as long as the limit: at a generous limit
 * (thousands a minute from one address) that was a measurable share of a client call (issue #15).
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly buckets = new Map<string, Bucket>();
  /** Started by the first hit (as the library's), so a storage nobody uses holds no timer. */
  private sweep?: NodeJS.Timeout;

  // The interface is asynchronous (a shared store would be); this one answers at once.
  // eslint-disable-next-line @typescript-eslint/require-await
  async increment(key: string, ttl: number, limit: number, blockDuration: number, _throttlerName: string): Promise<Hit> {
    this.sweep ??= setInterval(() => this.evictIdle(Date.now()), SWEEP_MS).unref();
    const now = Date.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { expiries: [], head: 0, expiresAt: now + ttl, blocked: false, blockExpiresAt: 0 };
      this.buckets.set(key, b);
    }
    this.prune(b, now);
    if (b.expiresAt <= now) b.expiresAt = now + ttl;
    const timeToExpire = Math.ceil((b.expiresAt - now) / 1000);
    if (!b.blocked) b.expiries.push(now + ttl);
    if (!b.blocked && this.count(b) > limit) {
      b.blocked = true;
      b.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((b.blockExpiresAt - now) / 1000);
    if (b.blocked && timeToBlockExpire <= 0) {
      // The block is over: the log starts again with this hit.
      b.blocked = false;
      b.expiries = [now + ttl];
      b.head = 0;
    }
    return { totalHits: this.count(b), timeToExpire, isBlocked: b.blocked, timeToBlockExpire };
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
    this.sweep = undefined;
    this.buckets.clear();
  }

  private count(b: Bucket): number {
    return b.expiries.length - b.head;
  }

  /** Drops the hits that left the window; compacts the queue once half of it is spent. */
  private prune(b: Bucket, now: number): void {
    while (b.head < b.expiries.length && b.expiries[b.head] <= now) b.head++;
    if (b.head > 64 && b.head * 2 > b.expiries.length) {
      b.expiries = b.expiries.slice(b.head);
      b.head = 0;
    }
  }

  private evictIdle(now: number): void {
    for (const [key, b] of this.buckets) {
      this.prune(b, now);
      if (this.count(b) === 0 && b.expiresAt <= now && !(b.blocked && b.blockExpiresAt > now)) this.buckets.delete(key);
    }
  }
}
