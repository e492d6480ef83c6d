import type { BulkAction } from './users';

export type LicenseStatus = 'unused' | 'used' | 'expired' | 'banned';
export const LICENSE_STATUSES: readonly LicenseStatus[] = ['unused', 'used', 'expired', 'banned'];

export const DEFAULT_LICENSE_MASK = 'XXXX-XXXX-XXXX-XXXX';
/** The fewest `X` (random characters) a mask may have: fewer would make keys guessable. */
export const LICENSE_MASK_MIN_RANDOM = 8;
export const MAX_LICENSES_PER_CALL = 10_000;

export interface GenerateLicensesRequest {
  appId: string;
  count: number;
  /** null: lifetime */
  durationDays: number | null;
  subscription: string;
  /** `X` is one of A-Z0-9; other characters stay as written. */
  mask?: string;
  /** true: each X is drawn without the look-alike characters 0, O, 1 and I (keys read aloud or typed from paper). */
  readable?: boolean;
  note?: string | null;
}

export interface GenerateLicensesResponse {
  count: number;
  keys: string[];
}

export interface ListLicensesQuery {
  appId: string;
  status?: LicenseStatus;
  q?: string;
  /**
   * Only the keys a reseller made (`rsl_...`), or `none`: only the seller's own keys. Another
   * seller's reseller matches nothing.
   */
  resellerId?: string;
  /** Only the key this end user (`usr_...`) redeemed: the user page's lookup. */
  userId?: string;
  page?: number;
  limit?: number;
  /** The previous page's `meta.nextCursor`: the page after it (`page` is then ignored). */
  cursor?: string;
}

/** The `resellerId` filter value that keeps only the seller's own keys (made by no reseller). */
export const OWN_KEYS_FILTER = 'none';

/**
 * `POST /v1/admin/licenses/bulk`: one action on the selected keys (`ids`) or on every key matching
 * the list's filters (`match: true` with `status`, `q`, `resellerId`), never both. `dryRun` only
 * counts. `extend` adds `days` to a used key's expiry (from now when it has passed) and to an
 * unused key's duration; lifetime keys stay so. `delete` takes a redeemed key's user with it, as a
 * single delete does.
 */
export interface LicenseBulkRequest {
  appId: string;
  action: BulkAction;
  ids?: string[];
  match?: boolean;
  status?: LicenseStatus;
  q?: string;
  resellerId?: string;
  userId?: string;
  days?: number;
  banReason?: string;
  dryRun?: boolean;
}

export interface UpdateLicenseRequest {
  banned?: boolean;
  banReason?: string | null;
  /** ISO 8601; null makes it lifetime */
  expiresAt?: string | null;
  note?: string | null;
  resetHwid?: boolean;
}

export interface LicenseResponse {
  id: string;
  appId: string;
  key: string;
  status: LicenseStatus;
  subscription: string;
  durationDays: number | null;
  note: string | null;
  hwid: string | null;
  usedBy: { id: string; username: string } | null;
  activatedAt: string | null;
  expiresAt: string | null;
  banned: boolean;
  banReason: string | null;
  /** The reseller who generated the key (`rsl_...`), or null for the seller's own keys. */
  resellerId: string | null;
  /** That reseller's username, or null for the seller's own keys. */
  resellerUsername: string | null;
  createdAt: string;
}
