import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard. A webhook URL must be http(s) and its host must not resolve to an address of this
 * machine or of a private network, unless WEBHOOKS_ALLOW_PRIVATE_URLS is set. It is checked when an
 * endpoint is saved and again on every attempt, on the very addresses the connection uses (so a DNS
 * answer that changes after the check cannot point a delivery inward).
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64: may reach any IPv4 address, private ones included
  ['64:ff9b:1::', 48], // local-use NAT64
  ['2002::', 16], // 6to4: embeds an IPv4 address
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (`::ffff:10.0.0.1`), if any. */
function embeddedIpv4(address: string): string | null {
  const m = /^::(?:ffff:)?(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2], 16);
  const lo = parseInt(m[3], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True for loopback, private, link-local, carrier-grade NAT, unspecified and multicast addresses. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    return v4 ? blocked.check(v4, 'ipv4') : blocked.check(bare, 'ipv6');
  }
  return true; // not an address at all: never connect to it
}

export class BlockedAddressError extends Error {
  readonly code = 'EWEBHOOKBLOCKED';
}

const blockedMessage = (host: string, address: string) =>
  `Refused: ${host} resolves to ${address}, a private, loopback or link-local address (WEBHOOKS_ALLOW_PRIVATE_URLS is off)`;

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Why a URL is not acceptable as a webhook target before any lookup (scheme, form), or null. */
export function urlFormProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (!url.hostname) return 'url must have a host';
  return null;
}

function lookupAll(host: string, timeoutMs: number): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`DNS lookup of ${host} timed out`)), timeoutMs);
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(addresses);
    });
  });
}

/**
 * Why this URL may not be saved as a webhook target, or null when it may. With private targets
 * allowed only the form is checked; otherwise every address its host resolves to must be public.
 */
export async function webhookUrlProblem(raw: string, allowPrivate: boolean, timeoutMs = 5000): Promise<string | null> {
  const form = urlFormProblem(raw);
  if (form || allowPrivate) return form;
  const host = hostOf(new URL(raw));
  if (isIP(host)) return isBlockedAddress(host) ? blockedMessage(host, host) : null;
  let addresses: LookupAddress[];
  try {
    addresses = await lookupAll(host, timeoutMs);
  } catch {
    return `url host ${host} does not resolve`;
  }
  const bad = addresses.find((a) => isBlockedAddress(a.address));
  return bad ? blockedMessage(host, bad.address) : addresses.length === 0 ? `url host ${host} does not resolve` : null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses private addresses: the check runs on the addresses the
 * socket then connects to, so a DNS rebinding between the check and the connection is impossible.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const bad = addresses.find((a) => isBlockedAddress(a.address));
    if (bad) return callback(new BlockedAddressError(blockedMessage(hostname, bad.address)), '');
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '');
    callback(null, first.address, first.family);
  });
}

/** The refusal for an IP-literal host (sockets skip `lookup` for those), or null. */
export function literalAddressProblem(url: URL): string | null {
  const host = hostOf(url);
  return isIP(host) && isBlockedAddress(host) ? blockedMessage(host, host) : null;
}
