import type { CreateBlacklistEntryRequest } from '@keyhold/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { blacklistKeys } from './blacklist-keys';

export function blacklistQueryOptions(appId: string) {
  return queryOptions({ queryKey: blacklistKeys.list(appId), queryFn: () => sdk.blacklist.list(appId) });
}

export function useBlacklist(appId: string) {
  return useQuery(blacklistQueryOptions(appId));
}

export function useAddBlacklistEntry(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...blacklistKeys.all, 'add', appId],
    mutationFn: (body: Omit<CreateBlacklistEntryRequest, 'appId'>) => sdk.blacklist.add({ ...body, appId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: blacklistKeys.list(appId) }),
  });
}

export function useRemoveBlacklistEntry(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...blacklistKeys.all, 'remove', appId],
    mutationFn: (id: string) => sdk.blacklist.remove(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: blacklistKeys.list(appId) }),
  });
}
