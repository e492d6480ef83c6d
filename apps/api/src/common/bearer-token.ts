import type { KeyholdRequest } from './request';

/** The first two runs of non-space in the header: the scheme and its value (the rest is ignored). */
const AUTHORIZATION = /(\S+)\s+(\S+)/;

/**
 * The token of an `Authorization: Bearer <token>` header (scheme in any case), or null. Read as
 * passport-jwt's `fromAuthHeaderAsBearerToken` read it, so the same headers pass.
 */
export function bearerTokenOf(req: KeyholdRequest): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = AUTHORIZATION.exec(header);
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : null;
}
