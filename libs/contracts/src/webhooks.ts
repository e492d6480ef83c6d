import type { AuthDenialReason, WebhookEventName } from './events';

/**
 * The event a test send (`POST /v1/admin/webhooks/:id/test`) delivers. It is not one of the
 * product events: a receiver that acts on events never mistakes a test for a real change.
 */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** Every `event` a receiver can get: the product events and the test event. */
export type WebhookDeliveryEventName = WebhookEventName | typeof WEBHOOK_TEST_EVENT;

/** Standard Webhooks request headers Keyhold sends with every delivery. */
export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/** How far `webhook-timestamp` may be from the receiver's clock (either way) before it is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** A delivery's body: `{id, event, timestamp, data}`; `id` (`evt_...`) is also the `webhook-id`. */
export interface WebhookMessage<T = Record<string, unknown>> {
  id: string;
  event: WebhookDeliveryEventName;
  /** When the event happened (ISO 8601 UTC), the same on every attempt. */
  timestamp: string;
  data: T;
}

/**
 * The `data` of each event, as the modules that own them record it. `country` (on the events of a
 * sign-in) is the ISO 3166-1 alpha-2 code of `ip`, resolved offline; null for a private, loopback
 * or unknown address.
 */
export interface WebhookEventData {
  'user.login': { userId: string; username: string; ip: string; hwid: string | null; country: string | null };
  'user.register': { userId: string; username: string; ip: string; hwid: string | null; country: string | null };
  'user.ban': { userId: string; username: string; reason: string | null };
  /** `userId` only when the key was redeemed by /register (not for a license-only login). */
  'license.activate': {
    licenseId: string;
    key: string;
    userId?: string;
    ip: string;
    hwid: string | null;
    country: string | null;
    expiresAt: string | null;
  };
  'license.expire': { licenseId: string; key: string; userId?: string; expiresAt: string };
  'license.delete': { licenseId: string; key: string; userId?: string };
  /** `userId` for a username login, `licenseId` for a license-only login. */
  'session.create': { sessionId: string; userId?: string; licenseId?: string; ip: string; hwid: string | null; country: string | null };
  /** `userId` and `username` for a username login, `licenseId` for a license-only login. */
  'file.download': {
    fileId: string;
    fileName: string;
    userId?: string;
    username?: string;
    licenseId?: string;
    ip: string;
    hwid: string | null;
  };
  /**
   * A refused end-user authentication: `reason` is the error code answered; `username` for a
   * username login or registration, `keyLast4` (the last 4 characters of the key sent) for a
   * license login or registration; the key itself is never stored.
   */
  'auth.denied': {
    reason: AuthDenialReason;
    username?: string;
    keyLast4?: string;
    ip: string;
    hwid: string | null;
    country: string | null;
  };
  'webhook.test': { webhookId: string; message: string };
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';
export const WEBHOOK_DELIVERY_STATUSES: readonly WebhookDeliveryStatus[] = ['pending', 'succeeded', 'failed'];

export interface CreateWebhookRequest {
  appId: string;
  /** http(s); hosts that resolve to private, loopback or link-local addresses are refused. */
  url: string;
  events: WebhookEventName[];
  /** default true */
  enabled?: boolean;
}

export interface UpdateWebhookRequest {
  url?: string;
  events?: WebhookEventName[];
  /** true also clears `disabledReason` and the failure count. */
  enabled?: boolean;
}

export interface WebhookEndpointResponse {
  id: string;
  appId: string;
  url: string;
  events: WebhookEventName[];
  enabled: boolean;
  /** Why Keyhold disabled the endpoint by itself; null when enabled or disabled by the seller. */
  disabledReason: string | null;
  /** Failed attempts in a row (0 after any success). */
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
}

/** Creation and secret rotation: the signing secret (`whsec_...`), shown this once. */
export interface WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  secret: string;
}

export interface WebhookAttemptResponse {
  attemptedAt: string;
  /** null when no HTTP answer came (refused, timed out, blocked address). */
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The first kilobyte of the answer's body, as text. */
  responseExcerpt: string | null;
}

export interface WebhookDeliveryResponse {
  id: string;
  /** The event's id: the `webhook-id` header and the payload's `id`, the same on every attempt. */
  eventId: string;
  event: WebhookDeliveryEventName;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When the next attempt is due; null once succeeded or failed. */
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  /** Every attempt, oldest first. */
  attemptLog: WebhookAttemptResponse[];
}

export interface ListWebhookDeliveriesQuery {
  status?: WebhookDeliveryStatus;
  page?: number;
  limit?: number;
}
