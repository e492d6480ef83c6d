import type { QueryClient } from '@tanstack/react-query';

/**
 * Query keys of the apps feature; mutations invalidate through these, never by hand-written arrays.
 * Per-app features (licenses, users) do not import these: their mutations declare
 * `meta: { refreshesAppSummary: appId }` and the app's query client (app/query-client.ts) calls
 * `refreshAppSummary`, since the app's counts and overview depend on their data.
 */
export const appKeys = {
  all: ['apps'] as const,
  lists: () => [...appKeys.all, 'list'] as const,
  list: () => [...appKeys.lists()] as const,
  details: () => [...appKeys.all, 'detail'] as const,
  detail: (id: string) => [...appKeys.details(), id] as const,
  stats: (id: string) => [...appKeys.detail(id), 'stats'] as const,
  /** Not under `detail(id)`: refreshing an app's counts has no reason to reload its keys. */
  signingKeys: (id: string) => [...appKeys.all, 'signing-keys', id] as const,
};

/** The counts shown for an app (apps list, overview) after its users or keys changed. */
export function refreshAppSummary(queryClient: QueryClient, appId: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: appKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: appKeys.detail(appId) }),
  ]);
}
