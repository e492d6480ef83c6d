import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, literalAddressProblem } from './url-guard';

/** How much of an answer's body the delivery log keeps. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** Aborts the attempt early (the server is shutting down). */
  signal?: AbortSignal;
}

/** Text for the log, without NUL (PostgreSQL text refuses it) and within the column's size. */
export function logText(value: string, max: number): string {
  const clean = value.replaceAll('\u0000', '');
  return clean.length > max ? clean.slice(0, max) : clean;
}

/**
 * One POST of a webhook. Uses node:http rather than fetch so that the SSRF guard can vet the very
 * addresses the socket connects to; redirects are not followed (a 3xx is a failed attempt).
 * The whole attempt (lookup, connect, answer, first kilobyte of body) is bounded by `timeoutMs`.
 * Never throws: every outcome is a SendResult.
 */
export function sendWebhook(options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (error: string, statusCode: number | null = null): SendResult => ({
    statusCode,
    latencyMs: elapsed(),
    error: logText(error, 1000),
    responseExcerpt: null,
  });

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return Promise.resolve(fail('Invalid URL'));
  }
  if (!options.allowPrivate) {
    const problem = literalAddressProblem(url);
    if (problem) return Promise.resolve(fail(problem));
  }

  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const abortReason = () => (timeout.aborted ? `Timed out after ${options.timeoutMs} ms` : 'Aborted: the server is shutting down');

    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(options.body)),
          'user-agent': 'Keyhold-Webhooks/1.0',
        },
        signal,
        agent: false, // a fresh connection per attempt: no pooled socket outlives its checks
        ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res: IncomingMessage) => {
        const statusCode = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES);
          const ok = statusCode >= 200 && statusCode < 300;
          finish({
            statusCode,
            latencyMs: elapsed(),
            error: ok ? null : `HTTP ${statusCode}`,
            responseExcerpt: excerpt.length > 0 ? logText(new TextDecoder().decode(excerpt), RESPONSE_EXCERPT_BYTES) : null,
          });
          res.destroy(); // the rest of the answer is not needed
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_EXCERPT_BYTES) done();
        });
        // The status is what counts: a body that breaks off or stalls after it changes nothing.
        res.on('end', done);
        res.on('error', done);
        res.on('close', done);
      },
    );
    req.on('error', (err: Error) => finish(fail(signal.aborted ? abortReason() : err.message || String(err))));
    req.end(options.body);
  });
}
