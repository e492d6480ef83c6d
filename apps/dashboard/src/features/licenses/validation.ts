import { LICENSE_MASK_PATTERN, MAX_DURATION_DAYS, MAX_LICENSES_PER_CALL, NOTE_MAX_LENGTH, SUBSCRIPTION_PATTERN } from '@keyhold/contracts';

/** Checks of the license forms, the patterns and limits are libs/contracts', the same the API checks (licenses/dto, license-key.ts). */

export const MIN_RANDOM_CHARACTERS = 8;
export { MAX_DURATION_DAYS };
export const NOTE_MAX = NOTE_MAX_LENGTH;

export function validateCount(value: number | string): string | undefined {
  if (value === '' || typeof value !== 'number' || !Number.isInteger(value)) return 'Enter a whole number of keys';
  if (value < 1 || value > MAX_LICENSES_PER_CALL) return `Generate between 1 and ${MAX_LICENSES_PER_CALL.toLocaleString('en')} keys at a time`;
  return undefined;
}

export function validateDurationDays(value: number | string): string | undefined {
  if (value === '' || typeof value !== 'number' || !Number.isInteger(value)) return 'Enter a whole number of days';
  if (value < 1 || value > MAX_DURATION_DAYS) return `Between 1 and ${MAX_DURATION_DAYS.toLocaleString('en')} days`;
  return undefined;
}

export function validateSubscription(value: string): string | undefined {
  const subscription = value.trim();
  if (!subscription) return 'Subscription is required';
  if (!SUBSCRIPTION_PATTERN.test(subscription)) return 'Use 1-64 letters, digits, . _ or -';
  return undefined;
}

export function validateMask(value: string): string | undefined {
  const mask = value.trim();
  if (!mask) return 'Mask is required';
  if (!LICENSE_MASK_PATTERN.test(mask)) return 'Use 1-64 letters, digits, - and _';
  const random = [...mask].filter((c) => c === 'X').length;
  if (random < MIN_RANDOM_CHARACTERS) return `Include at least ${MIN_RANDOM_CHARACTERS} X (each becomes a random character)`;
  return undefined;
}

export function validateNote(value: string): string | undefined {
  return value.trim().length > NOTE_MAX ? `Use at most ${NOTE_MAX} characters` : undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** What a key from this mask looks like (a preview only: the server makes the real keys). */
export function maskExample(mask: string): string {
  return [...mask].map((c) => (c === 'X' ? ALPHABET[Math.floor(Math.random() * ALPHABET.length)] : c)).join('');
}
