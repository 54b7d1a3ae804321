// After losing the server, the WebSocket transport says when it tries next (`retry`) and, asked
// with reconnectNow() (a user's "Retry now"), tries at once instead, keeping its rooms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { WebSocketTransport } from '../../src/core/signaling/websocket.js';
import { createServer } from '../../src/server/server.js';
import { nextEvent } from '../support/events.js';
import { identityNamed } from '../support/identities.js';

const NodeWebSocket = WebSocket as unknown as new (url: string) => globalThis.WebSocket;
const address = { ns: 'reconnect-now-test', room: 'lobby' };

test('a lost server: `retry` says when the next attempt is; reconnectNow() reconnects before it and rejoins', { timeout: 40_000 }, async () => {
  const first = await createServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  // Slow retries: the scheduled attempt is seconds away, so only reconnectNow() can explain a quick reconnect.
  const transport = new WebSocketTransport(first.url, await identityNamed('Ann'), { WebSocket: NodeWebSocket, reconnect: { minMs: 20_000, maxMs: 20_000 } });
  let second: Awaited<ReturnType<typeof createServer>> | undefined;
  try {
    await transport.join(address);
    transport.reconnectNow();
    assert.equal(transport.state, 'open', 'reconnectNow does nothing while connected');

    const scheduled = nextEvent<{ at: number }>(transport, 'retry');
    await first.close();
    const { at } = await scheduled;
    assert.equal(transport.state, 'reconnecting');
    assert.ok(at > Date.now() + 5000, `the next attempt is scheduled (${at - Date.now()} ms away)`);

    second = await createServer({ port: first.port, host: '127.0.0.1', logLevel: 'silent' });
    const rejoined = nextEvent(transport, 'peers', (detail: { room: string }) => detail.room === address.room);
    transport.reconnectNow();
    await rejoined;
    assert.equal(transport.state, 'open');
    assert.ok(Date.now() < at, 'reconnected before the scheduled attempt');
  } finally {
    transport.close();
    await second?.close();
  }
});

test('an attempt refused before any network (the socket cannot even be made) is waiting too: reconnectNow() tries at once', { timeout: 40_000 }, async () => {
  const server = await createServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  // The first socket cannot be made (as a blocked port or ws: from an https: page); later ones can.
  let made = 0;
  const FirstRefused = function (url: string) {
    if (made++ === 0) throw new Error('refused before any network');
    return new NodeWebSocket(url);
  } as unknown as new (url: string) => globalThis.WebSocket;
  const transport = new WebSocketTransport(server.url, await identityNamed('Ann'), { WebSocket: FirstRefused, reconnect: { minMs: 20_000, maxMs: 20_000 } });
  try {
    const scheduled = nextEvent<{ at: number }>(transport, 'retry');
    const joined = transport.join(address).catch((error: Error) => error);
    const { at } = await scheduled;
    assert.equal(transport.state, 'reconnecting', 'waiting for its next attempt');
    const rejoined = nextEvent(transport, 'peers', (detail: { room: string }) => detail.room === address.room);
    transport.reconnectNow();
    await rejoined;
    assert.equal(transport.state, 'open');
    assert.ok(Date.now() < at, 'connected before the scheduled attempt');
    void joined;
  } finally {
    transport.close();
    await server.close();
  }
});
