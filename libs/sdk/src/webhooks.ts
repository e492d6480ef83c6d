import type { WebhookMessage } from '@keyhold/contracts';
import { WEBHOOK_TOLERANCE_SECONDS } from '@keyhold/contracts';

/** A webhook request that is not a genuine, fresh delivery from Keyhold. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** Request headers as Node (IncomingHttpHeaders), fetch (`Headers`) or a plain object give them. */
export type WebhookRequestHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** Seconds `webhook-timestamp` may be off the local clock either way (default 300). */
  toleranceSeconds?: number;
  /** The local clock (tests). */
  now?: Date;
}

const SECRET_PREFIX = 'whsec_';

function header(headers: WebhookRequestHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const plain = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(plain).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : plain[key];
  return Array.isArray(value) ? value[0] : value;
}

function fromBase64(value: string): Uint8Array {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Verifies a Keyhold webhook (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and returns its parsed payload; throws WebhookVerificationError otherwise.
 * `body` must be the raw request body, exactly as received (not re-serialised JSON).
 * Uses Web Crypto, so it runs in Node 20+, browsers, Deno and edge runtimes.
 */
export async function verifyWebhook<T = Record<string, unknown>>(
  secret: string,
  headers: WebhookRequestHeaders,
  body: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): Promise<WebhookMessage<T>> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature header');

  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('Invalid webhook-timestamp');
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const sent = Number(timestamp);
  if (now - sent > tolerance) throw new WebhookVerificationError('Message timestamp too old');
  if (sent - now > tolerance) throw new WebhookVerificationError('Message timestamp too new');

  let keyBytes: Uint8Array<ArrayBuffer>;
  try {
    keyBytes = concat(fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret));
  } catch {
    throw new WebhookVerificationError('The secret is not a whsec_ secret');
  }
  if (keyBytes.length === 0) throw new WebhookVerificationError('The secret is empty');
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const encoder = new TextEncoder();
  const bodyBytes = typeof body === 'string' ? encoder.encode(body) : body;
  const signed = concat(encoder.encode(`${id}.${timestamp}.`), bodyBytes);

  for (const candidate of signatures.split(' ')) {
    const [version, signature] = candidate.split(',');
    if (version !== 'v1' || !signature) continue;
    let mac: Uint8Array<ArrayBuffer>;
    try {
      mac = concat(fromBase64(signature));
    } catch {
      continue;
    }
    // subtle.verify compares in constant time.
    if (await crypto.subtle.verify('HMAC', key, mac, signed)) {
      const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
      try {
        return JSON.parse(text) as WebhookMessage<T>;
      } catch {
        throw new WebhookVerificationError('The body is not JSON');
      }
    }
  }
  throw new WebhookVerificationError('No matching signature found');
}
