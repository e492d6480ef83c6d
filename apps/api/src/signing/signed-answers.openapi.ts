import { NONCE_HEADER } from '@keyhold/contracts';
import type { OpenAPIObject } from '@nestjs/swagger';

const SIGNED_PREFIXES = ['/v1/client/', '/app/auth/'];

const NONCE_PARAMETER = {
  name: NONCE_HEADER,
  in: 'header',
  required: false,
  description:
    'A fresh random value per request (8 to 128 characters of `A-Z a-z 0-9 - _ . ~`, else 400 VALIDATION_FAILED). The answer\'s signature carries it back as `nonce="..."`: an answer replayed from another request does not have it.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9\\-_.~]{8,128}$' },
};

const SIGNATURE_HEADERS = {
  'Content-Digest': {
    description: 'RFC 9530: `sha-256=:<base64 of the SHA-256 of the body bytes>:` (absent on a ranged file answer)',
    schema: { type: 'string' },
  },
  'Signature-Input': {
    description:
      'RFC 9421: `keyhold=("@status" "content-digest" "@method";req "@path";req);created=<unix seconds>;keyid="key_...";alg="ed25519"` and `;nonce="..."` when the request sent Keyhold-Nonce. A ranged file answer (206) covers `"repr-digest" "content-range"` in place of `"content-digest"`. Absent for an unknown app.',
    schema: { type: 'string' },
  },
  Signature: {
    description: "RFC 9421: `keyhold=:<base64 Ed25519 signature of the signature base>:`, by the app's active key (see the JWK Set).",
    schema: { type: 'string' },
  },
};

/**
 * Writes the signing of client and Axora answers into the OpenAPI document: the Keyhold-Nonce
 * request header and the three answer headers on every response of every such route.
 */
export function documentSignedAnswers(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!SIGNED_PREFIXES.some((p) => path.startsWith(p))) continue;
    for (const op of Object.values(item) as Array<{ parameters?: unknown[]; responses?: Record<string, { headers?: object }> }>) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      op.parameters = [...(op.parameters ?? []), NONCE_PARAMETER];
      for (const response of Object.values(op.responses ?? {})) response.headers = { ...SIGNATURE_HEADERS, ...response.headers };
    }
  }
}
