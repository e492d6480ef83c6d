/** An app's Ed25519 signing keys (the contract's "Trust" section). */

/** `active` signs (exactly one); `next` is published, not yet signing; `previous` was active, still published. */
export type SigningKeyStatus = 'active' | 'next' | 'previous';
export const SIGNING_KEY_STATUSES: readonly SigningKeyStatus[] = ['active', 'next', 'previous'];

/** A public key as a JWK (RFC 7517, OKP of RFC 8037). */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** the raw public key, base64url */
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

/** GET /v1/client/jwks and GET /app/jwks/{endpoint}: not enveloped. */
export interface JsonWebKeySet {
  keys: PublicJwk[];
}

export interface SigningKeyResponse {
  kid: string;
  status: SigningKeyStatus;
  createdAt: string;
  publicJwk: PublicJwk;
  /** SPKI, PEM-encoded */
  publicPem: string;
}

/** Most published keys an app may have at once. */
export const MAX_SIGNING_KEYS = 10;

/** `Keyhold-Nonce`: 8 to 128 unreserved characters; the answer's signature carries it back. */
export const NONCE_PATTERN = /^[A-Za-z0-9\-_.~]{8,128}$/;
export const NONCE_HEADER = 'Keyhold-Nonce';
/** The label of Keyhold's signature in Signature-Input and Signature. */
export const SIGNATURE_LABEL = 'keyhold';
/** The components every answer's signature covers, in this order. */
export const SIGNATURE_COMPONENTS = ['"@status"', '"content-digest"', '"@method";req', '"@path";req'] as const;

/** POST /v1/client/offline: a license the software checks without the server. */
export interface OfflineLicenseResponse {
  /** RFC 7515 compact JWS, `alg` EdDSA, `typ` keyhold-license+jwt, signed with the app's active key. */
  license: string;
  expiresAt: string;
}

/** The claims of an offline license's JWS. */
export interface OfflineLicenseClaims {
  /** the app's id, `app_...` */
  iss: string;
  /** `usr_...` or `lic_...` */
  sub: string;
  /** the bound hardware id, or null */
  hwid: string | null;
  /** the user's or license's subscription (null: a user without one) */
  subscription: string | null;
  /** ISO 8601, or null for a lifetime license */
  licenseExpiresAt: string | null;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}

export const OFFLINE_LICENSE_TYPE = 'keyhold-license+jwt';
