import { retryDelayMs, WEBHOOK_MAX_ATTEMPTS } from './retry-schedule';

describe('retry schedule', () => {
  const base = 30_000;

  it('doubles from the base and stops growing at 512 × base', () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4].map((n) => retryDelayMs(base, n, mid))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(base, 10, mid)).toBe(base * 512);
    expect(retryDelayMs(base, 14, mid)).toBe(base * 512);
  });

  it('spreads each delay by ±20% (jitter)', () => {
    expect(retryDelayMs(base, 1, () => 0)).toBe(24_000);
    expect(retryDelayMs(base, 1, () => 0.999999)).toBeCloseTo(36_000, -1);
  });

  it('spans about a day over all attempts with the default base', () => {
    let total = 0;
    for (let n = 1; n < WEBHOOK_MAX_ATTEMPTS; n++) total += retryDelayMs(base, n, () => 0.5);
    const hours = total / 3_600_000;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(30);
  });
});
