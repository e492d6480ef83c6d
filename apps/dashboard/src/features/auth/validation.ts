/** Checks run before a form is sent; the API checks again and its messages are shown too. */
import { NAME_MAX_LENGTH, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, passwordBytes } from '@keyhold/contracts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = PASSWORD_MIN_LENGTH.seller;
export const NAME_MAX = NAME_MAX_LENGTH;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function validateEmail(value: string): string | undefined {
  const email = value.trim();
  if (!email) return 'Email is required';
  if (!EMAIL.test(email) || email.length > 254) return 'Enter a valid email address';
  return undefined;
}

export function validatePassword(value: string): string | undefined {
  if (!value) return 'Password is required';
  if (value.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (passwordBytes(value) > PASSWORD_MAX_BYTES) return `Password must be at most ${PASSWORD_MAX_BYTES} bytes (accented letters and symbols count 2-4)`;
  return undefined;
}

export function validateName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Name is required';
  if (name.length > NAME_MAX) return `Name must be at most ${NAME_MAX} characters`;
  return undefined;
}

/** Drops the fields that passed, so an empty object means the form is valid. */
export function collectErrors<K extends string>(checks: Record<K, string | undefined>): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const key of Object.keys(checks) as K[]) {
    if (checks[key]) errors[key] = checks[key];
  }
  return errors;
}

export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}
