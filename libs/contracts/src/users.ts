export type UserStatus = 'active' | 'expired' | 'banned';
export const USER_STATUSES: readonly UserStatus[] = ['active', 'expired', 'banned'];

export interface CreateUserRequest {
  appId: string;
  username: string;
  password: string;
  subscription?: string | null;
  expiresAt?: string | null;
}

export interface ListUsersQuery {
  appId: string;
  status?: UserStatus;
  q?: string;
  page?: number;
  limit?: number;
  /** The previous page's `meta.nextCursor`: the page after it (`page` is then ignored). */
  cursor?: string;
}

export interface UpdateUserRequest {
  banned?: boolean;
  banReason?: string | null;
  resetHwid?: boolean;
  expiresAt?: string | null;
  subscription?: string | null;
  password?: string;
}

export interface UserResponse {
  id: string;
  appId: string;
  username: string;
  status: UserStatus;
  hwid: string | null;
  subscription: string | null;
  expiresAt: string | null;
  banned: boolean;
  banReason: string | null;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  createdAt: string;
}

/** One client session of an end user (`GET /v1/admin/users/:id/sessions`), newest first. */
export interface UserSessionResponse {
  id: string;
  /** The IP and hardware id the login came from. */
  ip: string | null;
  hwid: string | null;
  createdAt: string;
  expiresAt: string;
  /** When it was ended (a logout, a ban, "end session"); null while it runs or until it expires. */
  endedAt: string | null;
  /** Not ended and not expired: its token still works. */
  active: boolean;
}

/** `DELETE /v1/admin/users/:id/sessions/:sessionId`. */
export interface EndedSessionResponse {
  id: string;
  ended: true;
}

/** What a bulk action does to users or keys (`POST /v1/admin/users/bulk`, `/v1/admin/licenses/bulk`). */
export const BULK_ACTIONS = ['ban', 'unban', 'delete', 'extend'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const USER_BULK_ACTIONS = BULK_ACTIONS;
export type UserBulkAction = BulkAction;
/** The most users one bulk action changes: a larger selection is refused, to be narrowed. */
export const BULK_MAX = 10_000;
/** The most ids one bulk request names. */
export const BULK_MAX_IDS = 1_000;

/**
 * `POST /v1/admin/users/bulk`: one action on the selected users (`ids`) or on every user matching
 * the list's filters (`match: true` with `status` and `q`), never both. `dryRun` only counts.
 */
export interface UserBulkRequest {
  appId: string;
  action: UserBulkAction;
  ids?: string[];
  match?: boolean;
  status?: UserStatus;
  q?: string;
  /** `extend`: days added to each expiry (from now when it has passed); users that never expire stay so. */
  days?: number;
  /** `ban`: the reason shown with each ban. */
  banReason?: string;
  dryRun?: boolean;
}

export interface BulkResponse {
  /** Users (or keys) the selection matched. */
  matched: number;
  /** Those the action changed (0 on a dry run; an already banned user is not banned again). */
  changed: number;
}
