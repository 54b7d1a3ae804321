/**
 * GET /ice: the ICE servers clients should use. With a TURN secret it issues time-limited
 * credentials in the TURN REST scheme coturn implements (`use-auth-secret`): username
 * "<expiry unix seconds>:<id>", password base64(HMAC-SHA1(secret, username)). WebCrypto, so the
 * Node server and the Cloudflare Worker issue them with this one function.
 */
import { toBase64, utf8Encode } from '../core/util/bytes.js';

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

export async function iceServersFor(id: string, options: { iceServers: IceServer[]; turn?: TurnOptions | undefined; now?: number }): Promise<{ iceServers: IceServer[]; ttl?: number }> {
  const servers = [...options.iceServers];
  if (!options.turn) return { iceServers: servers };
  const ttl = options.turn.ttlSeconds ?? 86_400;
  const expiry = Math.floor((options.now ?? Date.now()) / 1000) + ttl;
  const username = `${expiry}:${id}`;
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', utf8Encode(options.turn.secret) as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const credential = toBase64(new Uint8Array(await subtle.sign('HMAC', key, utf8Encode(username) as Uint8Array<ArrayBuffer>)));
  servers.push({ urls: options.turn.urls, username, credential });
  return { iceServers: servers, ttl };
}
