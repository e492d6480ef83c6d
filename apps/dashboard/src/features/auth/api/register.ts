import type { RegisterSellerRequest, SellerAuthResponse } from '@keyhold/contracts';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { setSession } from '@/lib/session';
import { authKeys } from './auth-keys';

export function register(body: RegisterSellerRequest): Promise<SellerAuthResponse> {
  return sdk.auth.register(body);
}

export function registerMutationOptions() {
  return mutationOptions({ mutationKey: [...authKeys.all, 'register'], mutationFn: register });
}

/** Creates the seller account and signs it in. */
export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    ...registerMutationOptions(),
    onSuccess: (auth) => {
      queryClient.removeQueries();
      setSession(auth);
      queryClient.setQueryData(authKeys.me(), { seller: auth.seller });
    },
  });
}
