import type { ListLedgerQuery, ListResellersQuery } from '@keyhold/contracts';

/** Query keys of the resellers feature (the seller's side). */
export const resellerKeys = {
  all: ['resellers'] as const,
  lists: () => [...resellerKeys.all, 'list'] as const,
  list: (query: ListResellersQuery) => [...resellerKeys.lists(), query] as const,
  details: () => [...resellerKeys.all, 'detail'] as const,
  detail: (id: string) => [...resellerKeys.details(), id] as const,
  ledger: (id: string, query: ListLedgerQuery) => [...resellerKeys.detail(id), 'ledger', query] as const,
};
