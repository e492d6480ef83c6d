/** The reseller portal's forms: what the API checks again (apps/api/src/resellers/dto, portal). */
import { MAX_LICENSES_PER_CALL, type ResellerGenerateKeysRequest } from '@keyhold/contracts';
import { z } from 'zod';
import { formatNumber } from '@/lib/format';
import { picked, wholeNumber } from '@/lib/schemas';

/** POST /v1/reseller/auth/login: the portal only asks for both; the API says whether they match. */
export const resellerSignInSchema = z.object({
  username: z.string().trim().min(1, 'Username is required'),
  password: z.string().min(1, 'Password is required'),
});

const COUNT_MESSAGE = `Between 1 and ${formatNumber(MAX_LICENSES_PER_CALL)} keys`;

/** POST /v1/reseller/keys; `duration` is `lifetime` or a number of days, as Select values are strings. */
export const resellerGenerateSchema = z
  .object({
    appId: picked('Pick an app'),
    subscription: picked('Pick a subscription'),
    duration: picked('Pick a duration'),
    count: wholeNumber(COUNT_MESSAGE).pipe(z.number().min(1, COUNT_MESSAGE).max(MAX_LICENSES_PER_CALL, COUNT_MESSAGE)),
  })
  .transform(({ appId, subscription, duration, count }): ResellerGenerateKeysRequest => ({
    appId,
    subscription,
    durationDays: duration === 'lifetime' ? null : Number(duration),
    count,
  }));

export type ResellerGenerateValues = z.input<typeof resellerGenerateSchema>;
