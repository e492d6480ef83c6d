/**
 * The retry schedule. Attempt n (1-based) failed: the next one waits base * 2^(n-1), at most
 * base * 2^9, with ±20% jitter. With the default base (WEBHOOK_RETRY_BASE_MS = 30 s) 15 attempts
 * span about a day: 30 s, 1 m, 2 m, ... 4 h 16 m, then every 4 h 16 m (3,071 × base ≈ 25.6 h).
 */
export const WEBHOOK_MAX_ATTEMPTS = 15;
const MAX_DOUBLINGS = 9;

/**
 * An endpoint is disabled by itself when this many attempts in a row failed: with ordered
 * delivery that is one delivery that used up all its retries (about a day) without any success.
 */
export const WEBHOOK_DISABLE_AFTER_FAILURES = WEBHOOK_MAX_ATTEMPTS;

/** Milliseconds to wait after the `failedAttempt`-th attempt of a round failed. */
export function retryDelayMs(baseMs: number, failedAttempt: number, random: () => number = Math.random): number {
  const doublings = Math.min(Math.max(failedAttempt - 1, 0), MAX_DOUBLINGS);
  const delay = baseMs * 2 ** doublings;
  return Math.max(1, Math.round(delay * (0.8 + 0.4 * random())));
}
