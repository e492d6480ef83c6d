import type { CountryLogins } from '@keyhold/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { appKeys } from './app-keys';

/** The window of the overview's "Logins by country", in days (the activity chart's too). */
export const COUNTRY_DAYS = 30;

export function getCountryStats(id: string, days = COUNTRY_DAYS): Promise<CountryLogins[]> {
  return sdk.apps.countryStats(id, { days });
}

/** Under `stats(id)`: whatever refreshes the app's overview refreshes this chart too. */
export function countryStatsQueryOptions(id: string, days = COUNTRY_DAYS) {
  return queryOptions({
    queryKey: [...appKeys.stats(id), 'countries', days] as const,
    queryFn: () => getCountryStats(id, days),
    staleTime: 10_000,
  });
}

export function useCountryStats(id: string, days = COUNTRY_DAYS) {
  return useQuery(countryStatsQueryOptions(id, days));
}
