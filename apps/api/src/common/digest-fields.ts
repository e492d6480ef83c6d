import { createHash } from 'node:crypto';

/**
 * RFC 9530 digest fields: `sha-256=:<base64 of the SHA-256>:`. `Content-Digest` is of the bytes of
 * one answer's body, `Repr-Digest` of the whole representation (a file, whatever range is sent).
 */
export function sha256DigestField(body: Buffer | string): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/** The same field for a SHA-256 already known as hex (a stored file's). */
export function sha256DigestFieldOfHex(hex: string): string {
  return `sha-256=:${Buffer.from(hex, 'hex').toString('base64')}:`;
}
