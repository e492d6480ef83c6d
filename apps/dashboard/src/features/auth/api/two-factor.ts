import type {
  SellerResponse,
  TwoFactorCodeRequest,
  TwoFactorDisableResponse,
  TwoFactorEnableResponse,
  TwoFactorSetupResponse,
} from '@keyhold/contracts';
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { authKeys } from './auth-keys';

export function setupTwoFactor(): Promise<TwoFactorSetupResponse> {
  return sdk.auth.twoFactor.setup();
}

export function enableTwoFactor(body: TwoFactorCodeRequest): Promise<TwoFactorEnableResponse> {
  return sdk.auth.twoFactor.enable(body);
}

export function disableTwoFactor(body: TwoFactorCodeRequest): Promise<TwoFactorDisableResponse> {
  return sdk.auth.twoFactor.disable(body);
}

/** The seller as the answer has it now, then checked again against /me. */
function refreshMe(queryClient: QueryClient, seller: SellerResponse) {
  queryClient.setQueryData(authKeys.me(), { seller });
  void queryClient.invalidateQueries({ queryKey: authKeys.me() });
}

export function twoFactorSetupMutationOptions() {
  return mutationOptions({ mutationKey: [...authKeys.all, '2fa', 'setup'], mutationFn: setupTwoFactor });
}

/** A new secret for the authenticator (replacing a pending one); nothing changes until it is enabled. */
export function useTwoFactorSetup() {
  return useMutation(twoFactorSetupMutationOptions());
}

export function enableTwoFactorMutationOptions() {
  return mutationOptions({ mutationKey: [...authKeys.all, '2fa', 'enable'], mutationFn: enableTwoFactor });
}

/** Turns two-factor sign-in on with a code of the pending secret; the answer has the recovery codes, once. */
export function useEnableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({ ...enableTwoFactorMutationOptions(), onSuccess: ({ seller }) => refreshMe(queryClient, seller) });
}

export function disableTwoFactorMutationOptions() {
  return mutationOptions({ mutationKey: [...authKeys.all, '2fa', 'disable'], mutationFn: disableTwoFactor });
}

/** Turns two-factor sign-in off with an authenticator code or a recovery code. */
export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({ ...disableTwoFactorMutationOptions(), onSuccess: ({ seller }) => refreshMe(queryClient, seller) });
}
