// A virtual client whose `/ice` cannot be fetched: each link it must make fails as a room `error`
// (`link-failed`), with no unhandled promise rejection (node-rejections fails the run on one), and
// it stays in the room for the next try.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { Room, type RoomOptions } from '../../src/core/room/room.js';
import { iceServersFrom } from '../../src/core/signaling/ice.js';
import { WebSocketTransport } from '../../src/core/signaling/websocket.js';
import { startVirtualClient } from '../../src/virtual/virtual-client.js';
import { createLogger } from '../../src/server/logger.js';
import { nextEvent } from '../support/events.js';
import { identityNamed } from '../support/identities.js';
import { withServer } from '../support/server-harness.js';

test('a virtual client whose /ice fails: link-failed errors, no unhandled rejection, still in the room', async () => {
  const wrtc = ((await import('@roamhq/wrtc')) as { default: NonNullable<RoomOptions['wrtc']> }).default;
  const dataDir = await mkdtemp(join(tmpdir(), 'peerkit-virtual-ice-'));
  await withServer({ host: '127.0.0.1' }, async (server) => {
    const where = { ns: 'virtual-ice', room: 'lobby' };
    // A port where something listened a moment ago: every GET /ice is refused.
    const gone = createServer().listen(0, '127.0.0.1');
    await once(gone, 'listening');
    const { port } = gone.address() as AddressInfo;
    await new Promise((resolve) => gone.close(resolve));
    const client = await startVirtualClient({ server: server.url, ...where, dataDir, iceServers: iceServersFrom(`http://127.0.0.1:${port}`), wrtc, attachments: false, logger: createLogger('silent') });
    const ann = await identityNamed('Ann');
    const transport = new WebSocketTransport(server.url, ann, { WebSocket: WebSocket as never });
    const room = new Room({ identity: ann, transport, ...where, iceServers: [], wrtc, prewarm: false, pingMs: 0 });
    try {
      // Whichever side offers, the virtual client must make a link, and cannot.
      const failed = nextEvent<{ code: string | number; message: string }>(client.room, 'error', ({ code }) => code === 'link-failed');
      await room.join();
      const { message } = await failed;
      assert.match(message, /GET \/ice|fetch failed/);
      // A macrotask for a stray rejection to surface while the test still runs.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(client.room.peers, [ann.fingerprint]);
    } finally {
      await room.leave();
      transport.close();
      await client.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
