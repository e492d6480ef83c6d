/** The sign-in and sign-up forms' checks; the API checks again and its messages are shown too. */
import { NAME_MAX_LENGTH, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from '@keyhold/contracts';
import { z } from 'zod';
import { password } from '@/lib/schemas';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = PASSWORD_MIN_LENGTH.seller;

const email = z
  .string()
  .trim()
  .min(1, 'Email is required')
  .refine((value) => EMAIL.test(value) && value.length <= 254, 'Enter a valid email address');

const sellerPassword = password(PASSWORD_MIN, {
  required: 'Password is required',
  short: `Password must be at least ${PASSWORD_MIN} characters`,
  long: `Password must be at most ${PASSWORD_MAX_BYTES} bytes (accented letters and symbols count 2-4)`,
});

/** POST /v1/auth/login */
export const signInSchema = z.object({ email, password: sellerPassword });

/** POST /v1/auth/register */
export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(NAME_MAX_LENGTH, `Name must be at most ${NAME_MAX_LENGTH} characters`),
  email,
  password: sellerPassword,
});
