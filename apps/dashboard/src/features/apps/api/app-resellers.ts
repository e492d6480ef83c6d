import { useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { appKeys } from './app-keys';

/**
 * How many of the seller's resellers sell the app (GET /v1/admin/resellers?appId=, one row read):
 * the delete confirmation says they lose it. Under the app's detail key, so deleting the app drops it.
 */
export function useAppResellerCount(appId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...appKeys.detail(appId), 'resellers'] as const,
    queryFn: async () => (await sdk.resellers.list({ appId, limit: 1 })).meta.total,
    enabled,
  });
}
