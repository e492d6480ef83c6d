import type { LogoutRequest, LogoutResponse } from '@keyhold/contracts';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { clearSession } from '@/lib/session';
import { authKeys } from './auth-keys';

/** Ends the token in use on the server, or with `everywhere` every token of the seller. */
export function logout(body: LogoutRequest = {}): Promise<LogoutResponse> {
  return sdk.auth.logout(body);
}

export function signOutEverywhereMutationOptions() {
  return mutationOptions({ mutationKey: [...authKeys.all, 'logout-everywhere'], mutationFn: () => logout({ everywhere: true }) });
}

/**
 * "Sign out everywhere": every session of the seller ends, this one included, so the stored
 * session goes too (the sign-in page says why); the caller goes to the sign-in page.
 */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    ...signOutEverywhereMutationOptions(),
    onSuccess: () => {
      clearSession('signed-out-everywhere');
      // Drop the seller's data once the pages that used it are gone.
      setTimeout(() => queryClient.clear(), 0);
    },
  });
}
