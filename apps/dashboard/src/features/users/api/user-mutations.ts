import type { CreateUserRequest, UpdateUserRequest, UserBulkRequest } from '@keyhold/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { userKeys } from './user-keys';

/**
 * After any change to an app's users: its user lists. Its counts (apps feature) are refreshed by the
 * query client, for the mutations that declare `meta: { refreshesAppSummary: appId }`.
 */
function useRefresh(appId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: userKeys.appLists(appId) });
}

/** A credential made by the seller (no license key needed). */
export function useCreateUser(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...userKeys.all, 'create', appId],
    meta: { refreshesAppSummary: appId },
    mutationFn: (body: Omit<CreateUserRequest, 'appId'>) => sdk.users.create({ ...body, appId }),
    onSuccess: () => void refresh(),
  });
}

/** Ban, unban, reset the hardware id, expiry, subscription, password: one PATCH. */
export function useUpdateUser(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...userKeys.all, 'update', appId],
    meta: { refreshesAppSummary: appId },
    mutationFn: ({ id, body }: { id: string; body: UpdateUserRequest }) => sdk.users.update(id, body),
    onSuccess: () => void refresh(),
  });
}

export function useDeleteUser(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...userKeys.all, 'delete', appId],
    meta: { refreshesAppSummary: appId },
    mutationFn: (id: string) => sdk.users.remove(id),
    onSuccess: () => void refresh(),
  });
}

/** One action on many users; a dry run only counts, and changes nothing to refresh. */
export function useBulkUsers(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...userKeys.all, 'bulk', appId],
    meta: { refreshesAppSummary: appId },
    mutationFn: (body: Omit<UserBulkRequest, 'appId'>) => sdk.users.bulk({ ...body, appId }),
    onSuccess: () => void refresh(),
  });
}

/** The count a bulk action would change, for its confirmation (a dry run: nothing is changed or refreshed). */
export function useBulkCount(appId: string) {
  return useMutation({
    mutationKey: [...userKeys.all, 'bulk-count', appId],
    mutationFn: (body: Omit<UserBulkRequest, 'appId' | 'dryRun'>) => sdk.users.bulk({ ...body, appId, dryRun: true }),
  });
}
