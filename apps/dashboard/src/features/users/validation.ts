/** Checks of the user forms: the patterns and limits are libs/contracts', the same the API checks. */
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, passwordBytes, SUBSCRIPTION_PATTERN, USERNAME_PATTERN } from '@keyhold/contracts';

export const USER_PASSWORD_MIN = PASSWORD_MIN_LENGTH.endUser;

export function validateUsername(value: string): string | undefined {
  const username = value.trim();
  if (!username) return 'Username is required';
  if (!USERNAME_PATTERN.test(username)) return 'Use 1-64 characters without spaces, +, / or \\';
  return undefined;
}

export function validateUserPassword(value: string): string | undefined {
  if (!value) return 'Password is required';
  if (value.length < USER_PASSWORD_MIN) return `Use at least ${USER_PASSWORD_MIN} characters`;
  if (passwordBytes(value) > PASSWORD_MAX_BYTES) return `Use at most ${PASSWORD_MAX_BYTES} bytes (accented letters and symbols count 2-4)`;
  return undefined;
}

/** Empty is allowed (no subscription). */
export function validateOptionalSubscription(value: string): string | undefined {
  const subscription = value.trim();
  if (subscription && !SUBSCRIPTION_PATTERN.test(subscription)) return 'Use 1-64 letters, digits, . _ or -';
  return undefined;
}
