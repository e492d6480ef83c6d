/** The parts of `/app/auth/{endpoint}+{username}+{password}+{version}[+{hardware_id}]`. */
export interface AxoraCredentials {
  endpoint: string;
  username: string;
  password: string;
  version: string;
  hwid?: string;
}

export const AXORA_PREFIX = '/app/auth/';

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // A raw `%` that is not an escape (the seed's JavaScript client does not encode): keep it.
    return part;
  }
}

/**
 * Splits the raw path (still percent-encoded) on literal `+` first, then decodes each part, so a
 * `+` inside a value arrives as `%2B` and survives. Returns null for anything but 4 or 5 non-empty
 * parts.
 */
export function parseAxoraPath(rawUrl: string): AxoraCredentials | null {
  const path = rawUrl.split('?')[0].split('#')[0];
  // The router matches paths whatever their case, as the signer and the error filter do.
  if (path.slice(0, AXORA_PREFIX.length).toLowerCase() !== AXORA_PREFIX) return null;
  const parts = path.slice(AXORA_PREFIX.length).split('+').map(decode);
  if (parts.length < 4 || parts.length > 5 || parts.some((p) => p.length === 0)) return null;
  const [endpoint, username, password, version, hwid] = parts;
  return { endpoint, username, password, version, ...(hwid !== undefined ? { hwid } : {}) };
}
