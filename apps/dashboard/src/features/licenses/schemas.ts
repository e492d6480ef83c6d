/** The license forms' checks: libs/contracts' patterns and limits, the same the API checks (licenses/dto, license-key.ts). */
import {
  LICENSE_MASK_MIN_RANDOM,
  MAX_DURATION_DAYS,
  MAX_LICENSES_PER_CALL,
  NOTE_MAX_LENGTH,
  SUBSCRIPTION_PATTERN,
  type GenerateLicensesRequest,
} from '@keyhold/contracts';
import { z } from 'zod';
import { licenseMask, optionalText, SUBSCRIPTION_MESSAGE, wholeNumber, type NumberValue } from '@/lib/schemas';

export const MIN_RANDOM_CHARACTERS = LICENSE_MASK_MIN_RANDOM;
export const NOTE_MAX = NOTE_MAX_LENGTH;

const COUNT_MESSAGE = `Generate between 1 and ${MAX_LICENSES_PER_CALL.toLocaleString('en')} keys at a time`;
const DAYS_MESSAGE = `Between 1 and ${MAX_DURATION_DAYS.toLocaleString('en')} days`;

const durationDays = wholeNumber('Enter a whole number of days').pipe(z.number().min(1, DAYS_MESSAGE).max(MAX_DURATION_DAYS, DAYS_MESSAGE));

/** The mask's check lives in lib/schemas (the reseller portal's generate form uses it too). */
export { licenseMask };

/** POST /v1/admin/licenses (without the app id, which the page adds). */
export const generateLicensesSchema = z
  .object({
    count: wholeNumber('Enter a whole number of keys').pipe(z.number().min(1, COUNT_MESSAGE).max(MAX_LICENSES_PER_CALL, COUNT_MESSAGE)),
    lifetime: z.boolean(),
    /** checked only for a fixed duration, below */
    durationDays: z.custom<NumberValue>(),
    subscription: z.string().trim().min(1, 'Subscription is required').regex(SUBSCRIPTION_PATTERN, SUBSCRIPTION_MESSAGE),
    mask: licenseMask,
    readable: z.boolean(),
    note: optionalText(NOTE_MAX),
  })
  .superRefine((values, ctx) => {
    if (values.lifetime) return;
    const days = durationDays.safeParse(values.durationDays);
    if (!days.success) ctx.addIssue({ code: 'custom', path: ['durationDays'], message: days.error.issues[0].message });
  })
  .transform(({ count, lifetime, durationDays: days, subscription, mask, readable, note }): Omit<GenerateLicensesRequest, 'appId'> => ({
    count,
    durationDays: lifetime ? null : (days as number),
    subscription,
    mask,
    ...(readable ? { readable } : {}),
    ...(note ? { note } : {}),
  }));

export type GenerateLicensesValues = z.input<typeof generateLicensesSchema>;
