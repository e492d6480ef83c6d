import { createSellerClient } from '@keyhold/sdk';
import { env } from '@/config/env';
import { getSession } from './session';
import { fetchWithUploadProgress } from './upload-fetch';

/**
 * The only way the dashboard talks to the API. The token is read at every call, so signing in
 * or out needs no new client. The client has no side effects: 401s and toasts are handled by
 * the query cache (app/query-client.ts) and by components.
 */
export const sdk = createSellerClient({
  baseUrl: env.apiBaseUrl,
  token: () => getSession()?.token,
});

/** The same client over a transport that reports upload progress (0-1), for file uploads; `cancel` stops the upload. */
export function uploadClient(onProgress: (fraction: number) => void, cancel?: AbortSignal) {
  return createSellerClient({
    baseUrl: env.apiBaseUrl,
    token: () => getSession()?.token,
    fetch: fetchWithUploadProgress(onProgress, cancel),
  });
}
