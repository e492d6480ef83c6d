import { KeyholdError } from '@keyhold/sdk';

/** A 401 with the generic UNAUTHORIZED code: the bearer token is missing, invalid or expired. */
export function isSessionExpired(error: unknown): boolean {
  return error instanceof KeyholdError && error.status === 401 && error.code === 'UNAUTHORIZED';
}

/** The wait the server asked for (Retry-After), in words. */
function inSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return 'in a moment';
  const s = Math.max(1, Math.ceil(seconds));
  return s === 1 ? 'in 1 second' : s < 120 ? `in ${s} seconds` : `in ${Math.ceil(s / 60)} minutes`;
}

/** A message fit to show a person. */
export function getErrorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (error instanceof KeyholdError) {
    if (error.code === 'NETWORK_ERROR') return 'Cannot reach the Keyhold server. Check your connection and try again.';
    if (error.code === 'RATE_LIMITED') return `Too many attempts. Try again ${inSeconds(error.retryAfterSeconds)}.`;
    if (error.code === 'SERVICE_UNAVAILABLE')
      return `The server is busy or its database is unreachable. Try again ${inSeconds(error.retryAfterSeconds)}.`;
    if (error.status >= 500) return 'The server ran into a problem. Please try again in a moment.';
    return error.message || fallback;
  }
  return fallback;
}
