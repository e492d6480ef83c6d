import {
  LICENSE_MASK_MIN_RANDOM,
  LICENSE_MASK_PATTERN,
  LICENSE_MASK_RULE,
  MAX_FILE_SUBSCRIPTIONS,
  PASSWORD_MAX_BYTES,
  passwordBytes,
  SUBSCRIPTION_PATTERN,
  SUBSCRIPTION_RULE,
} from '@keyhold/contracts';
import { z } from 'zod';

/** Field schemas more than one feature's forms use; each feature builds its own forms' schemas from these. */

/** A NumberInput's value: a number, or '' while empty. */
export type NumberValue = number | string;

/** A whole number typed into a NumberInput; `message` when it is empty or not whole. Pipe it into bounds. */
export function wholeNumber(message: string) {
  return z
    .union([z.number(), z.string()])
    .refine((value) => typeof value === 'number' && Number.isInteger(value), message)
    .transform((value) => value as number);
}

/** A Select's choice (null until picked). */
export function picked(message: string) {
  return z
    .string()
    .nullable()
    .transform((value, ctx) => {
      if (value) return value;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}

/** A password of `min` characters at least and at most PASSWORD_MAX_BYTES bytes (what bcrypt reads). */
export function password(min: number, messages: { required: string; short: string; long: string }) {
  return z
    .string()
    .min(1, messages.required)
    .min(min, messages.short)
    .refine((value) => passwordBytes(value) <= PASSWORD_MAX_BYTES, messages.long);
}

/** The API's subscription names (`premium`, `tier_2`...). */
export const SUBSCRIPTION_MESSAGE = `Use ${SUBSCRIPTION_RULE}`;

/** An optional subscription: empty means none (sent as null). */
export const optionalSubscription = z
  .string()
  .trim()
  .refine((value) => !value || SUBSCRIPTION_PATTERN.test(value), SUBSCRIPTION_MESSAGE)
  .transform((value) => value || null);

/** A list of subscriptions (a file's allowed ones, a reseller's): each valid, at most `max`. */
export function subscriptionList(max = MAX_FILE_SUBSCRIPTIONS) {
  return z.array(z.string()).superRefine((values, ctx) => {
    const bad = values.find((value) => !SUBSCRIPTION_PATTERN.test(value));
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `"${bad}" is not valid: use ${SUBSCRIPTION_RULE}` });
    else if (values.length > max) ctx.addIssue({ code: 'custom', message: `Use at most ${max} subscriptions` });
  });
}

/** Optional text of at most `max` characters after trimming (a note, a reason); empty becomes undefined. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .transform((value) => value || undefined);
}

/** A key mask as the API takes it (licenses/license-key.ts): its characters, and at least LICENSE_MASK_MIN_RANDOM X. */
export const licenseMask = z
  .string()
  .trim()
  .min(1, 'Mask is required')
  .regex(LICENSE_MASK_PATTERN, `Use ${LICENSE_MASK_RULE}`)
  .refine(
    (mask) => [...mask].filter((c) => c === 'X').length >= LICENSE_MASK_MIN_RANDOM,
    `Include at least ${LICENSE_MASK_MIN_RANDOM} X (each becomes a random character)`,
  );
