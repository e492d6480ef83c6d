import { SIGNATURE_COMPONENTS, SIGNATURE_LABEL } from '@keyhold/contracts';
import { sign, type KeyObject } from 'node:crypto';

/**
 * RFC 9421 (HTTP Message Signatures) for Keyhold's answers, as the contract fixes it: the label
 * `keyhold`, Ed25519, and the components `"@status" "content-digest" "@method";req "@path";req`.
 * A ranged file answer (206) has no digest of its bytes to offer without reading them first, so
 * it covers the whole file's `repr-digest` and the `content-range` it sends instead.
 */

/** A component's line in the signature base and the value it takes from the exchange. */
type Component = { id: string; value: (a: SignedAnswer) => string };

export interface SignedAnswer {
  status: number;
  /** The request's method and path as sent (percent-encoding kept, no query). */
  method: string;
  path: string;
  /** The RFC 9530 fields of the answer, as sent. */
  contentDigest?: string;
  reprDigest?: string;
  contentRange?: string;
}

export interface SignatureParams {
  created: number;
  keyid: string;
  nonce?: string;
}

const COMPONENTS: Record<string, Component> = {
  '"@status"': { id: '"@status"', value: (a) => String(a.status) },
  '"content-digest"': { id: '"content-digest"', value: (a) => a.contentDigest ?? '' },
  '"repr-digest"': { id: '"repr-digest"', value: (a) => a.reprDigest ?? '' },
  '"content-range"': { id: '"content-range"', value: (a) => a.contentRange ?? '' },
  '"@method";req': { id: '"@method";req', value: (a) => a.method.toUpperCase() },
  '"@path";req': { id: '"@path";req', value: (a) => a.path },
};

/** The components an answer's signature covers: the contract's, or for a ranged file answer the range's. */
export const RANGED_COMPONENTS = ['"@status"', '"repr-digest"', '"content-range"', '"@method";req', '"@path";req'] as const;

export function componentsFor(a: SignedAnswer): readonly string[] | null {
  if (a.contentDigest) return SIGNATURE_COMPONENTS;
  if (a.reprDigest && a.contentRange) return RANGED_COMPONENTS;
  return null;
}

/** The `@signature-params` value: the inner list and its parameters, in the contract's order. */
export function signatureParamsValue(components: readonly string[], p: SignatureParams): string {
  const nonce = p.nonce === undefined ? '' : `;nonce="${p.nonce}"`;
  return `(${components.join(' ')});created=${p.created};keyid="${p.keyid}";alg="ed25519"${nonce}`;
}

/** The signature base (RFC 9421 §2.5): one line per component, then `@signature-params`, no trailing newline. */
export function signatureBase(a: SignedAnswer, components: readonly string[], params: string): string {
  const lines = components.map((c) => `${COMPONENTS[c].id}: ${COMPONENTS[c].value(a)}`);
  lines.push(`"@signature-params": ${params}`);
  return lines.join('\n');
}

/** `Signature-Input` and `Signature` for the answer, or null when it carries nothing to sign over. */
export function signAnswer(a: SignedAnswer, key: KeyObject, p: SignatureParams): { input: string; signature: string } | null {
  const components = componentsFor(a);
  if (!components) return null;
  const params = signatureParamsValue(components, p);
  const signature = sign(null, Buffer.from(signatureBase(a, components, params), 'utf8'), key).toString('base64');
  return { input: `${SIGNATURE_LABEL}=${params}`, signature: `${SIGNATURE_LABEL}=:${signature}:` };
}
