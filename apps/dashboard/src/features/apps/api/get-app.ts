import type { AppResponse, AppStatsResponse } from '@keyhold/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { appKeys } from './app-keys';

export function getApp(id: string): Promise<AppResponse> {
  return sdk.apps.get(id);
}

export function appQueryOptions(id: string) {
  return queryOptions({ queryKey: appKeys.detail(id), queryFn: () => getApp(id) });
}

export function useApp(id: string) {
  return useQuery(appQueryOptions(id));
}

export function getAppStats(id: string): Promise<AppStatsResponse> {
  return sdk.apps.stats(id);
}

export function appStatsQueryOptions(id: string) {
  return queryOptions({ queryKey: appKeys.stats(id), queryFn: () => getAppStats(id), staleTime: 10_000 });
}

export function useAppStats(id: string) {
  return useQuery(appStatsQueryOptions(id));
}
