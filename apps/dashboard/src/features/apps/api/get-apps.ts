import type { AppResponse } from '@keyhold/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { appKeys } from './app-keys';

export function getApps(): Promise<AppResponse[]> {
  return sdk.apps.list();
}

export function appsQueryOptions() {
  return queryOptions({ queryKey: appKeys.list(), queryFn: getApps });
}

export function useApps() {
  return useQuery(appsQueryOptions());
}
