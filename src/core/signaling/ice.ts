/**
 * ICE servers from the peerkit server's `GET /ice` (STUN, and TURN with time-limited
 * credentials when the server has a TURN secret). Fetched once and reused until the credentials
 * are about to expire, so each new link does not pay a request.
 */
import { serverEndpoint } from './server-url.js';
import { SignalingError } from './transport.js';

export interface IceServersFromOptions {
  /** Sent as `?id=`: the TURN username embeds it, so TURN logs can tell peers apart. */
  readonly id?: string;
  readonly fetch?: typeof fetch;
}

const MAX_SERVERS = 16;

function isIceServer(value: unknown): value is RTCIceServer {
  if (typeof value !== 'object' || value === null) return false;
  const { urls, username, credential } = value as Record<string, unknown>;
  const urlList = Array.isArray(urls) ? urls : [urls];
  return (
    urlList.length > 0 &&
    urlList.every((url) => typeof url === 'string' && /^(stun|stuns|turn|turns):/.test(url)) &&
    (username === undefined || typeof username === 'string') &&
    (credential === undefined || typeof credential === 'string')
  );
}

/**
 * Where links get their ICE servers: a function that gives the current ones. `renewAt` (ms since
 * the epoch), when set, is when the servers it gave last should be replaced (TURN credentials that
 * expire): links that use them then ask again and restart ICE with the new ones.
 */
export type IceServersProvider = (() => Promise<RTCIceServer[]>) & { readonly renewAt?: number };

/** A provider for `RoomOptions.iceServers` / `PairingOptions.iceServers`. */
export function iceServersFrom(serverUrl: string, options: IceServersFromOptions = {}): IceServersProvider {
  const endpoint = new URL(serverEndpoint(serverUrl, 'ice'));
  if (options.id) endpoint.searchParams.set('id', options.id);
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  let cached: { servers: Promise<RTCIceServer[]>; until: number } | undefined;
  const provide = () => {
    if (cached && Date.now() < cached.until) return cached.servers;
    const entry: { servers: Promise<RTCIceServer[]>; until: number } = { servers: Promise.resolve([]), until: Infinity };
    entry.servers = (async () => {
      const response = await fetchImpl(endpoint);
      if (!response.ok) throw new SignalingError(response.status, `GET /ice answered ${response.status}`);
      const body = (await response.json()) as { iceServers?: unknown; ttl?: unknown };
      if (!Array.isArray(body.iceServers) || body.iceServers.length > MAX_SERVERS || !body.iceServers.every(isIceServer)) {
        throw new SignalingError(502, 'GET /ice did not return a list of ICE servers');
      }
      // Without TURN credentials the list does not expire; with them, refresh at half their life.
      if (typeof body.ttl === 'number' && body.ttl > 0) entry.until = Date.now() + (body.ttl * 1000) / 2;
      return body.iceServers;
    })();
    // A failed fetch is not cached: the next link asks again.
    entry.servers.catch(() => {
      if (cached === entry) cached = undefined;
    });
    cached = entry;
    return entry.servers;
  };
  // Credentials are fetched again at half their life: links renew theirs then too.
  return Object.defineProperty(provide, 'renewAt', { get: () => cached?.until ?? Number.POSITIVE_INFINITY, enumerable: true }) as IceServersProvider;
}
