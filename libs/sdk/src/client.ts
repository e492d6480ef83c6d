import type {
  ClientLicenseLoginRequest,
  ClientLicenseLoginResponse,
  ClientLoginRequest,
  ClientLoginResponse,
  ClientLogoutResponse,
  ClientRegisterRequest,
  ClientRegisterResponse,
  ClientSessionResponse,
} from '@keyhold/contracts';
import { Http } from './http';

export interface EndUserClientOptions {
  /** e.g. `https://licensing.example.com` */
  baseUrl: string;
  /** The app's public API key (`ak_...`) */
  apiKey: string;
  fetch?: typeof fetch;
}

/**
 * The client for end-user software. A successful login keeps its client token for `session()`
 * and `logout()`. Failures throw KeyholdError with the seed's codes (INVALID_CREDENTIALS,
 * HWID_MISMATCH, LICENSE_EXPIRED, BLACKLISTED, ...).
 */
export function createEndUserClient(options: EndUserClientOptions) {
  let token: string | undefined;
  const http = new Http({ baseUrl: options.baseUrl, apiKey: options.apiKey, fetch: options.fetch, token: () => token });
  const keep = <T extends { token: string }>(answer: T): T => {
    token = answer.token;
    return answer;
  };
  return {
    get token() {
      return token;
    },
    login: async (body: ClientLoginRequest) => keep(await http.request<ClientLoginResponse>('POST', '/v1/client/login', body)),
    register: async (body: ClientRegisterRequest) => keep(await http.request<ClientRegisterResponse>('POST', '/v1/client/register', body)),
    licenseLogin: async (body: ClientLicenseLoginRequest) =>
      keep(await http.request<ClientLicenseLoginResponse>('POST', '/v1/client/license', body)),
    session: () => http.request<ClientSessionResponse>('GET', '/v1/client/session'),
    logout: async () => {
      const answer = await http.request<ClientLogoutResponse>('POST', '/v1/client/logout');
      token = undefined;
      return answer;
    },
  };
}

export type EndUserClient = ReturnType<typeof createEndUserClient>;
