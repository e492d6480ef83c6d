import type { UserStatus } from '@keyhold/contracts';
import { isPast } from '../common/dates';

interface UserState {
  banned: boolean;
  expiresAt: Date | null;
}

/** banned, then expired, then active: the same order as USER_STATUS_SQL. */
export function userStatus(u: UserState, now = new Date()): UserStatus {
  if (u.banned) return 'banned';
  return isPast(u.expiresAt, now) ? 'expired' : 'active';
}

/** The same rule as SQL, for list filters and counts (alias `u`); user-status.spec.ts holds them together. */
export const USER_STATUS_SQL: Record<UserStatus, string> = {
  banned: 'u.banned = true',
  expired: 'u.banned = false AND u.expires_at IS NOT NULL AND u.expires_at <= now()',
  active: 'u.banned = false AND (u.expires_at IS NULL OR u.expires_at > now())',
};
