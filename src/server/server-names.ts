/**
 * The names a server answers to in join and pair proofs (join-proof.ts `serverName`): the URLs
 * it was told clients use, and the address it listens on — with `localhost` for loopback, and
 * every local interface when it listens on all of them.
 */
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { serverName } from '../core/envelope/join-proof.js';

const hostPort = (host: string, port: number) => serverName(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);

export function serverNames(listening: AddressInfo, publicUrls: readonly string[]): ReadonlySet<string> {
  const names = new Set(publicUrls.map(serverName));
  const { address, port } = listening;
  const wildcard = address === '0.0.0.0' || address === '::';
  const hosts = wildcard
    ? Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address))
    : [address];
  for (const host of hosts) names.add(hostPort(host, port));
  if (wildcard || hosts.some((host) => host === '127.0.0.1' || host === '::1')) names.add(hostPort('localhost', port));
  return names;
}
