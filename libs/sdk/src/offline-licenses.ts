import { OFFLINE_LICENSE_TYPE } from '@keyhold/contracts';
import type { JsonWebKeySet, OfflineLicenseClaims } from '@keyhold/contracts';
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { PinnedKeys } from './answer-signatures';

/**
 * Why an offline license was refused:
 * - `malformed`: not a compact JWS, or claims missing or of the wrong type;
 * - `wrong-type`: `typ` is not `keyhold-license+jwt` (another token signed by the same key);
 * - `wrong-algorithm`: `alg` is not EdDSA;
 * - `unknown-key`: `kid` is missing or not in the pinned JWK Set;
 * - `bad-signature`: altered, or forged;
 * - `expired` / `not-yet-valid`: `exp` / `nbf` against the local clock, with the allowed skew;
 * - `hwid-mismatch`: the license is bound to another hardware id.
 */
export type OfflineLicenseFailureReason =
  'malformed' | 'wrong-type' | 'wrong-algorithm' | 'unknown-key' | 'bad-signature' | 'expired' | 'not-yet-valid' | 'hwid-mismatch';

export class OfflineLicenseError extends Error {
  constructor(
    readonly reason: OfflineLicenseFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'OfflineLicenseError';
  }
}

export interface VerifyOfflineLicenseOptions {
  /**
   * This machine's hardware id (null: none). A license bound to a hardware id is accepted only
   * with that same id; an unbound license (`hwid: null`) on any machine.
   */
  hwid: string | null;
  /** The local clock (default: now). */
  now?: Date;
  /** Seconds the local clock may be off for `exp` and `nbf` (default 60). */
  clockSkewSeconds?: number;
}

const DEFAULT_CLOCK_SKEW_SECONDS = 60;

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function claimsOf(p: JWTPayload): OfflineLicenseClaims | undefined {
  const c = p as Record<string, unknown>;
  if (!isString(c.iss) || !isString(c.sub) || !isString(c.jti)) return undefined;
  if (!isStringOrNull(c.hwid) || !isStringOrNull(c.subscription) || !isStringOrNull(c.licenseExpiresAt)) return undefined;
  if (!isNumber(c.iat) || !isNumber(c.nbf) || !isNumber(c.exp)) return undefined;
  return {
    iss: c.iss,
    sub: c.sub,
    hwid: c.hwid,
    subscription: c.subscription,
    licenseExpiresAt: c.licenseExpiresAt,
    iat: c.iat,
    nbf: c.nbf,
    exp: c.exp,
    jti: c.jti,
  };
}

/**
 * Checks an offline license (`POST /v1/client/offline`'s `license`, a compact JWS) with no network:
 * signed (EdDSA) by a key of the pinned JWK Set, of type `keyhold-license+jwt`, within `nbf`..`exp`
 * by the local clock, and bound to this hardware id if bound at all. Returns its claims, or throws
 * OfflineLicenseError. The local clock is the user's: an offline license is as strong as it is.
 */
export async function verifyOfflineLicense(
  jws: string,
  jwks: JsonWebKeySet | PinnedKeys,
  options: VerifyOfflineLicenseOptions,
): Promise<OfflineLicenseClaims> {
  const keys = jwks instanceof PinnedKeys ? jwks : new PinnedKeys(jwks);
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new OfflineLicenseError('malformed', 'Not a compact JWS');
  }
  if (jws.split('.').length !== 3) throw new OfflineLicenseError('malformed', 'Not a compact JWS');
  if (header.typ !== OFFLINE_LICENSE_TYPE)
    throw new OfflineLicenseError('wrong-type', `typ is ${String(header.typ)}, not ${OFFLINE_LICENSE_TYPE}`);
  if (header.alg !== 'EdDSA') throw new OfflineLicenseError('wrong-algorithm', `alg is ${String(header.alg)}, not EdDSA`);
  const key = typeof header.kid === 'string' ? keys.key(header.kid) : undefined;
  if (!key) throw new OfflineLicenseError('unknown-key', `Signed with key ${String(header.kid)}, which is not pinned`);

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jws, await key, {
      algorithms: ['EdDSA'],
      typ: OFFLINE_LICENSE_TYPE,
      currentDate: options.now ?? new Date(),
      clockTolerance: options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
      requiredClaims: ['iss', 'sub', 'iat', 'nbf', 'exp', 'jti'],
    }));
  } catch (e) {
    throw offlineError(e);
  }
  const claims = claimsOf(payload);
  if (!claims) throw new OfflineLicenseError('malformed', 'The license lacks claims or has claims of the wrong type');
  if (claims.hwid !== null && claims.hwid !== options.hwid)
    throw new OfflineLicenseError('hwid-mismatch', 'The license is bound to another hardware id');
  return claims;
}

function offlineError(e: unknown): OfflineLicenseError {
  if (e instanceof errors.JWSSignatureVerificationFailed) return new OfflineLicenseError('bad-signature', 'The signature does not verify');
  if (e instanceof errors.JWTExpired) return new OfflineLicenseError('expired', 'The offline license has expired');
  if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'nbf')
    return new OfflineLicenseError('not-yet-valid', 'The offline license is not valid yet');
  if (e instanceof errors.JOSEAlgNotAllowed) return new OfflineLicenseError('wrong-algorithm', 'alg is not EdDSA');
  return new OfflineLicenseError('malformed', e instanceof Error ? e.message : 'Not a valid offline license');
}
