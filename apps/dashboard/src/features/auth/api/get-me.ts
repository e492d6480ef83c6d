import type { MeResponse } from '@keyhold/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { authKeys } from './auth-keys';

export function getMe(): Promise<MeResponse> {
  return sdk.auth.me();
}

export function meQueryOptions() {
  return queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 5 * 60_000 });
}

/** The signed-in seller, checked against the API (a stale token fails here with 401). */
export function useMe() {
  return useQuery(meQueryOptions());
}
