import type { DeletedResponse, JsonWebKeySet, SigningKeyResponse } from '@keyhold/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { appKeys } from './app-keys';

/** The app's signing keys (the contract's "Trust" section), through the SDK's `signingKeys`. */
export function getSigningKeys(appId: string): Promise<SigningKeyResponse[]> {
  return sdk.signingKeys.list(appId);
}

export function addSigningKey(appId: string): Promise<SigningKeyResponse> {
  return sdk.signingKeys.add(appId);
}

export function activateSigningKey(appId: string, kid: string): Promise<SigningKeyResponse> {
  return sdk.signingKeys.activate(appId, kid);
}

export function retireSigningKey(appId: string, kid: string): Promise<DeletedResponse> {
  return sdk.signingKeys.retire(appId, kid);
}

/**
 * The JWK Set the seller's software pins: what GET /v1/client/jwks answers, built from the listed
 * keys (every active, next and previous key, in the list's order).
 */
export function jwksOf(keys: readonly SigningKeyResponse[]): JsonWebKeySet {
  return { keys: keys.map((key) => key.publicJwk) };
}

export function signingKeysQueryOptions(appId: string) {
  return queryOptions({ queryKey: appKeys.signingKeys(appId), queryFn: () => getSigningKeys(appId) });
}

export function useSigningKeys(appId: string) {
  return useQuery(signingKeysQueryOptions(appId));
}

/** A `next` key: published in the JWK Set at once, signing only once activated. */
export function useAddSigningKey(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...appKeys.signingKeys(appId), 'add'],
    mutationFn: () => addSigningKey(appId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.signingKeys(appId) }),
  });
}

/** The key signs from now on; the one that did becomes `previous`. Every status may change: the list is refetched. */
export function useActivateSigningKey(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...appKeys.signingKeys(appId), 'activate'],
    mutationFn: (kid: string) => activateSigningKey(appId, kid),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.signingKeys(appId) }),
  });
}

/** Unpublished for good; the API refuses the active key (409 CONFLICT). */
export function useRetireSigningKey(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...appKeys.signingKeys(appId), 'retire'],
    mutationFn: (kid: string) => retireSigningKey(appId, kid),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.signingKeys(appId) }),
  });
}
