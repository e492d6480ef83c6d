import type {
  AppResponse,
  CreateAppRequest,
  CreatedAppResponse,
  DeletedResponse,
  LoginSellerRequest,
  MeResponse,
  RegisterSellerRequest,
  SellerAuthResponse,
  UpdateAppRequest,
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
    },
  };
}

export type SellerClient = ReturnType<typeof createSellerClient>;
