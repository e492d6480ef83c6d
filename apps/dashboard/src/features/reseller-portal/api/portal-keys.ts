import type { ListLedgerQuery, ListResellerKeysQuery } from '@keyhold/contracts';

/** Query keys of the reseller portal; everything lives under `['reseller-portal']`. */
export const portalKeys = {
  all: ['reseller-portal'] as const,
  me: () => [...portalKeys.all, 'me'] as const,
  stats: () => [...portalKeys.all, 'stats'] as const,
  keyLists: () => [...portalKeys.all, 'keys'] as const,
  keys: (query: ListResellerKeysQuery) => [...portalKeys.keyLists(), query] as const,
  ledgers: () => [...portalKeys.all, 'ledger'] as const,
  ledger: (query: ListLedgerQuery) => [...portalKeys.ledgers(), query] as const,
};
