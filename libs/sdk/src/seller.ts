import type {
  AdjustCreditsRequest,
  AdjustCreditsResponse,
  AppResponse,
  AppStatsResponse,
  BlacklistEntryResponse,
  BulkResponse,
  ChangePasswordRequest,
  ChangePasswordResponse,
  CreateAppRequest,
  CreateBlacklistEntryRequest,
  CreatedAppResponse,
  CreateResellerRequest,
  CreateUserRequest,
  CreditLedgerEntry,
  DeletedResponse,
  EndedSessionResponse,
  GenerateLicensesRequest,
  GenerateLicensesResponse,
  LicenseResponse,
  ListLedgerQuery,
  ListLicensesQuery,
  ListResellersQuery,
  ListUsersQuery,
  LoginSellerRequest,
  LogoutRequest,
  LogoutResponse,
  MeResponse,
  RegisterSellerRequest,
  ResellerResponse,
  SellerAuthResponse,
  SignupStatusResponse,
  TwoFactorCodeRequest,
  TwoFactorDisableResponse,
  TwoFactorEnableResponse,
  TwoFactorSetupResponse,
  UpdateAppRequest,
  UpdateLicenseRequest,
  UpdateResellerRequest,
  UpdateUserRequest,
  UserResponse,
  UserBulkRequest,
  LicenseBulkRequest,
  UserSessionResponse,
} from '@keyhold/contracts';
import type {
  CreateWebhookRequest,
  ListWebhookDeliveriesQuery,
  UpdateWebhookRequest,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from '@keyhold/contracts';
import type { FileResponse, ListFilesQuery, UpdateFileRequest } from '@keyhold/contracts';
import type { JsonWebKeySet, SigningKeyResponse } from '@keyhold/contracts';
import type { CountryLogins, CountryLoginsQuery, EventResponse, ExportEventsQuery, ListEventsQuery } from '@keyhold/contracts';
import { Http, HttpOptions } from './http';

export interface UploadFileInput {
  appId: string;
  /** The bytes. In Node, `await fs.openAsBlob(path)` streams them from disk instead of memory. */
  file: Blob;
  /** The name the part carries; the display name defaults to it. */
  filename?: string;
  name?: string;
  /** Subscriptions allowed to download; none: every active user. */
  subscriptions?: string[];
}

/** Fields first, so the server checks the app before it stores a byte. */
function fileForm(input: Partial<UploadFileInput> & { file: Blob }): FormData {
  const form = new FormData();
  if (input.appId !== undefined) form.append('appId', input.appId);
  if (input.name !== undefined) form.append('name', input.name);
  for (const s of input.subscriptions ?? []) form.append('subscriptions', s);
  form.append('file', input.file, input.filename ?? 'file');
  return form;
}

/** The seller's API: everything the dashboard does. */
export function createSellerClient(options: HttpOptions) {
  const http = new Http(options);
  const enc = encodeURIComponent;
  return {
    http,
    auth: {
      /** Whether sign-up is open on this server (SELLER_SIGNUP). */
      signupStatus: () => http.request<SignupStatusResponse>('GET', '/v1/auth/signup'),
      register: (body: RegisterSellerRequest) => http.request<SellerAuthResponse>('POST', '/v1/auth/register', body),
      login: (body: LoginSellerRequest) => http.request<SellerAuthResponse>('POST', '/v1/auth/login', body),
      me: () => http.request<MeResponse>('GET', '/v1/auth/me'),
      /** Ends the token in use, or with `everywhere` every token of the seller. */
      logout: (body: LogoutRequest = {}) => http.request<LogoutResponse>('POST', '/v1/auth/logout', body),
      /** Keeps the token in use and ends every other one. */
      changePassword: (body: ChangePasswordRequest) => http.request<ChangePasswordResponse>('POST', '/v1/auth/password', body),
      twoFactor: {
        setup: () => http.request<TwoFactorSetupResponse>('POST', '/v1/auth/2fa/setup'),
        enable: (body: TwoFactorCodeRequest) => http.request<TwoFactorEnableResponse>('POST', '/v1/auth/2fa/enable', body),
        disable: (body: TwoFactorCodeRequest) => http.request<TwoFactorDisableResponse>('POST', '/v1/auth/2fa/disable', body),
      },
    },
    apps: {
      list: () => http.request<AppResponse[]>('GET', '/v1/admin/apps'),
      create: (body: CreateAppRequest) => http.request<CreatedAppResponse>('POST', '/v1/admin/apps', body),
      get: (id: string) => http.request<AppResponse>('GET', `/v1/admin/apps/${enc(id)}`),
      update: (id: string, body: UpdateAppRequest) => http.request<AppResponse>('PATCH', `/v1/admin/apps/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/apps/${enc(id)}`),
      rotateKey: (id: string) => http.request<AppResponse>('POST', `/v1/admin/apps/${enc(id)}/rotate-key`),
      /** A new app secret (the store integration key), shown in this answer only; the old one stops working at once. */
      rotateSecret: (id: string) => http.request<CreatedAppResponse>('POST', `/v1/admin/apps/${enc(id)}/rotate-secret`),
      regenerateEndpoint: (id: string) => http.request<AppResponse>('POST', `/v1/admin/apps/${enc(id)}/regenerate-endpoint`),
      stats: (id: string) => http.request<AppStatsResponse>('GET', `/v1/admin/apps/${enc(id)}/stats`),
      /** Successful logins per country over the last `days` UTC days (default 30), most first; `country: null` is unknown. */
      countryStats: (id: string, query: CountryLoginsQuery = {}) =>
        http.request<CountryLogins[]>('GET', `/v1/admin/apps/${enc(id)}/stats/countries`, undefined, { ...query }),
    },
    /**
     * An app's Ed25519 signing keys. Rotation without a failed verification: `add` a next key,
     * ship a build that pins `jwks()` (both keys), then `activate` it; `retire` the old key once no
     * build pins it alone.
     */
    signingKeys: {
      list: (appId: string) => http.request<SigningKeyResponse[]>('GET', `/v1/admin/apps/${enc(appId)}/signing-keys`),
      add: (appId: string) => http.request<SigningKeyResponse>('POST', `/v1/admin/apps/${enc(appId)}/signing-keys`),
      activate: (appId: string, kid: string) =>
        http.request<SigningKeyResponse>('POST', `/v1/admin/apps/${enc(appId)}/signing-keys/${enc(kid)}/activate`),
      retire: (appId: string, kid: string) =>
        http.request<DeletedResponse>('DELETE', `/v1/admin/apps/${enc(appId)}/signing-keys/${enc(kid)}`),
      /** The JWK Set to pin in your software (the published keys, as the seller sees them). */
      jwks: async (appId: string): Promise<JsonWebKeySet> => ({
        keys: (await http.request<SigningKeyResponse[]>('GET', `/v1/admin/apps/${enc(appId)}/signing-keys`)).map((k) => k.publicJwk),
      }),
    },
    licenses: {
      generate: (body: GenerateLicensesRequest) => http.request<GenerateLicensesResponse>('POST', '/v1/admin/licenses/generate', body),
      list: (query: ListLicensesQuery) => http.page<LicenseResponse>('/v1/admin/licenses', { ...query }),
      get: (id: string) => http.request<LicenseResponse>('GET', `/v1/admin/licenses/${enc(id)}`),
      update: (id: string, body: UpdateLicenseRequest) => http.request<LicenseResponse>('PATCH', `/v1/admin/licenses/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/licenses/${enc(id)}`),
      /** Every key the list's filters keep (status, search, reseller), on all pages, as CSV. */
      exportCsv: async (query: Omit<ListLicensesQuery, 'page' | 'limit' | 'cursor'>) =>
        (await http.raw('GET', '/v1/admin/licenses/export', { ...query })).text(),
      /** One action on the selected keys, or on every match of the list's filters (`match: true`); `dryRun` counts. */
      bulk: (body: LicenseBulkRequest) => http.request<BulkResponse>('POST', '/v1/admin/licenses/bulk', body),
    },
    users: {
      create: (body: CreateUserRequest) => http.request<UserResponse>('POST', '/v1/admin/users', body),
      list: (query: ListUsersQuery) => http.page<UserResponse>('/v1/admin/users', { ...query }),
      get: (id: string) => http.request<UserResponse>('GET', `/v1/admin/users/${enc(id)}`),
      update: (id: string, body: UpdateUserRequest) => http.request<UserResponse>('PATCH', `/v1/admin/users/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/users/${enc(id)}`),
      /** One action on the selected users, or on every match of the list's filters (`match: true`); `dryRun` counts. */
      bulk: (body: UserBulkRequest) => http.request<BulkResponse>('POST', '/v1/admin/users/bulk', body),
      /** The user's latest sessions, newest first (ended ones too). */
      sessions: (id: string) => http.request<UserSessionResponse[]>('GET', `/v1/admin/users/${enc(id)}/sessions`),
      /** Ends one session: its token is refused from its next call on. */
      endSession: (id: string, sessionId: string) =>
        http.request<EndedSessionResponse>('DELETE', `/v1/admin/users/${enc(id)}/sessions/${enc(sessionId)}`),
    },
    files: {
      upload: (input: UploadFileInput) => http.request<FileResponse>('POST', '/v1/admin/files/upload', fileForm(input)),
      list: (query: ListFilesQuery) => http.page<FileResponse>('/v1/admin/files', { ...query }),
      get: (id: string) => http.request<FileResponse>('GET', `/v1/admin/files/${enc(id)}`),
      update: (id: string, body: UpdateFileRequest) => http.request<FileResponse>('PATCH', `/v1/admin/files/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/files/${enc(id)}`),
      /** New bytes for the file (streamed like an upload); name and subscriptions stay. */
      replaceContent: (id: string, file: Blob, filename?: string) =>
        http.request<FileResponse>('PUT', `/v1/admin/files/${enc(id)}/content`, fileForm({ file, filename })),
    },
    blacklist: {
      list: (appId: string) => http.request<BlacklistEntryResponse[]>('GET', '/v1/admin/blacklist', undefined, { appId }),
      add: (body: CreateBlacklistEntryRequest) => http.request<BlacklistEntryResponse>('POST', '/v1/admin/blacklist', body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/blacklist/${enc(id)}`),
    },
    resellers: {
      create: (body: CreateResellerRequest) => http.request<ResellerResponse>('POST', '/v1/admin/resellers', body),
      list: (query: ListResellersQuery = {}) => http.page<ResellerResponse>('/v1/admin/resellers', { ...query }),
      get: (id: string) => http.request<ResellerResponse>('GET', `/v1/admin/resellers/${enc(id)}`),
      update: (id: string, body: UpdateResellerRequest) => http.request<ResellerResponse>('PATCH', `/v1/admin/resellers/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/resellers/${enc(id)}`),
      /** A positive amount adds credits, a negative one takes them back. */
      adjustCredits: (id: string, body: AdjustCreditsRequest) =>
        http.request<AdjustCreditsResponse>('POST', `/v1/admin/resellers/${enc(id)}/credits`, body),
      ledger: (id: string, query: ListLedgerQuery = {}) =>
        http.page<CreditLedgerEntry>(`/v1/admin/resellers/${enc(id)}/ledger`, { ...query }),
    },
    /** The event log: what happened in an app (refused sign-ins as `auth.denied`), newest first. */
    events: {
      /** One page; follow `meta.nextCursor` with `cursor` for the next (older) one. */
      list: (query: ListEventsQuery) => http.page<EventResponse>('/v1/admin/events', { ...query }),
      /** Every event the list's filters keep (name, search), newest first, as CSV. */
      exportCsv: async (query: ExportEventsQuery) => (await http.raw('GET', '/v1/admin/events/export', { ...query })).text(),
    },
    webhooks: {
      /** The answer carries the signing secret (`whsec_...`), shown this once. */
      create: (body: CreateWebhookRequest) => http.request<WebhookEndpointWithSecretResponse>('POST', '/v1/admin/webhooks', body),
      list: (appId: string) => http.request<WebhookEndpointResponse[]>('GET', '/v1/admin/webhooks', undefined, { appId }),
      get: (id: string) => http.request<WebhookEndpointResponse>('GET', `/v1/admin/webhooks/${enc(id)}`),
      update: (id: string, body: UpdateWebhookRequest) =>
        http.request<WebhookEndpointResponse>('PATCH', `/v1/admin/webhooks/${enc(id)}`, body),
      remove: (id: string) => http.request<DeletedResponse>('DELETE', `/v1/admin/webhooks/${enc(id)}`),
      rotateSecret: (id: string) => http.request<WebhookEndpointWithSecretResponse>('POST', `/v1/admin/webhooks/${enc(id)}/rotate-secret`),
      /** Queues a `webhook.test` event for this endpoint only. */
      test: (id: string) => http.request<WebhookDeliveryResponse>('POST', `/v1/admin/webhooks/${enc(id)}/test`),
      deliveries: (id: string, query: ListWebhookDeliveriesQuery = {}) =>
        http.page<WebhookDeliveryResponse>(`/v1/admin/webhooks/${enc(id)}/deliveries`, { ...query }),
      redeliver: (id: string, deliveryId: string) =>
        http.request<WebhookDeliveryResponse>('POST', `/v1/admin/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/redeliver`),
    },
  };
}

export type SellerClient = ReturnType<typeof createSellerClient>;
