export type LicenseStatus = 'unused' | 'used' | 'expired' | 'banned';
export const LICENSE_STATUSES: readonly LicenseStatus[] = ['unused', 'used', 'expired', 'banned'];

export const DEFAULT_LICENSE_MASK = 'XXXX-XXXX-XXXX-XXXX';
export const MAX_LICENSES_PER_CALL = 10_000;

export interface GenerateLicensesRequest {
  appId: string;
  count: number;
  /** null: lifetime */
  durationDays: number | null;
  subscription: string;
  /** `X` is one of A-Z0-9; other characters stay as written. */
  mask?: string;
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
  /** Only the keys a reseller made (`rsl_...`). */
  resellerId?: string;
  page?: number;
  limit?: number;
  /** The previous page's `meta.nextCursor`: the page after it (`page` is then ignored). */
  cursor?: string;
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
  createdAt: string;
}
