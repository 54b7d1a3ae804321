/**
 * peerkit's signaling server on Cloudflare: a Worker that sends each room's sockets to that room's
 * Durable Object (room-object.ts), so one object holds one room. The frames on each socket are the
 * Node server's (README "The signaling server"); a socket here joins one room, named in its path:
 *
 *   GET /rooms/<ns>/<room>   (WebSocket)   one member's socket for that room
 *   GET /pair/<ns>           (WebSocket)   the pair protocol, in that namespace's lobby
 *   GET /healthz                            200 "ok"
 *
 * Deploy with wrangler: `main` this file (built: dist/cloudflare/worker.js), Durable Object
 * bindings ROOMS (class RoomObject) and LOBBIES (class PairLobbyObject), and PUBLIC_URLS set to
 * the URLs clients use.
 */
import { isWireName } from '../core/signaling/binary-frame.js';
import type { RoomObjectEnv } from './room-object.js';

export { RoomObject } from './room-object.js';
export { PairLobbyObject } from './pair-lobby-object.js';

export interface WorkerEnv extends RoomObjectEnv {
  readonly ROOMS: DurableObjectNamespace;
  readonly LOBBIES: DurableObjectNamespace;
}

/** The URL-encoded names in a path, or undefined when one is not a name the protocol allows. */
function names(parts: readonly string[]): string[] | undefined {
  try {
    const decoded = parts.map((part) => decodeURIComponent(part));
    return decoded.every(isWireName) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/healthz') return new Response('ok');
    const [, kind, ...rest] = url.pathname.split('/');
    if (kind === 'rooms' && rest.length === 2) {
      const room = names(rest);
      if (!room) return new Response('a room is /rooms/<ns>/<room>: 1–128 bytes of UTF-8 each, URL-encoded', { status: 400 });
      return env.ROOMS.get(env.ROOMS.idFromName(room.join('\n'))).fetch(request);
    }
    if (kind === 'pair' && rest.length === 1) {
      const ns = names(rest);
      if (!ns) return new Response('a lobby is /pair/<ns>: 1–128 bytes of UTF-8, URL-encoded', { status: 400 });
      return env.LOBBIES.get(env.LOBBIES.idFromName(ns[0]!)).fetch(request);
    }
    return new Response('not found', { status: 404 });
  },
};
