import { KeyholdError } from '@keyhold/sdk';

/** A 401 with the generic UNAUTHORIZED code: the bearer token is missing, invalid or expired. */
export function isSessionExpired(error: unknown): boolean {
  return error instanceof KeyholdError && error.status === 401 && error.code === 'UNAUTHORIZED';
}

/** A message fit to show a person. */
export function getErrorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (error instanceof KeyholdError) {
    if (error.code === 'NETWORK_ERROR') return 'Cannot reach the Keyhold server. Check your connection and try again.';
    if (error.status >= 500) return 'The server ran into a problem. Please try again in a moment.';
    return error.message || fallback;
  }
  return fallback;
}
