import type { CreateUserRequest, UpdateUserRequest } from '@keyhold/contracts';
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
