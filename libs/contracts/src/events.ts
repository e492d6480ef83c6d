/**
 * Webhook event names: the Authon seed's eight, then `auth.denied` (a refused end-user
 * authentication, issue 17), which endpoints may subscribe to like any other.
 */
export const WEBHOOK_EVENTS = [
  'user.login',
  'user.register',
  'user.ban',
  'license.activate',
  'license.expire',
  'license.delete',
  'file.download',
  'session.create',
  'auth.denied',
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookPayload<T = Record<string, unknown>> {
  id: string;
  event: WebhookEventName;
  timestamp: string;
  data: T;
}

/**
 * Why an end-user authentication (client login, register, license login, Axora) was refused: the
 * error code it answered. An unknown API key or Axora endpoint (INVALID_KEY) names no app, so it
 * is not recorded; nor are rate limits and load shedding (RATE_LIMITED, SERVICE_UNAVAILABLE).
 */
export const AUTH_DENIAL_REASONS = [
  'INVALID_CREDENTIALS',
  'INVALID_LICENSE',
  'HWID_MISMATCH',
  'BLACKLISTED',
  'USER_BANNED',
  'LICENSE_BANNED',
  'LICENSE_EXPIRED',
  'LICENSE_USED',
  'USERNAME_TAKEN',
  'UPDATE_REQUIRED',
  'FORBIDDEN',
] as const;

export type AuthDenialReason = (typeof AUTH_DENIAL_REASONS)[number];

/** `GET /v1/admin/events`: one app's events, newest first. */
export interface ListEventsQuery {
  appId: string;
  /** Only events of this name. */
  name?: WebhookEventName;
  /** Part of a username, key (or a refused key's last 4 characters), IP, hardware id, country, reason or id. */
  q?: string;
  /** The previous page's `meta.nextCursor`: the page after it. */
  cursor?: string;
  /** 1-500, default 50. */
  limit?: number;
}

/** `GET /v1/admin/events/export`: the list's filters, every page (newest first, at most EVENT_EXPORT_MAX_ROWS). */
export type ExportEventsQuery = Omit<ListEventsQuery, 'cursor' | 'limit'>;

/** The most rows one CSV export of the event log holds (the newest). */
export const EVENT_EXPORT_MAX_ROWS = 100_000;

/** One entry of the event log: what a webhook endpoint receives as `{id, event, timestamp, data}`. */
export interface EventResponse {
  /** `evt_...`: also the `webhook-id` of its deliveries. */
  id: string;
  name: WebhookEventName;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** The event's data (WebhookEventData of its name). */
  data: Record<string, unknown>;
}

/** `GET /v1/admin/apps/:id/stats/countries?days=`: successful logins per country, most first. */
export interface CountryLoginsQuery {
  /** Calendar days in UTC, today included: 1-365, default 30. */
  days?: number;
}

export interface CountryLogins {
  /** ISO 3166-1 alpha-2, or null: a private, loopback or unknown address. */
  country: string | null;
  logins: number;
}
