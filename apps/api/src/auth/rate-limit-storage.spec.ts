import { ThrottlerStorageService } from '@nestjs/throttler';
import { RateLimitStorage } from './rate-limit-storage';

/** A small deterministic generator, so a failure names a reproducible sequence. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('RateLimitStorage', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it("answers exactly as @nestjs/throttler's own storage over long random sequences (limits, blocks, expiries)", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const ours = new RateLimitStorage();
      const theirs = new ThrottlerStorageService();
      const ttl = 60_000;
      const limit = 1 + Math.floor(next() * 20);
      const block = next() < 0.5 ? ttl : 5_000;
      for (let i = 0; i < 3_000; i++) {
        // Bursts and pauses: most calls a few ms apart, some seconds, a few past the whole window.
        const r = next();
        jest.advanceTimersByTime(r < 0.8 ? Math.floor(next() * 50) : r < 0.97 ? Math.floor(next() * 5_000) : ttl + 1);
        const key = `client:app:${Math.floor(next() * 3)}`;
        const a = await ours.increment(key, ttl, limit, block, 'client');
        const b = await theirs.increment(key, ttl, limit, block, 'client');
        if (JSON.stringify(a) !== JSON.stringify(b))
          throw new Error(`seed ${seed}, call ${i}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
      ours.onApplicationShutdown();
      theirs.onApplicationShutdown();
    }
  });

  it('blocks past the limit, answers how long the block lasts, and counts again once it is over', async () => {
    const s = new RateLimitStorage();
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await s.increment('k', 60_000, 3, 10_000, 'client'));
    expect(hits.map((h) => [h.totalHits, h.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(hits[3].timeToBlockExpire).toBe(10);
    jest.advanceTimersByTime(10_000);
    expect(await s.increment('k', 60_000, 3, 10_000, 'client')).toMatchObject({ totalHits: 1, isBlocked: false });
    s.onApplicationShutdown();
  });

  it('keeps a long window cheap: 100,000 hits from one address, each only adding one entry', async () => {
    const s = new RateLimitStorage();
    let last = await s.increment('busy', 60_000, 1e9, 60_000, 'client');
    for (let i = 1; i < 100_000; i++) {
      if (i % 1000 === 0) jest.advanceTimersByTime(1_000);
      last = await s.increment('busy', 60_000, 1e9, 60_000, 'client');
    }
    // 99 s of hits, 1,000 a second, in a 60 s window: only the last 60 seconds count.
    expect(last.totalHits).toBe(60_000);
    s.onApplicationShutdown();
  });
});
