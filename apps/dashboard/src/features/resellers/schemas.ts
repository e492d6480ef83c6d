/** The reseller forms' checks: libs/contracts' patterns and limits, the same the API checks (apps/api/src/resellers/dto). */
import {
  MAX_CREDITS_AMOUNT,
  MAX_DURATION_DAYS,
  NOTE_MAX_LENGTH,
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_LENGTH,
  RESELLER_USERNAME_PATTERN,
  RESELLER_USERNAME_RULE,
  type AdjustCreditsRequest,
  type CreateResellerRequest,
  type ResellerPrice,
} from '@keyhold/contracts';
import { z } from 'zod';
import { formatNumber } from '@/lib/format';
import { optionalText, password, subscriptionList, type NumberValue } from '@/lib/schemas';

export const RESELLER_PASSWORD_MIN = PASSWORD_MIN_LENGTH.reseller;
const MAX_PRICES = 50;

/** A price row as the form holds it; `days: ''` while empty. */
export interface PriceRow {
  lifetime: boolean;
  days: NumberValue;
  credits: NumberValue;
}

/** What a reseller may sell, as the form holds it. */
export interface Permissions {
  appIds: string[];
  subscriptions: string[];
  prices: PriceRow[];
}

export function validateCredits(value: NumberValue, { allowNegative = false, allowZero = true } = {}): string | undefined {
  if (value === '' || typeof value !== 'number' || !Number.isInteger(value)) return 'Enter a whole number of credits';
  if (!allowZero && value === 0) return 'Enter an amount other than 0';
  if (!allowNegative && value < 0) return 'Credits cannot be negative';
  if (Math.abs(value) > MAX_CREDITS_AMOUNT) return `At most ${MAX_CREDITS_AMOUNT.toLocaleString('en')} credits at a time`;
  return undefined;
}

/** Per row: the problem of each row (or undefined); plus a problem of the list as a whole. */
export function validatePrices(rows: PriceRow[]): { rows: Array<string | undefined>; list?: string } {
  const seen = new Set<string>();
  const problems = rows.map((row) => {
    if (!row.lifetime) {
      const days = row.days;
      const whole = typeof days === 'number' && Number.isInteger(days);
      if (!whole || days < 1 || days > MAX_DURATION_DAYS) return `Days must be 1-${MAX_DURATION_DAYS.toLocaleString('en')}`;
    }
    const credits = validateCredits(row.credits);
    if (credits) return credits;
    const key = row.lifetime ? 'lifetime' : String(row.days);
    if (seen.has(key)) return 'This duration already has a price';
    seen.add(key);
    return undefined;
  });
  if (rows.length === 0) return { rows: problems, list: 'Add at least one duration with its price' };
  return { rows: problems, list: rows.length > MAX_PRICES ? `At most ${MAX_PRICES} prices` : undefined };
}

export function toPrices(rows: PriceRow[]): ResellerPrice[] {
  return rows.map((row) => ({ durationDays: row.lifetime ? null : (row.days as number), credits: row.credits as number }));
}

export function fromPrices(prices: ResellerPrice[]): PriceRow[] {
  return prices.map((p) => ({ lifetime: p.durationDays === null, days: p.durationDays ?? '', credits: p.credits }));
}

/** A credits field: the problem `validateCredits` finds, on the field. */
function credits(options: Parameters<typeof validateCredits>[1] = {}) {
  return z
    .custom<NumberValue>()
    .superRefine((value, ctx) => {
      const problem = validateCredits(value, options);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => value as number);
}

const permissionFields = {
  appIds: z.array(z.string()).min(1, 'Pick at least one app'),
  subscriptions: subscriptionList().min(1, 'Add at least one subscription'),
  prices: z
    .array(z.object({ lifetime: z.boolean(), days: z.custom<NumberValue>(), credits: z.custom<NumberValue>() }))
    .superRefine((rows, ctx) => {
      // A row's problem goes on the row (`prices.0`), the list's on the list (`prices`).
      const problems = validatePrices(rows);
      problems.rows.forEach((message, index) => message && ctx.addIssue({ code: 'custom', path: [index], message }));
      if (problems.list) ctx.addIssue({ code: 'custom', message: problems.list });
    }),
};

/** The permissions part of a request: prices as the API wants them. */
const withPrices = <V extends Permissions>({ prices, ...rest }: V) => ({ ...rest, prices: toPrices(prices) });

/** PATCH /v1/admin/resellers/:id with what they sell. */
export const permissionsSchema = z.object(permissionFields).transform(withPrices);

const username = z.string().trim().min(1, 'Username is required').regex(RESELLER_USERNAME_PATTERN, `Use ${RESELLER_USERNAME_RULE}`);
const resellerPassword = password(RESELLER_PASSWORD_MIN, {
  required: 'Password is required',
  short: `Use at least ${RESELLER_PASSWORD_MIN} characters`,
  long: `Use at most ${PASSWORD_MAX_BYTES} bytes (accented letters and symbols count 2-4)`,
});

/** POST /v1/admin/resellers: the account, what it sells and an opening balance. */
export const createResellerSchema = z
  .object({ username, password: resellerPassword, credits: credits(), ...permissionFields })
  .transform((values): CreateResellerRequest => withPrices(values));

/** PATCH /v1/admin/resellers/:id with a new password. */
export const resellerPasswordSchema = z.object({ password: resellerPassword });

/** POST /v1/admin/resellers/:id/credits: a top-up, or a take-back that `balance` covers. */
export function adjustCreditsSchema(balance: number) {
  return z
    .object({ mode: z.enum(['add', 'remove']), amount: z.custom<NumberValue>(), note: optionalText(NOTE_MAX_LENGTH) })
    .superRefine(({ mode, amount }, ctx) => {
      const problem =
        validateCredits(amount, { allowZero: false }) ??
        (mode === 'remove' && (amount as number) > balance ? `They have only ${formatNumber(balance)} credits` : undefined);
      if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
    })
    .transform(({ mode, amount, note }): AdjustCreditsRequest => {
      const value = amount as number;
      return { amount: mode === 'add' ? value : -value, ...(note ? { note } : {}) };
    });
}
