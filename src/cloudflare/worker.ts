/**
 * peerkit's signaling server on Cloudflare: a Worker that sends each room's sockets to that room's
 * Durable Object (room-object.ts), so one object holds one room. The frames on each socket are the
 * Node server's (README "The signaling server"); a socket here joins one room, named in its path:
 *
 *   GET /ws                  (WebSocket)   the Node server's endpoint: every room and the pair
 *                                          protocol on one socket (gateway.ts)
 *   GET /rooms/<ns>/<room>   (WebSocket)   one member's socket for that room
 *   GET /pair/<ns>           (WebSocket)   the pair protocol, in that namespace's lobby
 *   GET /healthz                            200 "ok"
 *
 * Deploy with wrangler: `main` this file (built: dist/cloudflare/worker.js), Durable Object
 * bindings ROOMS (class RoomObject) and LOBBIES (class PairLobbyObject), and PUBLIC_URLS set to
 * the URLs clients use.
 */
import { isWireName } from '../core/signaling/binary-frame.js';
import { acceptGateway, ADDRESS_HEADER, CHALLENGE_HEADER } from './gateway.js';
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
  async fetch(incoming: Request, env: WorkerEnv): Promise<Response> {
    const url = new URL(incoming.url);
    if (url.pathname === '/healthz') return new Response('ok');
    // The objects trust these only from the gateway: from outside, a chosen challenge would let a
    // captured join proof be used again.
    const headers = new Headers(incoming.headers);
    headers.delete(CHALLENGE_HEADER);
    headers.delete(ADDRESS_HEADER);
    const request = new Request(incoming, { headers });
    if (url.pathname === '/ws') {
      if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('a WebSocket endpoint', { status: 426 });
      return acceptGateway(request, {
        room: (ns, room) => env.ROOMS.get(env.ROOMS.idFromName(`${ns}\n${room}`)),
        lobby: (ns) => env.LOBBIES.get(env.LOBBIES.idFromName(ns)),
      });
    }
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
