/** Checks of the user forms, the same rules as the API's (apps/api/src/users/dto/user.dto.ts). */

/** Printable characters without spaces, `+`, `/` or `\`: usernames travel inside the Axora URL. */
const USERNAME = /^[^\s+/\\]{1,64}$/u;
const SUBSCRIPTION = /^[A-Za-z0-9_.-]{1,64}$/;
export const USER_PASSWORD_MIN = 4;
export const USER_PASSWORD_MAX = 72;

export function validateUsername(value: string): string | undefined {
  const username = value.trim();
  if (!username) return 'Username is required';
  if (!USERNAME.test(username)) return 'Use 1-64 characters without spaces, +, / or \\';
  return undefined;
}

export function validateUserPassword(value: string): string | undefined {
  if (!value) return 'Password is required';
  if (value.length < USER_PASSWORD_MIN) return `Use at least ${USER_PASSWORD_MIN} characters`;
  if (value.length > USER_PASSWORD_MAX) return `Use at most ${USER_PASSWORD_MAX} characters`;
  return undefined;
}

/** Empty is allowed (no subscription). */
export function validateOptionalSubscription(value: string): string | undefined {
  const subscription = value.trim();
  if (subscription && !SUBSCRIPTION.test(subscription)) return 'Use 1-64 letters, digits, . _ or -';
  return undefined;
}
