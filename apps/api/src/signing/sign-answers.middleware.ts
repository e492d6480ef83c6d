import { Injectable, NestMiddleware } from '@nestjs/common';
import { NONCE_HEADER, NONCE_PATTERN } from '@keyhold/contracts';
import type { NextFunction, Response } from 'express';
import type { OutgoingHttpHeaders } from 'node:http';
import { AppLookup } from '../apps/app-lookup';
import { AXORA_PREFIX } from '../axora/axora-url';
import { sha256DigestField } from '../common/digest-fields';
import { DomainError } from '../common/errors/domain-error';
import type { KeyholdRequest } from '../common/request';
import { signAnswer } from './answer-signature';
import { Signer, SigningKeysService } from './signing-keys.service';

const CLIENT_PREFIX = '/v1/client/';
/** API keys and endpoint ids are short; anything longer names no app (and is not looked up). */
const MAX_APP_REFERENCE = 64;
const NONCE_RULE = `${NONCE_HEADER} must be 8 to 128 characters of A-Z a-z 0-9 - _ . ~`;

/**
 * Signs every answer of the client API and of Axora for a known app, success or error, with the
 * app's active key (RFC 9421, answer-signature.ts). It runs first, before the body is parsed, so
 * that even a refused body's answer is signed; it resolves the app (once per request, shared with
 * the rate-limit guard and the client authenticator) and the signer, then hooks the response:
 * `send` adds the Content-Digest of the body, `writeHead` signs just before the headers go out, so
 * the signature covers the status actually sent. A route that streams (file bytes) sets its own
 * digest fields, known in advance.
 */
@Injectable()
export class SignAnswersMiddleware implements NestMiddleware {
  constructor(
    private readonly apps: AppLookup,
    private readonly keys: SigningKeysService,
  ) {}

  async use(req: KeyholdRequest, res: Response, next: NextFunction): Promise<void> {
    const path = (req.originalUrl || req.url).split('?')[0];
    const lower = path.toLowerCase();
    const axora = lower.startsWith(AXORA_PREFIX);
    if (!axora && !lower.startsWith(CLIENT_PREFIX)) return next();

    let signer: Signer | undefined;
    try {
      const appId = await this.appIdOf(req, axora ? { endpoint: axoraEndpointOf(path) } : { apiKey: req.header('x-api-key') });
      signer = appId ? await this.keys.signerFor(appId) : undefined;
    } catch (e) {
      return next(e); // the database away: 503, unsigned (there is nothing to sign with)
    }
    const nonce = req.header(NONCE_HEADER);
    const nonceOk = nonce === undefined || NONCE_PATTERN.test(nonce);
    if (signer) signResponse(res, signer, { method: req.method, path, nonce: nonceOk ? nonce : undefined });
    if (!nonceOk) return next(new DomainError('VALIDATION_FAILED', undefined, [{ field: NONCE_HEADER, reason: NONCE_RULE }]));
    next();
  }

  private async appIdOf(req: KeyholdRequest, ref: { apiKey?: string } | { endpoint?: string }): Promise<string | undefined> {
    const given = 'apiKey' in ref ? ref.apiKey : (ref as { endpoint?: string }).endpoint;
    if (!given || given.length > MAX_APP_REFERENCE) return undefined;
    const app = 'apiKey' in ref ? await this.apps.byApiKey(req, given) : await this.apps.byEndpoint(req, given);
    return app?.id;
  }
}

/**
 * The endpoint id of an Axora URL: its first `+` part, decoded. Taken on its own, so that a URL
 * malformed after it (too few or too many parts) is still the app's, and its 400 is signed.
 */
function axoraEndpointOf(path: string): string | undefined {
  const first = path.slice(AXORA_PREFIX.length).split('+')[0];
  try {
    return decodeURIComponent(first);
  } catch {
    return first;
  }
}

/** A body the status says is not sent (304 Not Modified, 204) is empty, whatever was prepared. */
const EMPTY_BODY_STATUSES = new Set([204, 304]);

function headerOf(res: Response, extra: OutgoingHttpHeaders | undefined, name: string): string | undefined {
  const fromArgs = extra && !Array.isArray(extra) ? Object.entries(extra).find(([k]) => k.toLowerCase() === name)?.[1] : undefined;
  const value = fromArgs ?? res.getHeader(name);
  return value === undefined ? undefined : String(value);
}

function signResponse(res: Response, signer: Signer, request: { method: string; path: string; nonce?: string }): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    // express's json() and send() end here with the final string or bytes.
    if (!res.headersSent && (typeof body === 'string' || Buffer.isBuffer(body))) res.setHeader('Content-Digest', sha256DigestField(body));
    return send(body);
  };
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    if (EMPTY_BODY_STATUSES.has(statusCode)) res.setHeader('Content-Digest', sha256DigestField(''));
    const extra = rest.find((r): r is OutgoingHttpHeaders => typeof r === 'object' && r !== null);
    const signed = signAnswer(
      {
        status: statusCode,
        method: request.method,
        path: request.path,
        contentDigest: headerOf(res, extra, 'content-digest'),
        reprDigest: headerOf(res, extra, 'repr-digest'),
        contentRange: headerOf(res, extra, 'content-range'),
      },
      signer.privateKey,
      { created: Math.floor(Date.now() / 1000), keyid: signer.kid, nonce: request.nonce },
    );
    if (signed) {
      res.setHeader('Signature-Input', signed.input);
      res.setHeader('Signature', signed.signature);
    }
    return writeHead(statusCode, ...rest);
  }) as Response['writeHead'];
}
