/**
 * Validation rules that both the API (its DTOs) and the dashboard (its forms) check: one
 * definition each, so a form never lets through what the API refuses, or the other way round.
 */

/** End users' usernames: printable, without spaces, `+`, `/` or `\` (they travel inside the Axora URL). */
export const USERNAME_PATTERN = /^[^\s+/\\]{1,64}$/u;
export const USERNAME_RULE = '1-64 characters without spaces, +, / or \\';

/** Resellers' usernames. */
export const RESELLER_USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{3,64}$/;
export const RESELLER_USERNAME_RULE = '3-64 characters of letters, digits, . _ - @';

/** A subscription name (of a key, a user, a file, a reseller's allowance). */
export const SUBSCRIPTION_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const SUBSCRIPTION_RULE = '1-64 characters of letters, digits, . _ -';

/** An app's version string. */
export const APP_VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.+\-_]{0,49}$/;
export const APP_VERSION_RULE = '1-50 characters of letters, digits and . + - _';

/** A license key mask: `X` is one random A-Z0-9, the other characters stay as written. */
export const LICENSE_MASK_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const LICENSE_MASK_RULE = '1-64 characters of letters, digits, - and _';

/** A file's display name: 1-255 characters, not all blank, no control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not hold
export const FILE_NAME_PATTERN = /^(?=[\s\S]*\S)[^\x00-\x1f\x7f]{1,255}$/u;
export const FILE_NAME_RULE = '1-255 characters without control characters';

export const MAX_FILE_SUBSCRIPTIONS = 50;
/** App and seller names. */
export const NAME_MAX_LENGTH = 100;
/** Notes, ban reasons and blacklist reasons. */
export const NOTE_MAX_LENGTH = 500;
/** A blacklist entry's value and a hardware id. */
export const HWID_MAX_LENGTH = 256;
/** A key's or a price's duration: a hundred years. */
export const MAX_DURATION_DAYS = 36_500;
