import { LICENSE_MASK_MIN_RANDOM, LICENSE_MASK_PATTERN, LICENSE_MASK_RULE } from '@keyhold/contracts';
import { randomBytes } from 'node:crypto';

/** The characters an X becomes: all of A-Z0-9, or without the look-alikes 0/O and 1/I (`readable`). */
export const KEY_ALPHABETS = {
  full: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  readable: 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
} as const;
export const MIN_RANDOM_CHARACTERS = LICENSE_MASK_MIN_RANDOM;

/** Why a mask cannot be used, or null when it can. */
export function maskProblem(mask: string): string | null {
  if (!LICENSE_MASK_PATTERN.test(mask)) return `mask must be ${LICENSE_MASK_RULE}`;
  const random = [...mask].filter((c) => c === 'X').length;
  if (random < MIN_RANDOM_CHARACTERS) return `mask must contain at least ${MIN_RANDOM_CHARACTERS} X (random characters)`;
  return null;
}

/** `count` keys from the mask: each `X` becomes one of the alphabet's characters from a cryptographic source. */
export function keysFromMask(mask: string, count: number, alphabet: string = KEY_ALPHABETS.full): string[] {
  // The largest multiple of the alphabet's size up to 256: bytes at or above it are dropped, so
  // every character is equally likely (36 drops 4 values in 256; 32 none).
  const limit = 256 - (256 % alphabet.length);
  const slots = [...mask];
  const randomPerKey = slots.filter((c) => c === 'X').length;
  const needed = randomPerKey * count;
  const chars: string[] = [];
  while (chars.length < needed) {
    const bytes = randomBytes(Math.ceil((needed - chars.length) * 1.1) + 16);
    for (let i = 0; i < bytes.length && chars.length < needed; i++) {
      if (bytes[i] < limit) chars.push(alphabet[bytes[i] % alphabet.length]);
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
