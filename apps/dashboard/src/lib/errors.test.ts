import { KeyholdError } from '@keyhold/sdk';
import { describe, expect, it } from 'vitest';
import { getErrorMessage } from './errors';

describe('getErrorMessage', () => {
  it('tells how long to wait when the server asked for it (Retry-After)', () => {
    const limited = (seconds?: number) => new KeyholdError(429, 'RATE_LIMITED', 'Too many requests, try again later', undefined, seconds);
    expect(getErrorMessage(limited(37))).toBe('Too many attempts. Try again in 37 seconds.');
    expect(getErrorMessage(limited(1))).toBe('Too many attempts. Try again in 1 second.');
    expect(getErrorMessage(limited(600))).toBe('Too many attempts. Try again in 10 minutes.');
    expect(getErrorMessage(limited())).toBe('Too many attempts. Try again in a moment.');
    expect(getErrorMessage(new KeyholdError(503, 'SERVICE_UNAVAILABLE', 'Service unavailable', undefined, 5))).toBe(
      'The server is busy or its database is unreachable. Try again in 5 seconds.',
    );
  });

  it('shows the API message for other refusals', () => {
    expect(getErrorMessage(new KeyholdError(409, 'EMAIL_TAKEN', 'Email already registered'))).toBe('Email already registered');
  });
});
