/** The user forms' checks: libs/contracts' patterns and limits, the same the API checks (apps/api/src/users/dto). */
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, USERNAME_PATTERN, USERNAME_RULE, type CreateUserRequest } from '@keyhold/contracts';
import dayjs from 'dayjs';
import { z } from 'zod';
import { endOfDayIso } from '@/components/expiry-modal';
import { optionalSubscription, password } from '@/lib/schemas';

export const USER_PASSWORD_MIN = PASSWORD_MIN_LENGTH.endUser;

const userPassword = password(USER_PASSWORD_MIN, {
  required: 'Password is required',
  short: `Use at least ${USER_PASSWORD_MIN} characters`,
  long: `Use at most ${PASSWORD_MAX_BYTES} bytes (accented letters and symbols count 2-4)`,
});

/** POST /v1/admin/users (without the app id, which the page adds). */
export const createUserSchema = z
  .object({
    username: z.string().trim().min(1, 'Username is required').regex(USERNAME_PATTERN, `Use ${USERNAME_RULE}`),
    password: userPassword,
    subscription: optionalSubscription,
    expires: z.enum(['never', 'date']),
    expiryDay: z.string().nullable(),
  })
  .superRefine(({ expires, expiryDay }, ctx) => {
    if (expires === 'never') return;
    if (!expiryDay) ctx.addIssue({ code: 'custom', path: ['expiryDay'], message: 'Pick a date' });
    else if (dayjs(expiryDay).endOf('day').isBefore(dayjs()))
      ctx.addIssue({ code: 'custom', path: ['expiryDay'], message: 'Pick today or a later date' });
  })
  .transform(({ username, password: secret, subscription, expires, expiryDay }): Omit<CreateUserRequest, 'appId'> => ({
    username,
    password: secret,
    subscription,
    expiresAt: expires === 'date' && expiryDay ? endOfDayIso(expiryDay) : null,
  }));

/** `subscription` of PATCH /v1/admin/users/:id: empty clears it. */
export const subscriptionSchema = z.object({ subscription: optionalSubscription });

/** `password` of PATCH /v1/admin/users/:id. */
export const userPasswordSchema = z.object({ password: userPassword });
