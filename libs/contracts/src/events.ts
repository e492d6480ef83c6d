/** Webhook event names, exactly as the Authon seed lists them. */
export const WEBHOOK_EVENTS = [
  'user.login',
  'user.register',
  'user.ban',
  'license.activate',
  'license.expire',
  'license.delete',
  'file.download',
  'session.create',
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookPayload<T = Record<string, unknown>> {
  id: string;
  event: WebhookEventName;
  timestamp: string;
  data: T;
}
