import type { WebhookEventName } from '@keyhold/contracts';

/** An absolute http(s) URL; the API also refuses hosts on private networks (unless configured). */
export function validateWebhookUrl(value: string): string | undefined {
  const text = value.trim();
  if (!text) return 'Enter the URL Keyhold should call';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter an absolute URL such as https://example.com/keyhold/webhooks';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http:// or https:// URL';
  if (text.length > 2048) return 'Use at most 2048 characters';
  return undefined;
}

export function validateEvents(events: WebhookEventName[]): string | undefined {
  return events.length === 0 ? 'Pick at least one event' : undefined;
}
