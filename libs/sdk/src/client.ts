import type {
  ClientLicenseLoginRequest,
  ClientLicenseLoginResponse,
  ClientLoginRequest,
  ClientLoginResponse,
  ClientLogoutResponse,
  ClientRegisterRequest,
  ClientRegisterResponse,
  ClientSessionResponse,
  ClientFileResponse,
} from '@keyhold/contracts';
import { Http } from './http';

/** What `files.download` resolves to (the file on disk, verified). */
export interface DownloadedFile {
  path: string;
  size: number;
  sha256: string;
}

interface NodeHelpers {
  saveResponseTo: (res: Response, destPath: string) => Promise<DownloadedFile>;
}

/**
 * The Node-only half of downloads (./node), loaded when first used. The specifier is a variable so
 * that browser bundlers leave it alone: the dashboard bundle never includes `node:` modules.
 */
const NODE_HELPERS = './node';
const loadNodeHelpers = (): Promise<NodeHelpers> => import(/* @vite-ignore */ NODE_HELPERS);

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
    files: {
      /** Metadata of a file the signed-in user may download (404 another app's, 403 another subscription's). */
      get: (fileId: string) => http.request<ClientFileResponse>('GET', `/v1/client/files/${encodeURIComponent(fileId)}`),
      /**
       * The raw answer of `/bytes` (works in browsers too): the body streams the plaintext;
       * `range` (e.g. `bytes=0-1023`) asks for part of it (206). Errors throw KeyholdError.
       */
      bytes: (fileId: string, range?: string) =>
        http.raw('GET', `/v1/client/files/${encodeURIComponent(fileId)}/bytes`, undefined, range ? { range } : {}),
      /**
       * Node only: streams the file to `destPath` (never whole in memory) and verifies its SHA-256
       * against the server's X-File-Sha256; a mismatch or an aborted transfer leaves no file and
       * throws KeyholdError (CHECKSUM_MISMATCH or NETWORK_ERROR).
       */
      download: async (fileId: string, destPath: string): Promise<DownloadedFile> => {
        const { saveResponseTo } = await loadNodeHelpers();
        return saveResponseTo(await http.raw('GET', `/v1/client/files/${encodeURIComponent(fileId)}/bytes`), destPath);
      },
    },
    logout: async () => {
      const answer = await http.request<ClientLogoutResponse>('POST', '/v1/client/logout');
      token = undefined;
      return answer;
    },
  };
}

export type EndUserClient = ReturnType<typeof createEndUserClient>;
