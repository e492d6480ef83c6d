/** The reseller portal's forms: what the API checks again (apps/api/src/resellers/dto, portal). */
import { DEFAULT_LICENSE_MASK, MAX_LICENSES_PER_CALL, NOTE_MAX_LENGTH, type ResellerGenerateKeysRequest } from '@keyhold/contracts';
import { z } from 'zod';
import { formatNumber } from '@/lib/format';
import { licenseMask, optionalText, picked, wholeNumber } from '@/lib/schemas';

/** A seller's public id, as the portal link (`/reseller/sign-in?seller=sel_...`) carries it. */
export const SELLER_ID_PATTERN = /^sel_[0-9a-f]{32}$/;

/**
 * POST /v1/reseller/auth/login: the portal only asks for username and password; the API says
 * whether they match. The seller comes from the portal link, or is typed in when the link had none.
 */
export const resellerSignInSchema = z.object({
  sellerId: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Seller ID is required: it is in the portal link your vendor gave you')
    .refine((value) => value === '' || SELLER_ID_PATTERN.test(value), 'A seller ID is sel_ followed by 32 characters 0-9 or a-f'),
  username: z.string().trim().min(1, 'Username is required'),
  password: z.string().min(1, 'Password is required'),
});

const COUNT_MESSAGE = `Between 1 and ${formatNumber(MAX_LICENSES_PER_CALL)} keys`;

/**
 * POST /v1/reseller/keys/generate; `duration` is `lifetime` or a number of days, as Select values are
 * strings. The mask and the note are checked as the seller's are; the default mask and an empty
 * note are left out of the request.
 */
export const resellerGenerateSchema = z
  .object({
    appId: picked('Pick an app'),
    subscription: picked('Pick a subscription'),
    duration: picked('Pick a duration'),
    count: wholeNumber(COUNT_MESSAGE).pipe(z.number().min(1, COUNT_MESSAGE).max(MAX_LICENSES_PER_CALL, COUNT_MESSAGE)),
    mask: licenseMask,
    readable: z.boolean(),
    note: optionalText(NOTE_MAX_LENGTH),
  })
  .transform(({ appId, subscription, duration, count, mask, readable, note }): ResellerGenerateKeysRequest => ({
    appId,
    subscription,
    durationDays: duration === 'lifetime' ? null : Number(duration),
    count,
    ...(mask !== DEFAULT_LICENSE_MASK ? { mask } : {}),
    ...(readable ? { readable } : {}),
    ...(note ? { note } : {}),
  }));

export type ResellerGenerateValues = z.input<typeof resellerGenerateSchema>;
