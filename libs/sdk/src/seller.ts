import type {
  AppResponse,
  AppStatsResponse,
  CreateAppRequest,
  CreatedAppResponse,
  DeletedResponse,
  LoginSellerRequest,
  MeResponse,
  RegisterSellerRequest,
  SellerAuthResponse,
  UpdateAppRequest,
  BlacklistEntryResponse,
  CreateBlacklistEntryRequest,
  CreateUserRequest,
  GenerateLicensesRequest,
  GenerateLicensesResponse,
  LicenseResponse,
  ListLicensesQuery,
  ListUsersQuery,
  UpdateLicenseRequest,
  UpdateUserRequest,
  UserResponse,
} from '@keyhold/contracts';
import { Http, HttpOptions } from './http';

/** The seller's API: everything the dashboard does. */
export function createSellerClient(options: HttpOptions) {
  const http = new Http(options);
  const enc = encodeURIComponent;
  return {
    http,
    auth: {
      register: (body: RegisterSellerRequest) => http.request<SellerAuthResponse>('POST', '/v1/auth/register', body),
      login: (body: LoginSellerRequest) => http.request<SellerAuthResponse>('POST', '/v1/auth/login', body),
      me: () => http.request<MeResponse>('GET', '/v1/auth/me'),
    },
    apps: {
      list: () => http.request<AppResponse[]>('GET', '/v1/admin/apps'),
      create: (body: CreateAppRequest) => http.request<CreatedAppResponse>('POST', '/v1/admin/apps', body),
      get: (id: string) => http.request<AppResponse>('GET', `/v1/admin/apps/${enc(id)}`),
      update: (id: string, body: UpdateAppRequest) => http.request<AppResponse>('PATCH', `/v1/admin/apps/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/apps/${enc(id)}`),
      rotateKey: (id: string) => http.request<AppResponse>('POST', `/v1/admin/apps/${enc(id)}/rotate-key`),
      regenerateEndpoint: (id: string) => http.request<AppResponse>('POST', `/v1/admin/apps/${enc(id)}/regenerate-endpoint`),
      stats: (id: string) => http.request<AppStatsResponse>('GET', `/v1/admin/apps/${enc(id)}/stats`),
    },
    licenses: {
      generate: (body: GenerateLicensesRequest) => http.request<GenerateLicensesResponse>('POST', '/v1/admin/licenses/generate', body),
      list: (query: ListLicensesQuery) => http.page<LicenseResponse>('/v1/admin/licenses', { ...query }),
      get: (id: string) => http.request<LicenseResponse>('GET', `/v1/admin/licenses/${enc(id)}`),
      update: (id: string, body: UpdateLicenseRequest) => http.request<LicenseResponse>('PATCH', `/v1/admin/licenses/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/licenses/${enc(id)}`),
      /** CSV text of the app's keys (optionally of one status). */
      exportCsv: async (query: { appId: string; status?: ListLicensesQuery['status'] }) =>
        (await http.raw('GET', '/v1/admin/licenses/export', { ...query })).text(),
    },
    users: {
      create: (body: CreateUserRequest) => http.request<UserResponse>('POST', '/v1/admin/users', body),
      list: (query: ListUsersQuery) => http.page<UserResponse>('/v1/admin/users', { ...query }),
      get: (id: string) => http.request<UserResponse>('GET', `/v1/admin/users/${enc(id)}`),
      update: (id: string, body: UpdateUserRequest) => http.request<UserResponse>('PATCH', `/v1/admin/users/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/users/${enc(id)}`),
    },
    blacklist: {
      list: (appId: string) => http.request<BlacklistEntryResponse[]>('GET', '/v1/admin/blacklist', undefined, { appId }),
      add: (body: CreateBlacklistEntryRequest) => http.request<BlacklistEntryResponse>('POST', '/v1/admin/blacklist', body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/blacklist/${enc(id)}`),
    },
  };
}

export type SellerClient = ReturnType<typeof createSellerClient>;
