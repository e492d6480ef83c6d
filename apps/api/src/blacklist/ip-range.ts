import { isIP } from 'node:net';

/** An IP address or CIDR range as PostgreSQL's cidr wants it (host bits cleared), or null. */
export function parseIpRange(value: string): { address: string; prefix: number; version: 4 | 6 } | null {
  const [address, prefixText, ...rest] = value.trim().split('/');
  if (address.includes('%')) return null; // a zone id (fe80::1%eth0): PostgreSQL's inet has none
  if (rest.length > 0) return null;
  const version = isIP(address);
  if (version !== 4 && version !== 6) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address: address.toLowerCase(), prefix, version };
}
