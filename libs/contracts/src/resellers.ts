import type { LicenseStatus } from './licenses';

export type ResellerStatus = 'ACTIVE' | 'SUSPENDED';
export const RESELLER_STATUSES: readonly ResellerStatus[] = ['ACTIVE', 'SUSPENDED'];

/** The most credits a single top-up, take-back or price may name, and the most a balance may hold. */
export const MAX_CREDITS_AMOUNT = 1_000_000_000;
export const MAX_CREDITS_BALANCE = 1_000_000_000_000;

/** The price of one key of a duration, in credits. `durationDays: null` prices a lifetime key. */
export interface ResellerPrice {
  durationDays: number | null;
  credits: number;
}

// ---- seller side: /v1/admin/resellers ----

export interface CreateResellerRequest {
  /** Unique among the seller's resellers (case-insensitive). */
  username: string;
  password: string;
  /** The seller's apps the reseller may sell keys of. */
  appIds: string[];
  /** The subscriptions (levels) the reseller may put on a key. */
  subscriptions: string[];
  /** One price per duration the reseller may sell; a duration without a price cannot be sold. */
  prices: ResellerPrice[];
  /** Opening balance (a ledger entry), default 0. */
  credits?: number;
}

export interface UpdateResellerRequest {
  status?: ResellerStatus;
  /** A new password; the reseller's tokens issued before it stop working. */
  password?: string;
  /** Each list replaces the previous one whole. */
  appIds?: string[];
  subscriptions?: string[];
  prices?: ResellerPrice[];
}

export interface ListResellersQuery {
  status?: ResellerStatus;
  /** Only the resellers who may sell this app (`app_...`, one of the seller's). */
  appId?: string;
  /** Searches the username. */
  q?: string;
  page?: number;
  limit?: number;
  /** The previous page's `meta.nextCursor`: the page after it (`page` is then ignored). */
  cursor?: string;
}

export interface ResellerResponse {
  id: string;
  username: string;
  status: ResellerStatus;
  credits: number;
  appIds: string[];
  subscriptions: string[];
  /** Ordered by duration, lifetime last. */
  prices: ResellerPrice[];
  createdAt: string;
}

/** POST /v1/admin/resellers/:id/credits: positive adds credits, negative takes them back. */
export interface AdjustCreditsRequest {
  amount: number;
  note?: string | null;
}

/** One balance change: positive for a top-up, negative for a take-back or a spend on keys. */
export interface CreditLedgerEntry {
  id: string;
  amount: number;
  balanceAfter: number;
  note: string | null;
  /**
   * On ledger lists: the app a spend bought keys of, with its current name; null for top-ups,
   * take-backs and spends on an app deleted since.
   */
  app?: { id: string; name: string } | null;
  createdAt: string;
}

export interface AdjustCreditsResponse {
  /** The balance after the change. */
  credits: number;
  entry: CreditLedgerEntry;
}

export interface ListLedgerQuery {
  page?: number;
  limit?: number;
}

// ---- reseller side: /v1/reseller/* ----

export interface ResellerLoginRequest {
  username: string;
  password: string;
  /**
   * The seller whose reseller this is (`sel_...`): usernames are unique per seller only. The
   * seller's dashboard hands out a portal link that carries it.
   */
  sellerId: string;
}

/** The reseller's own view of the account: what it may sell, with the app names. */
export interface ResellerProfile extends ResellerResponse {
  sellerId: string;
  apps: Array<{ id: string; name: string }>;
}

export interface ResellerAuthResponse {
  token: string;
  reseller: ResellerProfile;
}

export interface ResellerGenerateKeysRequest {
  appId: string;
  count: number;
  /** null: lifetime. Must have a price. */
  durationDays: number | null;
  subscription: string;
  /** As the seller's: `X` is one of A-Z0-9, other characters stay; at least 8 X. Default `XXXX-XXXX-XXXX-XXXX`. */
  mask?: string;
  /** As the seller's: true leaves 0, O, 1 and I out of the random characters. */
  readable?: boolean;
  /** Put on every key of the batch; the seller sees it too. */
  note?: string | null;
}

export interface ResellerGenerateKeysResponse {
  count: number;
  keys: string[];
  /** Credits this call spent. */
  cost: number;
  /** The balance after. */
  credits: number;
}

export interface ListResellerKeysQuery {
  appId?: string;
  status?: LicenseStatus;
  /** Searches the key, its note and the redeeming username. */
  q?: string;
  page?: number;
  limit?: number;
  /** The previous page's `meta.nextCursor`: the page after it (`page` is then ignored). */
  cursor?: string;
}

/** GET /v1/reseller/keys/export: the list's filters, every page. */
export type ExportResellerKeysQuery = Omit<ListResellerKeysQuery, 'page' | 'limit' | 'cursor'>;

export interface ResellerKeyResponse {
  id: string;
  appId: string;
  key: string;
  status: LicenseStatus;
  subscription: string;
  durationDays: number | null;
  /** The note the key was generated with (the seller may change it). */
  note: string | null;
  /** The end user who redeemed the key with /register. */
  usedBy: { id: string; username: string } | null;
  activatedAt: string | null;
  expiresAt: string | null;
  createdAt: string;
}

export interface ResellerStatsResponse {
  credits: number;
  keysGenerated: number;
  /** Keys redeemed (first used), whatever happened to them since. */
  keysUsed: number;
  /** Used, unexpired and unbanned. */
  keysActive: number;
  /** The last 30 days, oldest first, UTC dates (YYYY-MM-DD); days without activity have zeros. */
  perDay: Array<{ date: string; generated: number; used: number }>;
}
