import { LICENSE_MASK_PATTERN, LICENSE_MASK_RULE } from '@keyhold/contracts';
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
// Largest multiple of 36 below 256: bytes at or above it are dropped, so every character is uniform.
const LIMIT = 252;
export const MIN_RANDOM_CHARACTERS = 8;

/** Why a mask cannot be used, or null when it can. */
export function maskProblem(mask: string): string | null {
  if (!LICENSE_MASK_PATTERN.test(mask)) return `mask must be ${LICENSE_MASK_RULE}`;
  const random = [...mask].filter((c) => c === 'X').length;
  if (random < MIN_RANDOM_CHARACTERS) return `mask must contain at least ${MIN_RANDOM_CHARACTERS} X (random characters)`;
  return null;
}

/** `count` keys from the mask: each `X` becomes one of A-Z0-9 from a cryptographic source. */
export function keysFromMask(mask: string, count: number): string[] {
  const slots = [...mask];
  const randomPerKey = slots.filter((c) => c === 'X').length;
  const needed = randomPerKey * count;
  const chars: string[] = [];
  while (chars.length < needed) {
    const bytes = randomBytes(Math.ceil((needed - chars.length) * 1.1) + 16);
    for (let i = 0; i < bytes.length && chars.length < needed; i++) {
      if (bytes[i] < LIMIT) chars.push(ALPHABET[bytes[i] % 36]);
    }
  }
  const keys = new Array<string>(count);
  let next = 0;
  for (let k = 0; k < count; k++) {
    let key = '';
    for (const c of slots) key += c === 'X' ? chars[next++] : c;
    keys[k] = key;
  }
  return keys;
}
