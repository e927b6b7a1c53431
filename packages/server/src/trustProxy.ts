import { isIP } from 'node:net';

/** proxy-addr's names for address ranges, accepted in a trusted-proxy list. */
const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether `entry` is an IP address, an address/prefix-length CIDR, or one of proxy-addr's named ranges. */
export function isProxyAddress(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Fastify's `trustProxy` for a resolved setting. A hop count becomes a trust function, since Fastify 5.12
 * refuses plain numbers: the nearest `hops` addresses (the socket peer, then X-Forwarded-For from the
 * right) are proxies, and the address before them is the client's. Entries further left are the client's own words.
 */
export function trustProxyOption(value: false | number | string[]): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value;
}
