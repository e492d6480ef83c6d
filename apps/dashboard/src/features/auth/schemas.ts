/** The auth feature's forms: sign-in, sign-up and the account page. The API checks again and its messages are shown too. */
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_LENGTH,
  TWO_FACTOR_CODE_MAX_LENGTH,
  type ChangePasswordRequest,
  type LoginSellerRequest,
} from '@keyhold/contracts';
import { z } from 'zod';
import { password } from '@/lib/schemas';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = PASSWORD_MIN_LENGTH.seller;

const email = z
  .string()
  .trim()
  .min(1, 'Email is required')
  .refine((value) => EMAIL.test(value) && value.length <= 254, 'Enter a valid email address');

const PASSWORD_LONG = `Password must be at most ${PASSWORD_MAX_BYTES} bytes (accented letters and symbols count 2-4)`;

const sellerPassword = password(PASSWORD_MIN, {
  required: 'Password is required',
  short: `Password must be at least ${PASSWORD_MIN} characters`,
  long: PASSWORD_LONG,
});

/** What the authenticator shows, or a recovery code (`7kq2-9zpl-m4tx-a81c`): the API tells which. */
const twoFactorCode = z
  .string()
  .trim()
  .min(1, 'Enter the code from your authenticator app or a recovery code')
  .max(TWO_FACTOR_CODE_MAX_LENGTH, `A code has at most ${TWO_FACTOR_CODE_MAX_LENGTH} characters`);

/**
 * POST /v1/auth/login. `withCode`: the account asked for its two-factor code (TWO_FACTOR_REQUIRED),
 * so the form shows the field and it is required; before that the field is empty and not sent.
 */
export function signInSchema({ withCode }: { withCode: boolean }) {
  return z
    .object({ email, password: sellerPassword, code: withCode ? twoFactorCode : z.string() })
    .transform(({ email, password, code }): LoginSellerRequest => (withCode ? { email, password, code } : { email, password }));
}

/** POST /v1/auth/register */
export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(NAME_MAX_LENGTH, `Name must be at most ${NAME_MAX_LENGTH} characters`),
  email,
  password: sellerPassword,
});

/** POST /v1/auth/password: the new one typed twice; only the current and the new are sent. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: password(PASSWORD_MIN, {
      required: 'Choose a new password',
      short: `Password must be at least ${PASSWORD_MIN} characters`,
      long: PASSWORD_LONG,
    }),
    confirmPassword: z.string(),
  })
  .superRefine(({ newPassword, confirmPassword }, ctx) => {
    if (confirmPassword !== newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The passwords do not match' });
  })
  .transform(({ currentPassword, newPassword }): ChangePasswordRequest => ({ currentPassword, newPassword }));

/** POST /v1/auth/2fa/enable: the authenticator's current 6-digit code (spaces as some apps show them are dropped). */
export const enableTwoFactorSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .refine((value) => value.length > 0, 'Enter the 6-digit code your authenticator app shows')
    .refine((value) => value.length === 0 || /^\d{6}$/.test(value), 'The code is 6 digits'),
});

/** POST /v1/auth/2fa/disable: a current authenticator code or one of the recovery codes. */
export const disableTwoFactorSchema = z.object({ code: twoFactorCode });
