/** The webhook form's checks; the API also refuses hosts on private networks (unless configured). */
import { WEBHOOK_EVENTS } from '@keyhold/contracts';
import { z } from 'zod';

const URL_MAX = 2048;

/** An absolute http(s) URL. */
const webhookUrl = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (!text) return problem('Enter the URL Keyhold should call');
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return problem('Enter an absolute URL such as https://example.com/keyhold/webhooks');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem('Use an http:// or https:// URL');
    if (text.length > URL_MAX) return problem(`Use at most ${URL_MAX} characters`);
  });

/** POST /v1/admin/webhooks and PATCH /v1/admin/webhooks/:id (the app id is the page's). */
export const webhookSchema = z.object({
  url: webhookUrl,
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'Pick at least one event'),
});
