import type { ErrorCode, ErrorEnvelope, PageMeta, ValidationDetail } from '@keyhold/contracts';

/** An error answer from the API, carrying the contract's code. */
export class KeyholdError extends Error {
  constructor(
    readonly status: number,
    /** NETWORK_ERROR: no answer; CHECKSUM_MISMATCH: downloaded bytes differ from the announced SHA-256. */
    readonly code: ErrorCode | 'NETWORK_ERROR' | 'CHECKSUM_MISMATCH',
    message: string,
    readonly details?: ValidationDetail[],
    /** 429 RATE_LIMITED and 503 SERVICE_UNAVAILABLE: how long to wait before trying again (Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'KeyholdError';
  }
}

export interface HttpOptions {
  /** e.g. `http://localhost:3000` (no trailing `/v1`). Empty string: same origin (the dashboard). */
  baseUrl: string;
  /** Bearer token, or a function read at every call (the dashboard's signed-in session). */
  token?: string | (() => string | undefined);
  /** End-user software: the app's public API key, sent as X-Api-Key. */
  apiKey?: string;
  fetch?: typeof fetch;
}

export interface Paged<T> {
  data: T[];
  meta: PageMeta;
}

/** Multipart bodies (file uploads) go as they are; fetch sets their content type and boundary. */
const isFormData = (body: unknown): body is FormData => typeof FormData !== 'undefined' && body instanceof FormData;

type Query = Record<string, string | number | boolean | undefined | null>;

export class Http {
  constructor(private readonly options: HttpOptions) {}

  setToken(token: string | undefined): void {
    this.options.token = token;
  }

  async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const envelope = await this.send(method, path, body, query);
    return (envelope as { data: T }).data;
  }

  async page<T>(path: string, query?: Query): Promise<Paged<T>> {
    const envelope = (await this.send('GET', path, undefined, query)) as { data: T[]; meta: PageMeta };
    return { data: envelope.data, meta: envelope.meta };
  }

  /** A raw response for non-JSON answers (CSV, file bytes); errors still throw KeyholdError. */
  async raw(method: string, path: string, query?: Query, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.fetchRaw(method, path, undefined, query, headers);
    if (!res.ok) await this.throwFrom(res);
    return res;
  }

  private async send(method: string, path: string, body?: unknown, query?: Query): Promise<unknown> {
    const res = await this.fetchRaw(method, path, body, query);
    if (!res.ok) await this.throwFrom(res);
    return res.status === 204 ? { data: undefined } : res.json();
  }

  private async fetchRaw(method: string, path: string, body?: unknown, query?: Query, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    const token = typeof this.options.token === 'function' ? this.options.token() : this.options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    if (body !== undefined && !isFormData(body)) headers['content-type'] = 'application/json';
    const qs = query
      ? Object.entries(query)
          .filter(([, v]) => v !== undefined && v !== null && v !== '')
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&')
      : '';
    const url = `${this.options.baseUrl}${path}${qs ? `?${qs}` : ''}`;
    const doFetch = this.options.fetch ?? fetch;
    try {
      return await doFetch(url, { method, headers, body: body === undefined ? undefined : isFormData(body) ? body : JSON.stringify(body) });
    } catch (e) {
      throw new KeyholdError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : 'Network error');
    }
  }

  private async throwFrom(res: Response): Promise<never> {
    let envelope: Partial<ErrorEnvelope> | undefined;
    try {
      envelope = (await res.json()) as ErrorEnvelope;
    } catch {
      envelope = undefined;
    }
    const error = envelope?.error;
    const retryAfter = Number(res.headers.get('retry-after') ?? NaN);
    throw new KeyholdError(
      res.status,
      error?.code ?? 'INTERNAL',
      error?.message ?? `HTTP ${res.status}`,
      error?.details,
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    );
  }
}
