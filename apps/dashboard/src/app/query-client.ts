import { notifications } from '@mantine/notifications';
import { KeyholdError } from '@keyhold/sdk';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { refreshAppSummary } from '@/features/apps/api/app-keys';
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
 * apps feature's counts are refreshed here, so that no feature imports another.
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
        if (meta?.refreshesAppSummary) void refreshAppSummary(client, meta.refreshesAppSummary);
      },
    }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
