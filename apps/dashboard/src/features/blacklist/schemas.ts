/** The blacklist form's checks; the value rules (IP parsing, lengths) are in ./validation, tested there. */
import type { CreateBlacklistEntryRequest } from '@keyhold/contracts';
import { z } from 'zod';
import { optionalText } from '@/lib/schemas';
import { BLACKLIST_REASON_MAX, validateBlacklistValue } from './validation';

/** POST /v1/admin/blacklist (without the app id, which the page adds). */
export const addBlacklistEntrySchema = z
  .object({ type: z.enum(['ip', 'hwid']), value: z.string(), reason: optionalText(BLACKLIST_REASON_MAX) })
  .superRefine(({ type, value }, ctx) => {
    const problem = validateBlacklistValue(type, value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  })
  .transform(({ type, value, reason }): Omit<CreateBlacklistEntryRequest, 'appId'> => ({
    type,
    value: value.trim(),
    ...(reason ? { reason } : {}),
  }));
