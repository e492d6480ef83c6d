import { notifications } from '@mantine/notifications';
import { KeyholdError } from '@keyhold/sdk';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { refreshAppSummary } from '@/features/apps/api/app-keys';
import { licenseKeys } from '@/features/licenses/api/license-keys';
import { userKeys } from '@/features/users/api/user-keys';
import { getErrorMessage, isSessionExpired } from '@/lib/errors';

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired, please sign in again';

export interface QueryClientHooks {
  /** A call answered 401 UNAUTHORIZED: the stored token is no longer accepted. */
  onSessionExpired: () => void;
}

/** 4xx answers will not change on retry; network and server errors might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof KeyholdError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The app's one query client. Cross-cutting reactions to errors live here, not in the HTTP
 * layer: an expired session signs the seller out, and a failed background refetch (stale data
 * still on screen) raises a toast. Errors of a first load are shown by the page itself.
 * Per-app features (licenses, users) mark their changes with `meta.refreshesAppSummary`; the
 * apps feature's counts are refreshed here, and so are both features' lists of that app, since a
 * change to one shows on the other (a user's device reset empties its key's hardware id, a key's
 * reset its user's; a ban shows on both), so that no feature imports another.
 */
export function createQueryClient({ onSessionExpired }: QueryClientHooks): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isSessionExpired(error)) return onSessionExpired();
        if (query.state.data !== undefined) {
          notifications.show({ color: 'red', title: 'Could not refresh', message: getErrorMessage(error) });
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isSessionExpired(error)) onSessionExpired();
      },
      // Not awaited: the mutation's own onSuccess does not wait for the refetch.
      onSuccess: (_data, _variables, _onMutateResult, _mutation, { client, meta }) => {
        const appId = meta?.refreshesAppSummary;
        if (appId) {
          void refreshAppSummary(client, appId);
          // Marked stale, loaded afresh when next shown: the mutation's own feature refetches the list
          // on screen, and a refetch here too would load it twice.
          void client.invalidateQueries({ queryKey: licenseKeys.appLists(appId), refetchType: 'none' });
          void client.invalidateQueries({ queryKey: userKeys.appLists(appId), refetchType: 'none' });
        }
      },
    }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
