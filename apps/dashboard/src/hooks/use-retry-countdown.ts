import { KeyholdError } from '@keyhold/sdk';
import { useEffect, useState } from 'react';

/** The wait a refusal asked for (429 RATE_LIMITED, 503 with Retry-After), in whole seconds; 0 for none. */
function waitOf(error: unknown): number {
  return error instanceof KeyholdError && error.retryAfterSeconds !== undefined ? Math.max(0, Math.ceil(error.retryAfterSeconds)) : 0;
}

/**
 * The seconds left before `error`'s Retry-After passes, counting down live (0: no wait, or it has
 * passed). The clock starts when the refusal first renders, which is when its answer came; a new
 * refusal starts a new count. Render stays pure: the timer only runs in the effect.
 */
export function useRetryCountdown(error: unknown): number {
  const wait = waitOf(error);
  const [tick, setTick] = useState<{ error: unknown; left: number } | null>(null);

  useEffect(() => {
    if (wait === 0) return;
    const until = Date.now() + wait * 1000;
    const timer = window.setInterval(() => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setTick({ error, left });
      if (left === 0) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [error, wait]);

  return tick && tick.error === error ? tick.left : wait;
}
