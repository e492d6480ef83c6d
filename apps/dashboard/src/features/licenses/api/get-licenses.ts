import type { ListLicensesQuery } from '@keyhold/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { licenseKeys } from './license-keys';

export function getLicenses(query: ListLicensesQuery) {
  return sdk.licenses.list(query);
}

export function licensesQueryOptions(query: ListLicensesQuery) {
  return queryOptions({
    queryKey: licenseKeys.list(query),
    queryFn: () => getLicenses(query),
    // Paging or filtering keeps the previous rows on screen until the next page arrives.
    placeholderData: keepPreviousData,
  });
}

export function useLicenses(query: ListLicensesQuery) {
  return useQuery(licensesQueryOptions(query));
}
