import type { ResellerPrice } from '@keyhold/contracts';
import { DomainError } from '../common/errors/domain-error';

const durationLabel = (d: number | null) => (d === null ? 'lifetime' : `${d} days`);

/**
 * The price list as stored: one price per duration (a duplicate is refused, since two prices for
 * one duration would be ambiguous), ordered by duration with lifetime last.
 */
export function normalisePrices(prices: ResellerPrice[]): ResellerPrice[] {
  const seen = new Set<number | null>();
  for (const p of prices) {
    if (seen.has(p.durationDays)) {
      throw new DomainError('VALIDATION_FAILED', 'Request validation failed', [
        { field: 'prices', reason: `prices names ${durationLabel(p.durationDays)} more than once` },
      ]);
    }
    seen.add(p.durationDays);
  }
  return sortPrices(prices.map((p) => ({ durationDays: p.durationDays, credits: p.credits })));
}

export function sortPrices(prices: ResellerPrice[]): ResellerPrice[] {
  const rank = (d: number | null) => (d === null ? Number.POSITIVE_INFINITY : d);
  return [...prices].sort((a, b) => rank(a.durationDays) - rank(b.durationDays));
}

/** Distinct values in their first order. */
export const distinct = <T>(values: T[]): T[] => [...new Set(values)];

/** The ledger note of a spend: how many keys, of what. */
export function spendNote(count: number, durationDays: number | null, subscription: string, appPublicId: string): string {
  return `Generated ${count} key${count === 1 ? '' : 's'} (${durationLabel(durationDays)}, ${subscription}) for ${appPublicId}`;
}
