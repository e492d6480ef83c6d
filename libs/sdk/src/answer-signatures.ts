import { SIGNATURE_COMPONENTS, SIGNATURE_LABEL } from '@keyhold/contracts';
import type { JsonWebKeySet, PublicJwk } from '@keyhold/contracts';
import { importJWK } from 'jose';
import { KeyholdError } from './errors';
import {
  Dictionary,
  InnerList,
  isInnerList,
  Item,
  parseDictionary,
  serializeBareItem,
  serializeInnerList,
  serializeItem,
  StructuredFieldError,
  toBase64,
} from './structured-fields';

/**
 * Verification of Keyhold's signed answers: RFC 9421 (HTTP Message Signatures) as the contract
 * profiles it. Every answer of `/v1/client/*` for a known app carries
 *
 *   Content-Digest: sha-256=:<SHA-256 of the body>:                          (RFC 9530)
 *   Signature-Input: keyhold=("@status" "content-digest" "@method";req "@path";req);created=...;keyid="key_...";alg="ed25519";nonce="..."
 *   Signature: keyhold=:<Ed25519 signature of the signature base>:
 *
 * and a ranged file answer (206) is signed over `"repr-digest" "content-range"` (the whole file's
 * SHA-256 and the range sent) instead of the body's digest. With the app's public keys pinned and
 * a fresh nonce per request, an answer verifies only if the app's server made it for this very
 * request: no clock is trusted (`created` is reported, never judged).
 */

/**
 * Why an answer was refused:
 * - `unsigned`: no `keyhold` signature at all (an emulator, or a server that is not Keyhold);
 * - `malformed`: a signature that cannot be read, or that does not cover what this client requires;
 * - `unknown-key`: signed with a key (`keyid`) that is not in the pinned JWK Set;
 * - `nonce-mismatch`: the signature answers another request's nonce, or none (a replay);
 * - `digest-mismatch`: the body's bytes differ from the signed digest (altered in transit);
 * - `path-mismatch`: the signature is genuine but was made for another method or path;
 * - `status-mismatch`: the signature is genuine but was made for another status;
 * - `bad-signature`: the signature does not verify (altered headers or status, a forged signature,
 *   or an answer to a request the SDK cannot guess).
 * The `*-mismatch` reasons beyond the nonce come from a best-effort diagnosis after a failed check;
 * whatever the reason, the answer was not trusted.
 */
export type SignatureFailureReason =
  'unsigned' | 'malformed' | 'unknown-key' | 'nonce-mismatch' | 'digest-mismatch' | 'path-mismatch' | 'status-mismatch' | 'bad-signature';

/**
 * An answer that failed verification. `status` is 0 and `code` UNVERIFIED_ANSWER: nothing about the
 * answer is trusted, its status (`receivedStatus`) least of all.
 */
export class KeyholdSignatureError extends KeyholdError {
  constructor(
    readonly reason: SignatureFailureReason,
    message: string,
    /** The HTTP status that arrived, unverified: for logs only. */
    readonly receivedStatus: number,
  ) {
    super(0, 'UNVERIFIED_ANSWER', message);
    this.name = 'KeyholdSignatureError';
  }
}

/** What a ranged file answer (206) is signed over: the whole file's digest and the range sent. */
export const RANGED_SIGNATURE_COMPONENTS = ['"@status"', '"repr-digest"', '"content-range"', '"@method";req', '"@path";req'] as const;

/**
 * An app's public keys, pinned: the JWK Set you ship inside your software. Checked when made (a
 * bad set is a programming error and throws TypeError); keys are imported on first use.
 */
export class PinnedKeys {
  private readonly jwks = new Map<string, PublicJwk>();
  private readonly imported = new Map<string, Promise<CryptoKey>>();

  constructor(jwks: JsonWebKeySet) {
    const keys: unknown = (jwks as { keys?: unknown } | null | undefined)?.keys;
    if (!Array.isArray(keys) || keys.length === 0) throw new TypeError('The pinned JWK Set must be {"keys": [...]} with at least one key');
    for (const key of keys as Partial<PublicJwk & { d: unknown }>[]) {
      const kid = key?.kid;
      if (typeof kid !== 'string' || kid === '') throw new TypeError('Every pinned key needs a kid');
      if ('d' in key) throw new TypeError(`Pinned key ${kid} holds a private key ("d"): ship only the public JWK Set`);
      if (key.kty !== 'OKP' || key.crv !== 'Ed25519') throw new TypeError(`Pinned key ${kid} is not an Ed25519 key (kty OKP, crv Ed25519)`);
      if (typeof key.x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(key.x)) throw new TypeError(`Pinned key ${kid} has no 32-byte "x"`);
      if (key.use !== undefined && key.use !== 'sig') throw new TypeError(`Pinned key ${kid} is not a signing key`);
      if (key.alg !== undefined && key.alg !== 'EdDSA' && (key.alg as string) !== 'Ed25519')
        throw new TypeError(`Pinned key ${kid} is not for EdDSA`);
      if (this.jwks.has(kid)) throw new TypeError(`The pinned JWK Set has two keys with kid ${kid}`);
      this.jwks.set(kid, key as PublicJwk);
    }
  }

  get kids(): string[] {
    return [...this.jwks.keys()];
  }

  has(kid: string): boolean {
    return this.jwks.has(kid);
  }

  /** The Web Crypto key of `kid` (Ed25519, verify only), or undefined if it is not pinned. */
  key(kid: string): Promise<CryptoKey> | undefined {
    const jwk = this.jwks.get(kid);
    if (!jwk) return undefined;
    let key = this.imported.get(kid);
    if (!key) {
      key = importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'EdDSA');
      this.imported.set(kid, key);
    }
    return key;
  }
}

/** A fresh `Keyhold-Nonce`: 24 random bytes as 32 base64url characters (within NONCE_PATTERN). */
export function createNonce(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(24)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The header fields of an answer (`Headers`, or anything with the same `get`). */
export interface AnswerHeaders {
  get(name: string): string | null;
}

/** One request as sent and its answer as received: what a signature is checked against. */
export interface SignedExchange {
  /** The request's method and path as sent (`@method`, `@path`: percent-encoding kept, no query). */
  method: string;
  path: string;
  /** The Keyhold-Nonce the request carried. */
  nonce: string;
  status: number;
  headers: AnswerHeaders;
}

/** A verified answer's signature. */
export interface VerifiedAnswer {
  /** The pinned key that signed it. */
  kid: string;
  /** When the server says it signed (unix seconds): informative, never checked against a clock. */
  created: number;
  nonce: string;
  status: number;
  method: string;
  path: string;
  /**
   * `body`: the signature covers Content-Digest, so the body is genuine once its bytes hash to
   * `sha256`. `range`: a ranged file answer; the signature proves that `contentRange` is a range of
   * the file whose whole SHA-256 is `sha256` (Repr-Digest), not yet that these bytes are it.
   */
  covers: 'body' | 'range';
  /** Hex SHA-256: of the body (`body`), or of the whole file (`range`). */
  sha256: string;
  contentRange?: string;
}

export interface VerifyAnswerOptions {
  /** Accept a ranged file answer (206, signed over repr-digest and content-range). Default false. */
  allowRange?: boolean;
  /** More paths the diagnosis of a failed signature tries (the request's path without the base URL's prefix). */
  otherPaths?: readonly string[];
}

/** The derived and field components of Keyhold's profile, and where each takes its value. */
type ExchangeValues = Pick<SignedExchange, 'status' | 'method' | 'path' | 'headers'>;
const COMPONENT_VALUE: Record<string, (x: ExchangeValues) => string | null> = {
  '"@status"': (x) => String(x.status),
  '"@method";req': (x) => x.method.toUpperCase(),
  '"@path";req': (x) => x.path,
  '"content-digest"': (x) => x.headers.get('content-digest'),
  '"repr-digest"': (x) => x.headers.get('repr-digest'),
  '"content-range"': (x) => x.headers.get('content-range'),
};

/**
 * The signature base of RFC 9421 §2.5: one line per covered component, `<identifier>: <value>`,
 * then `"@signature-params": <the inner list and its parameters>`, joined by `\n`, no trailing
 * newline. `valueOf` gives each component's value (null: the message has no such component).
 */
export function signatureBase(covered: InnerList, valueOf: (component: Item) => string | null): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const component of covered.items) {
    if (typeof component.value !== 'string') throw new StructuredFieldError('A component identifier is not a string');
    const id = serializeItem(component);
    if (seen.has(id)) throw new StructuredFieldError(`Component ${id} is covered twice`);
    seen.add(id);
    const value = valueOf(component);
    if (value === null) throw new StructuredFieldError(`The message has no component ${id}`);
    if (/[\r\n]/.test(value)) throw new StructuredFieldError(`Component ${id} has a line break`);
    lines.push(`${id}: ${value}`);
  }
  lines.push(`"@signature-params": ${serializeInnerList(covered)}`);
  return lines.join('\n');
}

/** Ed25519 (RFC 8032) over the signature base's UTF-8 bytes, with Web Crypto. */
export function verifyEd25519(key: CryptoKey, signature: Uint8Array, base: string): Promise<boolean> {
  return crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(signature), new TextEncoder().encode(base));
}

/** The SHA-256 of an RFC 9530 digest field (`sha-256=:...:`), hex, or undefined when it has none. */
export function sha256OfDigestField(value: string | null): string | undefined {
  if (value === null) return undefined;
  let field: Dictionary;
  try {
    field = parseDictionary(value);
  } catch {
    return undefined;
  }
  const member = field.get('sha-256');
  if (!member || isInnerList(member) || !(member.value instanceof Uint8Array) || member.value.length !== 32) return undefined;
  return toHex(member.value);
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** The hex SHA-256 of bytes held in memory (Web Crypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))));
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Statuses, methods and client routes the diagnosis of a failed signature tries. */
const STATUS_GUESSES = [200, 201, 204, 206, 400, 401, 403, 404, 409, 413, 415, 416, 426, 429, 500, 503];
const METHOD_GUESSES = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
const CLIENT_ROUTES = [
  '/v1/client/login',
  '/v1/client/register',
  '/v1/client/license',
  '/v1/client/session',
  '/v1/client/logout',
  '/v1/client/offline',
  '/v1/client/jwks',
];

/**
 * Checks an answer's signature against the pinned keys and the request as sent, and returns what
 * it proves; throws KeyholdSignatureError otherwise. The body is not read here: check it with
 * `verifyAnswerBody` (or stream it through a hash) against the returned `sha256`.
 */
export async function verifyAnswerSignature(
  exchange: SignedExchange,
  keys: PinnedKeys,
  options: VerifyAnswerOptions = {},
): Promise<VerifiedAnswer> {
  const refuse = (reason: SignatureFailureReason, message: string) => new KeyholdSignatureError(reason, message, exchange.status);
  const inputField = exchange.headers.get('signature-input');
  const signatureField = exchange.headers.get('signature');
  if (inputField === null && signatureField === null) throw refuse('unsigned', 'The answer is not signed');

  let inputs: Dictionary;
  let signatures: Dictionary;
  try {
    inputs = parseDictionary(inputField ?? '');
    signatures = parseDictionary(signatureField ?? '');
  } catch (e) {
    throw refuse('malformed', `Unreadable Signature-Input or Signature: ${(e as Error).message}`);
  }
  const input = inputs.get(SIGNATURE_LABEL);
  const signature = signatures.get(SIGNATURE_LABEL);
  if (!input && !signature) throw refuse('unsigned', `The answer carries no "${SIGNATURE_LABEL}" signature`);
  if (!input || !signature) throw refuse('malformed', `Signature-Input and Signature do not both carry "${SIGNATURE_LABEL}"`);
  if (!isInnerList(input)) throw refuse('malformed', 'Signature-Input is not an inner list');
  if (isInnerList(signature) || !(signature.value instanceof Uint8Array) || signature.value.length !== 64)
    throw refuse('malformed', 'Signature is not a 64-byte Ed25519 signature');

  const components = input.items.map((c) => (typeof c.value === 'string' ? serializeItem(c) : '?'));
  let covers: VerifiedAnswer['covers'];
  if (sameList(components, SIGNATURE_COMPONENTS)) covers = 'body';
  else if (options.allowRange && exchange.status === 206 && sameList(components, RANGED_SIGNATURE_COMPONENTS)) covers = 'range';
  else throw refuse('malformed', `The signature covers ${components.join(' ')}, not what this answer needs`);

  const { keyid, created, alg, nonce } = Object.fromEntries(input.params);
  if (typeof keyid !== 'string') throw refuse('malformed', 'The signature names no keyid');
  if (typeof created !== 'number') throw refuse('malformed', 'The signature has no created time');
  if (alg !== undefined && alg !== 'ed25519') throw refuse('malformed', `The signature's alg is ${serializeBareItem(alg)}, not ed25519`);
  const key = keys.key(keyid);
  if (!key) throw refuse('unknown-key', `Signed with key ${keyid}, which is not pinned (pinned: ${keys.kids.join(', ')})`);
  if (nonce === undefined) throw refuse('nonce-mismatch', 'The signature answers no nonce: a replayed answer');
  if (nonce !== exchange.nonce) throw refuse('nonce-mismatch', 'The signature answers another request (another nonce): a replayed answer');

  const sig = signature.value;
  const check = async (values: ExchangeValues) =>
    verifyEd25519(
      await key,
      sig,
      signatureBase(input, (c) => COMPONENT_VALUE[serializeItem(c)](values)),
    );
  let valid: boolean;
  try {
    valid = await check(exchange);
  } catch (e) {
    throw refuse('malformed', (e as Error).message);
  }
  if (!valid) throw await diagnose(exchange, check, options.otherPaths ?? [], refuse);

  const sha256 = sha256OfDigestField(exchange.headers.get(covers === 'body' ? 'content-digest' : 'repr-digest'));
  if (!sha256) throw refuse('malformed', 'The signed digest field holds no sha-256');
  return {
    kid: keyid,
    created,
    nonce: exchange.nonce,
    status: exchange.status,
    method: exchange.method.toUpperCase(),
    path: exchange.path,
    covers,
    sha256,
    ...(covers === 'range' ? { contentRange: exchange.headers.get('content-range') ?? undefined } : {}),
  };
}

/**
 * After a failed check: would the signature verify for another status, or another method or
 * path? That tells a proxy that rewrites paths, or an answer moved to another request, from
 * plain tampering. Only the reason depends on it; the answer is refused either way.
 */
async function diagnose(
  x: SignedExchange,
  check: (values: ExchangeValues) => Promise<boolean>,
  otherPaths: readonly string[],
  refuse: (reason: SignatureFailureReason, message: string) => KeyholdSignatureError,
): Promise<KeyholdSignatureError> {
  const method = x.method.toUpperCase();
  for (const status of STATUS_GUESSES) {
    if (status !== x.status && (await check({ ...x, status })))
      return refuse('status-mismatch', `The answer was signed with status ${status}, but arrived with ${x.status}`);
  }
  for (const path of new Set([x.path, ...otherPaths, ...CLIENT_ROUTES])) {
    for (const m of METHOD_GUESSES) {
      if ((path !== x.path || m !== method) && (await check({ ...x, method: m, path })))
        return refuse('path-mismatch', `The answer was signed for ${m} ${path}, not for ${method} ${x.path}`);
    }
  }
  return refuse('bad-signature', 'The signature does not verify: the answer was altered or forged');
}

/** Checks a body held in memory against a verified answer's Content-Digest. */
export async function verifyAnswerBody(verified: VerifiedAnswer, body: Uint8Array): Promise<void> {
  if (verified.covers !== 'body') throw new KeyholdSignatureError('malformed', 'A ranged answer does not cover its body', verified.status);
  if ((await sha256Hex(body)) !== verified.sha256)
    throw new KeyholdSignatureError('digest-mismatch', "The body's bytes differ from the signed Content-Digest", verified.status);
}
