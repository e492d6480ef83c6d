import type { CreateAppRequest, CreatedAppResponse } from '@keyhold/contracts';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { appKeys } from './app-keys';

export function createApp(body: CreateAppRequest): Promise<CreatedAppResponse> {
  return sdk.apps.create(body);
}

export function createAppMutationOptions() {
  return mutationOptions({ mutationKey: [...appKeys.all, 'create'], mutationFn: createApp });
}

/**
 * Creates an app. The answer carries the API secret, shown once: it is never written into the
 * query cache (the list is refetched instead), and the modal resets the mutation when it closes.
 */
export function useCreateApp() {
  const queryClient = useQueryClient();
  return useMutation({
    ...createAppMutationOptions(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: appKeys.lists() }),
  });
}
