/// <reference types="node" />
/**
 * Test support for the SDK's specs (not exported by the package): signs answers the way Keyhold's
 * server does (apps/api/src/signing/answer-signature.ts, the contract's "Trust" section), written
 * independently of the SDK's parser so that the specs cross-check the two.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { JsonWebKeySet, PublicJwk } from '@keyhold/contracts';

export interface TestSigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: PublicJwk;
}

export function testSigningKey(kid: string): TestSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: x!, kid, use: 'sig', alg: 'EdDSA' } };
}

export const jwksOf = (...keys: TestSigningKey[]): JsonWebKeySet => ({ keys: keys.map((k) => k.jwk) });

export const digestField = (bytes: Buffer | string): string => `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`;

export interface AnswerToSign {
  status: number;
  method: string;
  path: string;
  nonce?: string;
  contentDigest?: string;
  reprDigest?: string;
  contentRange?: string;
  created?: number;
}

/** `Signature-Input` and `Signature` for an answer, as the server makes them. */
export function signTestAnswer(a: AnswerToSign, key: Pick<TestSigningKey, 'kid' | 'privateKey'>): Record<string, string> {
  const ranged = a.contentDigest === undefined;
  const lines = ranged
    ? [`"@status": ${a.status}`, `"repr-digest": ${a.reprDigest}`, `"content-range": ${a.contentRange}`]
    : [`"@status": ${a.status}`, `"content-digest": ${a.contentDigest}`];
  lines.push(`"@method";req: ${a.method}`, `"@path";req: ${a.path}`);
  const components = ranged
    ? '("@status" "repr-digest" "content-range" "@method";req "@path";req)'
    : '("@status" "content-digest" "@method";req "@path";req)';
  const params = `${components};created=${a.created ?? Math.floor(Date.now() / 1000)};keyid="${key.kid}";alg="ed25519"${
    a.nonce === undefined ? '' : `;nonce="${a.nonce}"`
  }`;
  lines.push(`"@signature-params": ${params}`);
  const signature = sign(null, Buffer.from(lines.join('\n'), 'utf8'), key.privateKey).toString('base64');
  return { 'signature-input': `keyhold=${params}`, signature: `keyhold=:${signature}:` };
}
