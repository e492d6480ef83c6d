import type { LoginSellerRequest, SellerAuthResponse } from '@keyhold/contracts';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { setSession } from '@/lib/session';
import { authKeys } from './auth-keys';

export function login(body: LoginSellerRequest): Promise<SellerAuthResponse> {
  return sdk.auth.login(body);
}

export function loginMutationOptions() {
  return mutationOptions({ mutationKey: [...authKeys.all, 'login'], mutationFn: login });
}

/** Signs in and stores the session; the caller decides where to go next. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    ...loginMutationOptions(),
    onSuccess: (auth) => {
      queryClient.removeQueries(); // nothing cached for a previous seller may survive
      setSession(auth);
      queryClient.setQueryData(authKeys.me(), { seller: auth.seller });
    },
  });
}
