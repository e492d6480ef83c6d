import type { LicenseStatus } from '@keyhold/contracts';
import { isPast } from '../common/dates';

interface LicenseState {
  banned: boolean;
  expiresAt: Date | null;
  activatedAt: Date | null;
}

/** banned, then expired, then used, then unused: the same order as STATUS_SQL. */
export function licenseStatus(l: LicenseState, now = new Date()): LicenseStatus {
  if (l.banned) return 'banned';
  if (isPast(l.expiresAt, now)) return 'expired';
  return l.activatedAt ? 'used' : 'unused';
}

/** The same rule as SQL, for list filters and counts (alias `l`); license-status.spec.ts holds them together. */
export const STATUS_SQL: Record<LicenseStatus, string> = {
  banned: 'l.banned = true',
  expired: 'l.banned = false AND l.expires_at IS NOT NULL AND l.expires_at <= now()',
  used: 'l.banned = false AND l.activated_at IS NOT NULL AND (l.expires_at IS NULL OR l.expires_at > now())',
  unused: 'l.banned = false AND l.activated_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > now())',
};
