/** Password rules, checked by the API's DTOs and, before sending, by the dashboard's forms. */

/** bcrypt reads 72 bytes and ignores the rest: a longer password would silently be cut, so it is refused. */
export const PASSWORD_MAX_BYTES = 72;

/** Fewest characters: sellers and resellers guard accounts; end users' passwords are the seller's business. */
export const PASSWORD_MIN_LENGTH = { seller: 8, reseller: 8, endUser: 1 } as const;

/** UTF-8 bytes, what the limit counts (an accented letter is 2, a euro sign 3). */
export function passwordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}
