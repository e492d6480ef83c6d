/**
 * The dashboard's environment, parsed once at start-up. Nothing else reads `import.meta.env`.
 *
 * The API serves the built dashboard, so by default every call goes to the same origin
 * (`apiBaseUrl: ''`); in development Vite proxies the API paths (see vite.config.ts).
 */
export interface Env {
  /** Origin of the API without a trailing slash or `/v1`; '' for same origin. */
  apiBaseUrl: string;
  mode: string;
}

export function parseEnv(raw: Record<string, unknown>): Env {
  const base = raw.VITE_API_BASE_URL;
  if (base !== undefined && typeof base !== 'string') {
    throw new Error('VITE_API_BASE_URL must be a string');
  }
  const apiBaseUrl = (base ?? '').trim().replace(/\/+$/, '');
  if (apiBaseUrl && !/^https?:\/\/[^/]+$/.test(apiBaseUrl)) {
    throw new Error(`VITE_API_BASE_URL must be an origin such as https://keyhold.example.com, got "${apiBaseUrl}"`);
  }
  return { apiBaseUrl, mode: typeof raw.MODE === 'string' ? raw.MODE : 'production' };
}

export const env: Env = parseEnv(import.meta.env);
