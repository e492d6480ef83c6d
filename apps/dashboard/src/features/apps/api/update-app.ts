import type { AppResponse, UpdateAppRequest } from '@keyhold/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { appKeys } from './app-keys';

/** The answer is the whole app: put it in the cache at once, and refresh the list around it. */
function storeApp(queryClient: QueryClient, app: AppResponse) {
  queryClient.setQueryData(appKeys.detail(app.id), app);
  void queryClient.invalidateQueries({ queryKey: appKeys.lists() });
}

export function useUpdateApp(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...appKeys.detail(id), 'update'],
    mutationFn: (body: UpdateAppRequest) => sdk.apps.update(id, body),
    onSuccess: (app) => storeApp(queryClient, app),
  });
}

/** New API key: software still sending the old one is refused from now on. */
export function useRotateAppKey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...appKeys.detail(id), 'rotate-key'],
    mutationFn: () => sdk.apps.rotateKey(id),
    onSuccess: (app) => storeApp(queryClient, app),
  });
}

/**
 * New app secret (the store integration key): the answer carries it this once. The app in it is
 * cached without the secret, which lives only in the caller's state until the dialog closes.
 */
export function useRotateAppSecret(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...appKeys.detail(id), 'rotate-secret'],
    mutationFn: () => sdk.apps.rotateSecret(id),
    onSuccess: ({ apiSecret: _shownOnce, ...app }) => storeApp(queryClient, app),
  });
}

/** New Axora endpoint id: the old authentication URL stops working. */
export function useRegenerateEndpoint(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...appKeys.detail(id), 'regenerate-endpoint'],
    mutationFn: () => sdk.apps.regenerateEndpoint(id),
    onSuccess: (app) => storeApp(queryClient, app),
  });
}

export function useDeleteApp(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...appKeys.detail(id), 'delete'],
    mutationFn: () => sdk.apps.remove(id),
    onSuccess: () => {
      // Removing (not invalidating) the detail: a refetch would only answer 404.
      queryClient.removeQueries({ queryKey: appKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: appKeys.lists() });
    },
  });
}
