import type {
  CreditLedgerEntry,
  ExportResellerKeysQuery,
  ListLedgerQuery,
  ListResellerKeysQuery,
  LogoutRequest,
  LogoutResponse,
  ResellerAuthResponse,
  ResellerGenerateKeysRequest,
  ResellerGenerateKeysResponse,
  ResellerKeyResponse,
  ResellerLoginRequest,
  ResellerProfile,
  ResellerStatsResponse,
} from '@keyhold/contracts';
import { Http } from './http';

export interface ResellerClientOptions {
  /** e.g. `https://licensing.example.com` (no trailing `/v1`). */
  baseUrl: string;
  /** A reseller token from an earlier login; `auth.login()` sets one too. */
  token?: string;
  fetch?: typeof fetch;
}

/** The contract's query, every field optional (the list of all the reseller's apps by default). */
export type ListResellerKeysOptions = ListResellerKeysQuery;

/**
 * The reseller's API: sign in, generate keys for credits, list and export them, see the credit
 * history and the numbers. A successful login keeps its token for the other calls. Failures throw
 * KeyholdError (INSUFFICIENT_CREDITS, RESELLER_SUSPENDED, FORBIDDEN, NOT_FOUND, ...).
 */
export function createResellerClient(options: ResellerClientOptions) {
  let token = options.token;
  const http = new Http({ baseUrl: options.baseUrl, fetch: options.fetch, token: () => token });
  const enc = encodeURIComponent;
  return {
    http,
    get token() {
      return token;
    },
    auth: {
      login: async (body: ResellerLoginRequest) => {
        const answer = await http.request<ResellerAuthResponse>('POST', '/v1/reseller/auth/login', body);
        token = answer.token;
        return answer;
      },
      /** Ends the token on the server (or, with `everywhere`, all of the reseller's) and forgets it. */
      logout: async (body: LogoutRequest = {}) => {
        const answer = await http.request<LogoutResponse>('POST', '/v1/reseller/auth/logout', body);
        token = undefined;
        return answer;
      },
    },
    me: () => http.request<ResellerProfile>('GET', '/v1/reseller/me'),
    keys: {
      generate: (body: ResellerGenerateKeysRequest) =>
        http.request<ResellerGenerateKeysResponse>('POST', '/v1/reseller/keys/generate', body),
      list: (query: ListResellerKeysOptions = {}) => http.page<ResellerKeyResponse>('/v1/reseller/keys', { ...query }),
      get: (id: string) => http.request<ResellerKeyResponse>('GET', `/v1/reseller/keys/${enc(id)}`),
      /** Every key the list's filters keep (app, status, search), oldest first, as CSV. */
      exportCsv: async (query: ExportResellerKeysQuery = {}) => (await http.raw('GET', '/v1/reseller/keys/export', { ...query })).text(),
    },
    /** The reseller's own credit history, newest first (`?page=&limit=`). */
    ledger: (query: ListLedgerQuery = {}) => http.page<CreditLedgerEntry>('/v1/reseller/ledger', { ...query }),
    stats: () => http.request<ResellerStatsResponse>('GET', '/v1/reseller/stats'),
  };
}

export type ResellerClient = ReturnType<typeof createResellerClient>;
