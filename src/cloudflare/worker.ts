/**
 * peerkit's signaling server on Cloudflare: a Worker that sends each room's sockets to that room's
 * Durable Object (room-object.ts), so one object holds one room. The frames on each socket are the
 * Node server's (README "The signaling server"); a socket here joins one room, named in its path:
 *
 *   GET /rooms/<ns>/<room>   (WebSocket)   one member's socket for that room
 *   GET /healthz                            200 "ok"
 *
 * Deploy with wrangler: `main` this file (built: dist/cloudflare/worker.js), a Durable Object
 * binding ROOMS to the class RoomObject, and PUBLIC_URLS set to the URLs clients use.
 */
import { isWireName } from '../core/signaling/binary-frame.js';
import type { RoomObjectEnv } from './room-object.js';

export { RoomObject } from './room-object.js';

export interface WorkerEnv extends RoomObjectEnv {
  readonly ROOMS: DurableObjectNamespace;
}

export default {
  async fetch(request: Request, env: WorkerEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/healthz') return new Response('ok');
    const parts = url.pathname.split('/');
    if (parts.length === 4 && parts[1] === 'rooms') {
      let ns: string;
      let room: string;
      try {
        [ns, room] = [decodeURIComponent(parts[2]!), decodeURIComponent(parts[3]!)];
      } catch {
        return new Response('a room is /rooms/<ns>/<room>, each URL-encoded', { status: 400 });
      }
      if (!isWireName(ns) || !isWireName(room)) return new Response('namespace and room are 1–128 bytes of UTF-8', { status: 400 });
      return env.ROOMS.get(env.ROOMS.idFromName(`${ns}\n${room}`)).fetch(request);
    }
    return new Response('not found', { status: 404 });
  },
};
