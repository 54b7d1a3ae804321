/**
 * Which address a request counts against for the per-address limits (sockets, room seats, held
 * pair requests, request rates, /ice). Behind a reverse proxy every socket comes from the proxy,
 * so with `trustProxy` the client is the address the proxy appended to `X-Forwarded-For`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP, isIPv4 } from 'node:net';

export interface AddressedRequest {
  readonly socket: { readonly remoteAddress?: string | undefined };
  readonly headers: IncomingHttpHeaders;
}

/**
 * The key a request's limits are counted under. With `trustProxy`, the **last** entry of
 * `X-Forwarded-For`: each proxy appends the address it was connected from, so the last entry is
 * the one our own proxy wrote; everything to its left came from the client (or proxies further
 * out) and can be forged. (Node joins repeated `X-Forwarded-For` headers with ", ", so the last
 * entry of the last header wins.) Without the header, or when its last entry is not an address,
 * the socket address counts: all such clients then share the proxy's limits, the safe side.
 */
export function clientAddress(request: AddressedRequest, trustProxy: boolean): string {
  const socketAddress = request.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return addressKey(socketAddress);
  const forwarded = request.headers['x-forwarded-for'];
  const lastHop = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').at(-1)?.trim();
  return addressKey(lastHop && isIP(lastHop) ? lastHop : socketAddress);
}

/**
 * IPv4 addresses count as themselves (IPv4-mapped IPv6 included). IPv6 addresses count by their
 * /64: one subscriber is usually given a whole /64 and can pick any of its 2^64 addresses, so
 * limits per single IPv6 address would not limit anyone.
 */
function addressKey(address: string): string {
  const unzoned = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(unzoned);
  if (mapped) return mapped[1]!;
  if (isIP(unzoned) !== 6) return unzoned;
  return `${ipv6Groups(unzoned).slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address ("::" expanded, an IPv4 tail as two groups). */
function ipv6Groups(address: string): number[] {
  const parse = (part: string | undefined): number[] =>
    !part
      ? []
      : part.split(':').flatMap((group) => {
          if (!isIPv4(group)) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head, tail] = address.split('::');
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
