import { NONCE_HEADER } from '@keyhold/contracts';
import type { ErrorEnvelope, PageMeta } from '@keyhold/contracts';
import { createNonce, PinnedKeys, VerifiedAnswer, verifyAnswerBody, verifyAnswerSignature, VerifyAnswerOptions } from './answer-signatures';
import { KeyholdError } from './errors';

export interface HttpOptions {
  /** e.g. `http://localhost:3000` (no trailing `/v1`). Empty string: same origin (the dashboard). */
  baseUrl: string;
  /** Bearer token, or a function read at every call (the dashboard's signed-in session). */
  token?: string | (() => string | undefined);
  /** End-user software: the app's public API key, sent as X-Api-Key. */
  apiKey?: string;
  fetch?: typeof fetch;
}

/** Verification of signed answers (the end-user client, with the app's JWK Set pinned). */
export interface AnswerVerification {
  keys: PinnedKeys;
  /** Called with every answer whose signature verified (for a streamed body: before its bytes are read). */
  onVerified?: (answer: VerifiedAnswer) => void;
}

export interface Paged<T> {
  data: T[];
  meta: PageMeta;
}

/** A streamed answer and, with verification on, what its signature proves (the body is checked as it is read). */
export interface StreamedAnswer {
  res: Response;
  verified?: VerifiedAnswer;
}

/** Multipart bodies (file uploads) go as they are; fetch sets their content type and boundary. */
const isFormData = (body: unknown): body is FormData => typeof FormData !== 'undefined' && body instanceof FormData;

type Query = Record<string, string | number | boolean | undefined | null>;

/** A request as sent (what a signature must answer) and the answer. */
interface Exchange {
  res: Response;
  method: string;
  /** `@path`: the URL's path as fetch sends it (with the base URL's own path, if any). */
  path: string;
  /** The API's path (`/v1/client/...`), without the base URL's prefix. */
  apiPath: string;
  nonce: string;
}

/** The path a request for `url` carries (fetch resolves relative URLs against the page). */
function requestPath(url: string): string {
  return new URL(url, typeof location === 'undefined' ? 'http://localhost' : location.href).pathname;
}

export class Http {
  constructor(
    private readonly options: HttpOptions,
    /** When given, every answer must be signed by a pinned key for this very request (answer-signatures.ts). */
    private readonly verification?: AnswerVerification,
  ) {}

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
    return (await this.stream(method, path, query, headers)).res;
  }

  /**
   * A raw response whose body is left to stream. With verification on, its signature is checked
   * first (a ranged 206 answer's too) and returned: the caller checks the body's bytes against it.
   * An error answer is read, verified and thrown as KeyholdError.
   */
  async stream(method: string, path: string, query?: Query, headers: Record<string, string> = {}): Promise<StreamedAnswer> {
    const x = await this.fetchRaw(method, path, undefined, query, headers);
    if (!this.verification) {
      if (!x.res.ok) this.throwFrom(x.res, new Uint8Array(await x.res.arrayBuffer().catch(() => new ArrayBuffer(0))));
      return { res: x.res };
    }
    if (!x.res.ok) return this.throwFrom(x.res, await this.verifiedBody(x));
    const verified = await this.verifySignature(x, { allowRange: true });
    this.verification.onVerified?.(verified);
    return { res: x.res, verified };
  }

  private async send(method: string, path: string, body?: unknown, query?: Query): Promise<unknown> {
    const x = await this.fetchRaw(method, path, body, query);
    if (!this.verification) {
      if (!x.res.ok) this.throwFrom(x.res, new Uint8Array(await x.res.arrayBuffer().catch(() => new ArrayBuffer(0))));
      return x.res.status === 204 ? { data: undefined } : x.res.json();
    }
    // Signed answers are read whole and checked before a byte of them is believed, errors too.
    const bytes = await this.verifiedBody(x);
    if (!x.res.ok) this.throwFrom(x.res, bytes);
    return x.res.status === 204 ? { data: undefined } : JSON.parse(new TextDecoder().decode(bytes));
  }

  /** The whole body, once the signature and then the body's Content-Digest verified. */
  private async verifiedBody(x: Exchange): Promise<Uint8Array> {
    const verified = await this.verifySignature(x); // before reading: an unverifiable answer's body is never read
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await x.res.arrayBuffer());
    } catch (e) {
      throw new KeyholdError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : 'Network error');
    }
    await verifyAnswerBody(verified, bytes);
    this.verification?.onVerified?.(verified);
    return bytes;
  }

  /** The answer's signature checked; on a refusal its body is cancelled unread (freeing the connection). */
  private async verifySignature(x: Exchange, options: VerifyAnswerOptions = {}): Promise<VerifiedAnswer> {
    try {
      return await verifyAnswerSignature(
        { method: x.method, path: x.path, nonce: x.nonce, status: x.res.status, headers: x.res.headers },
        this.verification!.keys,
        { ...options, otherPaths: x.apiPath === x.path ? [] : [x.apiPath] },
      );
    } catch (e) {
      await x.res.body?.cancel().catch(() => undefined);
      throw e;
    }
  }

  private async fetchRaw(
    method: string,
    path: string,
    body?: unknown,
    query?: Query,
    extra: Record<string, string> = {},
  ): Promise<Exchange> {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    const token = typeof this.options.token === 'function' ? this.options.token() : this.options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    if (body !== undefined && !isFormData(body)) headers['content-type'] = 'application/json';
    // A fresh nonce per request: the answer's signature must carry it back (no replays).
    const nonce = this.verification ? createNonce() : '';
    if (nonce) headers[NONCE_HEADER] = nonce;
    const qs = query
      ? Object.entries(query)
          .filter(([, v]) => v !== undefined && v !== null && v !== '')
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&')
      : '';
    const url = `${this.options.baseUrl}${path}${qs ? `?${qs}` : ''}`;
    const doFetch = this.options.fetch ?? fetch;
    try {
      const res = await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : isFormData(body) ? body : JSON.stringify(body),
        // A browser's HTTP cache would hand back an earlier answer (signed for an earlier nonce) or
        // merge a revalidation's signature into it: a verified answer is always fetched anew.
        ...(this.verification ? { cache: 'no-store' as const } : {}),
      });
      return { res, method: method.toUpperCase(), path: nonce ? requestPath(url) : path, apiPath: path, nonce };
    } catch (e) {
      throw new KeyholdError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : 'Network error');
    }
  }

  private throwFrom(res: Response, body: Uint8Array): never {
    let envelope: Partial<ErrorEnvelope> | undefined;
    try {
      envelope = JSON.parse(new TextDecoder().decode(body)) as ErrorEnvelope;
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
