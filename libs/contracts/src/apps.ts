export type AppStatus = 'ACTIVE' | 'DISABLED';

export interface CreateAppRequest {
  name: string;
  version?: string;
}

export interface UpdateAppRequest {
  name?: string;
  version?: string;
  status?: AppStatus;
  enforceVersion?: boolean;
  hwidLock?: boolean;
  registrationEnabled?: boolean;
  /** Whether POST /v1/client/offline hands out offline licenses (JWS). */
  offlineEnabled?: boolean;
  /** How long an offline license lasts, in hours (OFFLINE_TTL_HOURS), never past the license's own expiry. */
  offlineTtlHours?: number;
}

/** The seed's list item shape, plus the app's settings. */
export interface AppResponse {
  id: string;
  name: string;
  apiKey: string;
  version: string;
  status: AppStatus;
  _count: { appUsers: number; licenses: number };
  enforceVersion: boolean;
  hwidLock: boolean;
  registrationEnabled: boolean;
  offlineEnabled: boolean;
  offlineTtlHours: number;
  endpoint: string;
  createdAt: string;
}

/** Answer to create: the secret appears here once and never again. */
export interface CreatedAppResponse extends AppResponse {
  apiSecret: string;
}

export interface DeletedResponse {
  id: string;
  deleted: true;
}

/** GET /v1/admin/apps/:id/stats: the overview page. */
export interface AppStatsResponse {
  users: { total: number; active: number; expired: number; banned: number };
  licenses: { total: number; unused: number; used: number; expired: number; banned: number };
  /** The last 30 days, oldest first, UTC dates (YYYY-MM-DD); days without activity have zeros. */
  perDay: Array<{ date: string; logins: number; registrations: number }>;
}

/** Offline license lifetime bounds, in hours (default 168: a week). */
export const OFFLINE_TTL_HOURS = { min: 1, max: 2160, default: 168 } as const;
