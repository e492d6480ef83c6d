import type { ChangePasswordRequest, ChangePasswordResponse } from '@keyhold/contracts';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { authKeys } from './auth-keys';

export function changePassword(body: ChangePasswordRequest): Promise<ChangePasswordResponse> {
  return sdk.auth.changePassword(body);
}

export function changePasswordMutationOptions() {
  return mutationOptions({ mutationKey: [...authKeys.all, 'password'], mutationFn: changePassword });
}

/** A new password: this session stays, every other one of the seller ends. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    ...changePasswordMutationOptions(),
    onSuccess: ({ seller }) => queryClient.setQueryData(authKeys.me(), { seller }),
  });
}
