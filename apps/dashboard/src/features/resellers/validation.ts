import { MAX_CREDITS_AMOUNT, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, passwordBytes, RESELLER_USERNAME_PATTERN } from '@keyhold/contracts';
import { validateSubscriptionList } from '@/lib/subscriptions';

/** Checks of the reseller forms, the patterns and limits are libs/contracts', the same the API checks (apps/api/src/resellers/dto). */

export const RESELLER_PASSWORD_MIN = PASSWORD_MIN_LENGTH.reseller;

/** A price row as the form holds it; `days: ''` while empty. */
export interface PriceRow {
  lifetime: boolean;
  days: number | string;
  credits: number | string;
}

export function validateResellerUsername(value: string): string | undefined {
  const username = value.trim();
  if (!username) return 'Username is required';
  if (!RESELLER_USERNAME_PATTERN.test(username)) return 'Use 3-64 letters, digits, . _ - or @';
  return undefined;
}

export function validateResellerPassword(value: string): string | undefined {
  if (!value) return 'Password is required';
  if (value.length < RESELLER_PASSWORD_MIN) return `Use at least ${RESELLER_PASSWORD_MIN} characters`;
  if (passwordBytes(value) > PASSWORD_MAX_BYTES) return `Use at most ${PASSWORD_MAX_BYTES} bytes (accented letters and symbols count 2-4)`;
  return undefined;
}

export function validateCredits(value: number | string, { allowNegative = false, allowZero = true } = {}): string | undefined {
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
      if (days === '' || typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 36_500) return 'Days must be 1-36,500';
    }
    const credits = validateCredits(row.credits);
    if (credits) return credits;
    const key = row.lifetime ? 'lifetime' : String(row.days);
    if (seen.has(key)) return 'This duration already has a price';
    seen.add(key);
    return undefined;
  });
  return { rows: problems, list: rows.length === 0 ? 'Add at least one duration with its price' : rows.length > 50 ? 'At most 50 prices' : undefined };
}

export function validatePermissions(appIds: string[], subscriptions: string[]): { appIds?: string; subscriptions?: string } {
  return {
    appIds: appIds.length === 0 ? 'Pick at least one app' : undefined,
    subscriptions: subscriptions.length === 0 ? 'Add at least one subscription' : validateSubscriptionList(subscriptions),
  };
}

export function toPrices(rows: PriceRow[]) {
  return rows.map((row) => ({ durationDays: row.lifetime ? null : (row.days as number), credits: row.credits as number }));
}

export function fromPrices(prices: Array<{ durationDays: number | null; credits: number }>): PriceRow[] {
  return prices.map((p) => ({ lifetime: p.durationDays === null, days: p.durationDays ?? '', credits: p.credits }));
}
