import type { SignupStatusResponse } from '@keyhold/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { authKeys } from './auth-keys';

export function getSignupStatus(): Promise<SignupStatusResponse> {
  return sdk.auth.signupStatus();
}

export function signupStatusQueryOptions() {
  return queryOptions({ queryKey: authKeys.signupStatus(), queryFn: getSignupStatus, staleTime: 5 * 60_000 });
}

/** Whether this server takes new seller accounts (SELLER_SIGNUP); the sign-in and sign-up pages ask. */
export function useSignupStatus() {
  return useQuery(signupStatusQueryOptions());
}
