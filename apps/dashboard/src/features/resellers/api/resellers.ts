import type {
  AdjustCreditsRequest,
  CreateResellerRequest,
  ListLedgerQuery,
  ListResellersQuery,
  UpdateResellerRequest,
} from '@keyhold/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { resellerKeys } from './reseller-keys';

export function resellersQueryOptions(query: ListResellersQuery) {
  return queryOptions({ queryKey: resellerKeys.list(query), queryFn: () => sdk.resellers.list(query), placeholderData: keepPreviousData });
}

export function useResellers(query: ListResellersQuery) {
  return useQuery(resellersQueryOptions(query));
}

export function useReseller(id: string) {
  return useQuery({ queryKey: resellerKeys.detail(id), queryFn: () => sdk.resellers.get(id) });
}

export function useLedger(id: string, query: ListLedgerQuery) {
  return useQuery({
    queryKey: resellerKeys.ledger(id, query),
    queryFn: () => sdk.resellers.ledger(id, query),
    placeholderData: keepPreviousData,
  });
}

export function useCreateReseller() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...resellerKeys.all, 'create'],
    mutationFn: (body: CreateResellerRequest) => sdk.resellers.create(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: resellerKeys.lists() }),
  });
}

export function useUpdateReseller(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...resellerKeys.detail(id), 'update'],
    mutationFn: (body: UpdateResellerRequest) => sdk.resellers.update(id, body),
    onSuccess: (reseller) => {
      queryClient.setQueryData(resellerKeys.detail(id), reseller);
      void queryClient.invalidateQueries({ queryKey: resellerKeys.lists() });
    },
  });
}

/** Top up (positive) or take back (negative); the balance and the ledger change. */
export function useAdjustCredits(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...resellerKeys.detail(id), 'credits'],
    mutationFn: (body: AdjustCreditsRequest) => sdk.resellers.adjustCredits(id, body),
    onSuccess: () =>
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: resellerKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: resellerKeys.lists() }),
      ]),
  });
}

export function useDeleteReseller(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...resellerKeys.detail(id), 'delete'],
    mutationFn: () => sdk.resellers.remove(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: resellerKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: resellerKeys.lists() });
    },
  });
}
