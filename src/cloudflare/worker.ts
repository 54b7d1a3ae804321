/**
 * peerkit's signaling server on Cloudflare: a Worker in front of one Durable Object per room
 * (room-object.ts) and one per pairing namespace (pair-lobby-object.ts). Every socket speaks the
 * Node server's frames (README "The signaling server"):
 *
 *   GET /ws                  (WebSocket)   the Node server's endpoint: every room and the pair
 *                                          protocol on one socket (gateway.ts)
 *   GET /rooms/<ns>/<room>   (WebSocket)   one member's socket for that room
 *   GET /pair/<ns>           (WebSocket)   the pair protocol, in that namespace's lobby
 *   POST /link                              the pair protocol over HTTP (a long poll)
 *   GET /ice?id=                            ICE servers; TURN REST credentials with TURN_SECRET
 *   GET /healthz                            200 {"status":"ok"}
 *
 * Deploy with wrangler: `main` this file (built: dist/cloudflare/worker.js), Durable Object
 * bindings ROOMS (class RoomObject) and LOBBIES (class PairLobbyObject), and PUBLIC_URLS set to
 * the URLs clients use; TURN_SECRET, TURN_URLS (comma-separated) and TURN_TTL (seconds) for GET
 * /ice as `peerkit serve --turn-secret/--turn-url/--turn-ttl` gives them. Per-address limits on the
 * HTTP endpoints are Cloudflare's rate-limiting rules' job: a Worker keeps no state between requests.
 */
import { isWireName } from '../core/signaling/binary-frame.js';
import { iceServersFor } from '../server/ice.js';
import { DEFAULT_LIMITS } from '../server/limits.js';
import { acceptGateway, ADDRESS_HEADER, CHALLENGE_HEADER } from './gateway.js';
import type { RoomObjectEnv } from './room-object.js';

export { RoomObject } from './room-object.js';
export { PairLobbyObject } from './pair-lobby-object.js';

export interface WorkerEnv extends RoomObjectEnv {
  readonly ROOMS: DurableObjectNamespace;
  readonly LOBBIES: DurableObjectNamespace;
  readonly TURN_SECRET?: string;
  readonly TURN_URLS?: string;
  readonly TURN_TTL?: string;
}

/** Any origin may call the HTTP endpoints, as on the Node server: they hold nothing of the caller's. */
const CORS = { 'access-control-allow-origin': '*' } as const;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...CORS } });
}

function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', '*');
  return new Response(response.body, { status: response.status, headers });
}

async function ice(url: URL, env: WorkerEnv): Promise<Response> {
  const id = (url.searchParams.get('id') ?? crypto.randomUUID()).slice(0, 128);
  const urls = (env.TURN_URLS ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  const ttl = Number(env.TURN_TTL);
  const turn = env.TURN_SECRET && urls.length ? { secret: env.TURN_SECRET, urls, ...(ttl > 0 ? { ttlSeconds: ttl } : {}) } : undefined;
  return json(200, await iceServersFor(id, { iceServers: [], turn }));
}

/** POST /link: the body names the namespace, whose lobby answers it. */
async function link(request: Request, env: WorkerEnv): Promise<Response> {
  const error = (code: number, message: string) => json(code, { type: 'error', code, message });
  if (request.method !== 'POST') return error(405, 'POST a pair request');
  const body = await request.text();
  if (body.length > DEFAULT_LIMITS.maxFrameBytes) return error(413, `body of ${body.length} bytes exceeds ${DEFAULT_LIMITS.maxFrameBytes}`);
  let ns: unknown;
  try {
    ns = (JSON.parse(body) as { ns?: unknown } | null)?.ns;
  } catch {
    return error(499, 'body is not JSON');
  }
  if (typeof ns !== 'string' || !isWireName(ns)) return error(499, '"ns" must be a string of 1–128 bytes of UTF-8');
  const headers = new Headers({ 'content-type': 'application/json', [ADDRESS_HEADER]: request.headers.get('cf-connecting-ip') ?? '127.0.0.1' });
  const inner = new Request('https://internal/link', { method: 'POST', body, headers, signal: request.signal });
  return withCors(await env.LOBBIES.get(env.LOBBIES.idFromName(ns)).fetch(inner));
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
    if (incoming.method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...CORS, 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' } });
    if (url.pathname === '/healthz') return json(200, { status: 'ok' });
    if (url.pathname === '/ice' && incoming.method === 'GET') return ice(url, env);
    // The objects trust these only from the gateway: from outside, a chosen challenge would let a
    // captured join proof be used again.
    const headers = new Headers(incoming.headers);
    headers.delete(CHALLENGE_HEADER);
    headers.delete(ADDRESS_HEADER);
    const request = new Request(incoming, { headers });
    if (url.pathname === '/link') return link(request, env);
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
    return json(404, { type: 'error', code: 404, message: 'not found' });
  },
};
