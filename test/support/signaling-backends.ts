/**
 * The signaling server's three backends, started the same way for the conformance suite
 * (test/conformance): the Node server with its state in memory; two Node processes sharing Redis
 * (clients alternate between them, so presence and relay cross processes); and the Cloudflare
 * Worker with its Durable Objects, built from src/cloudflare and run by workerd through miniflare,
 * all on 127.0.0.1 with no network. Every client of every backend opens `/ws`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { buildWorker } from '../../scripts/build-cloudflare.js';
import { startCliServer } from './cli-server.js';
import { freePort, startRedis } from './redis.js';

/** Every backend issues TURN REST credentials for this TURN server (nothing listens there: /ice only). */
export const CONFORMANCE_TURN = { secret: 'conformance-secret', url: 'turn:127.0.0.1:3478' } as const;
const turnArgs = ['--turn-secret', CONFORMANCE_TURN.secret, '--turn-url', CONFORMANCE_TURN.url];

export interface SignalingBackend {
  readonly name: string;
  /** The server the `client`-th client of a test speaks to (http://127.0.0.1:port); its socket is `/ws` there. */
  serverUrl(client: number): string;
  stop(): Promise<void>;
}

export async function nodeMemoryBackend(): Promise<SignalingBackend> {
  const server = await startCliServer(turnArgs);
  return {
    name: 'Node server, in memory',
    serverUrl: () => server.url,
    stop: async () => {
      await server.stop();
    },
  };
}

export async function nodeRedisBackend(): Promise<SignalingBackend> {
  const redis = await startRedis();
  const servers = [await startCliServer(['--redis', redis.url, ...turnArgs]), await startCliServer(['--redis', redis.url, ...turnArgs])];
  return {
    name: 'two Node processes over Redis',
    serverUrl: (client) => servers[client % 2]!.url,
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await redis.stop();
    },
  };
}

export async function durableObjectBackend(): Promise<SignalingBackend> {
  const scratch = mkdtempSync(join(tmpdir(), 'peerkit-worker-'));
  const script = join(scratch, 'worker.js');
  await buildWorker(script);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const worker = new Miniflare({
    modules: true,
    // Without this, miniflare fetches the `cf` object from workers.cloudflare.com: no network here.
    cf: false,
    script: readFileSync(script, 'utf8'),
    durableObjects: { ROOMS: 'RoomObject', LOBBIES: 'PairLobbyObject' },
    bindings: { PUBLIC_URLS: url, TURN_SECRET: CONFORMANCE_TURN.secret, TURN_URLS: CONFORMANCE_TURN.url },
    host: '127.0.0.1',
    port,
  });
  await worker.ready;
  return {
    name: 'Cloudflare Durable Objects (workerd via miniflare)',
    // Its /ws is the Worker's gateway; /rooms/<ns>/<room> and /pair/<ns> are its own extras.
    serverUrl: () => url,
    stop: async () => {
      await worker.dispose();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
