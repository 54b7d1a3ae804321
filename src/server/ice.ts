/**
 * GET /ice: the ICE servers clients should use. With a TURN secret it issues time-limited
 * credentials in the TURN REST scheme coturn implements (`use-auth-secret`): username
 * "<expiry unix seconds>:<id>", password base64(HMAC-SHA1(secret, username)).
 */
import { createHmac } from 'node:crypto';

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface TurnOptions {
  readonly secret: string;
  readonly urls: string[];
  /** Credential lifetime; default one day. */
  readonly ttlSeconds?: number;
}

export function iceServersFor(id: string, options: { iceServers: IceServer[]; turn?: TurnOptions; now?: number }): { iceServers: IceServer[]; ttl?: number } {
  const servers = [...options.iceServers];
  if (!options.turn) return { iceServers: servers };
  const ttl = options.turn.ttlSeconds ?? 86_400;
  const expiry = Math.floor((options.now ?? Date.now()) / 1000) + ttl;
  const username = `${expiry}:${id}`;
  const credential = createHmac('sha1', options.turn.secret).update(username).digest('base64');
  servers.push({ urls: options.turn.urls, username, credential });
  return { iceServers: servers, ttl };
}
