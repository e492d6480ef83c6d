import type {
  ExportResellerKeysQuery,
  ListLedgerQuery,
  ListResellerKeysQuery,
  ResellerGenerateKeysRequest,
  ResellerLoginRequest,
} from '@keyhold/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createResellerClient } from '@keyhold/sdk';
import { env } from '@/config/env';
import { resellerSdk } from '@/lib/reseller-sdk';
import { setResellerSession } from '@/lib/reseller-session';
import { portalKeys } from './portal-keys';

export function useResellerLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...portalKeys.all, 'login'],
    mutationFn: (body: ResellerLoginRequest) => createResellerClient({ baseUrl: env.apiBaseUrl }).auth.login(body),
    onSuccess: (auth) => {
      queryClient.removeQueries({ queryKey: portalKeys.all });
      setResellerSession(auth);
      queryClient.setQueryData(portalKeys.me(), auth.reseller);
    },
  });
}

/** The longest a sign-out waits for the server before forgetting the token anyway. */
const LOGOUT_WAIT_MS = 3000;

/**
 * Ends the stored reseller token on the server (POST /v1/reseller/auth/logout). Never throws: a
 * token already refused, or a server out of reach, must not keep the reseller signed in.
 */
export async function resellerLogout(): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise((resolve) => (timer = setTimeout(resolve, LOGOUT_WAIT_MS)));
  await Promise.race([
    resellerSdk()
      .auth.logout()
      .catch(() => undefined),
    giveUp,
  ]);
  clearTimeout(timer);
}

/** The reseller's account: balance, apps, subscriptions and prices (checked against the API). */
export function useResellerMe() {
  return useQuery({ queryKey: portalKeys.me(), queryFn: () => resellerSdk().me(), staleTime: 10_000 });
}

export function useResellerStats() {
  return useQuery({ queryKey: portalKeys.stats(), queryFn: () => resellerSdk().stats(), staleTime: 10_000 });
}

export function useResellerKeys(query: ListResellerKeysQuery) {
  return useQuery({ queryKey: portalKeys.keys(query), queryFn: () => resellerSdk().keys.list(query), placeholderData: keepPreviousData });
}

/** The reseller's own credit history, newest first. */
export function useResellerLedger(query: ListLedgerQuery) {
  return useQuery({ queryKey: portalKeys.ledger(query), queryFn: () => resellerSdk().ledger(query), placeholderData: keepPreviousData });
}

/** The CSV of the keys the list's filters keep (app, status, search), every page. A read, run on a click. */
export function useResellerExport() {
  return useMutation({
    mutationKey: [...portalKeys.all, 'export'],
    mutationFn: (query: ExportResellerKeysQuery) => resellerSdk().keys.exportCsv(query),
  });
}

/** Spends credits on keys; the balance, the numbers, the key list and the credit history change. */
export function useResellerGenerate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...portalKeys.all, 'generate'],
    mutationFn: (body: ResellerGenerateKeysRequest) => resellerSdk().keys.generate(body),
    onSuccess: () =>
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: portalKeys.me() }),
        queryClient.invalidateQueries({ queryKey: portalKeys.stats() }),
        queryClient.invalidateQueries({ queryKey: portalKeys.keyLists() }),
        queryClient.invalidateQueries({ queryKey: portalKeys.ledgers() }),
      ]),
  });
}
