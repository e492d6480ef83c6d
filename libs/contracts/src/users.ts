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
