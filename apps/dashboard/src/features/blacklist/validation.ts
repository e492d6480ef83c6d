import { HWID_MAX_LENGTH, NOTE_MAX_LENGTH, type BlacklistType } from '@keyhold/contracts';

/** Checks of the blacklist form: the API parses IPs the same way (apps/api/src/blacklist/ip-range.ts). */

export const BLACKLIST_VALUE_MAX = HWID_MAX_LENGTH;
export const BLACKLIST_REASON_MAX = NOTE_MAX_LENGTH;

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p));
}

/** Full, `::`-compressed and IPv4-suffixed forms (`::ffff:192.0.2.1`); no zone ids. */
export function isIPv6(value: string): boolean {
  if (!value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const all = [...head, ...tail];
  // A dotted IPv4 tail may only end the address as written (not stand before a trailing `::`).
  const endsWithGroup = halves.length === 1 || tail.length > 0;
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const group = all[i];
    const last = i === all.length - 1 && endsWithGroup;
    if (last && group.includes('.')) {
      if (!isIPv4(group)) return false;
      count += 2;
    } else if (HEX_GROUP.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** An address or a CIDR range: `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`. */
export function isIpOrCidr(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const [address, prefix] = parts;
  const version = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0;
  if (!version) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

export function validateBlacklistValue(type: BlacklistType, raw: string): string | undefined {
  const value = raw.trim();
  if (type === 'ip') {
    if (!value) return 'Enter an IP address or a CIDR range';
    if (!isIpOrCidr(value)) return 'Enter an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24';
    return undefined;
  }
  if (!value) return 'Enter a hardware id';
  if (value.length > BLACKLIST_VALUE_MAX) return `Use at most ${BLACKLIST_VALUE_MAX} characters`;
  return undefined;
}
