import { SECRET_PREFIX } from '@keyhold/contracts';
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = `${SECRET_PREFIX.webhookSecret}_`;

/**
 * A new signing secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes.
 * The HMAC key is those bytes (what the `standardwebhooks` package and `verifyWebhook` decode).
 */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  if (key.length === 0) throw new Error('Empty webhook secret');
  return key;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`; timestamp in whole seconds since the epoch. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The Standard Webhooks headers for one attempt (the timestamp is the attempt's, the id the event's). */
export function webhookHeaders(secret: string, id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}
