import { DomainError } from '../common/errors/domain-error';
import { normalisePrices, spendNote } from './reseller-prices';

describe('reseller price lists', () => {
  it('orders prices by duration with lifetime last', () => {
    expect(
      normalisePrices([
        { durationDays: null, credits: 50 },
        { durationDays: 30, credits: 5 },
        { durationDays: 7, credits: 2 },
      ]),
    ).toEqual([
      { durationDays: 7, credits: 2 },
      { durationDays: 30, credits: 5 },
      { durationDays: null, credits: 50 },
    ]);
  });

  it('refuses two prices for one duration, lifetime included', () => {
    for (const dup of [
      [
        { durationDays: 30, credits: 5 },
        { durationDays: 30, credits: 6 },
      ],
      [
        { durationDays: null, credits: 5 },
        { durationDays: null, credits: 5 },
      ],
    ]) {
      let error: unknown;
      try {
        normalisePrices(dup);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('VALIDATION_FAILED');
      expect((error as DomainError).details?.[0].field).toBe('prices');
    }
  });

  it('accepts an empty list (the reseller can sell nothing yet)', () => {
    expect(normalisePrices([])).toEqual([]);
  });

  it('writes the number of keys into the spend note', () => {
    expect(spendNote(1, null, 'premium', 'app_1')).toBe('Generated 1 key (lifetime, premium) for app_1');
    expect(spendNote(5, 30, 'basic', 'app_1')).toBe('Generated 5 keys (30 days, basic) for app_1');
  });
});
