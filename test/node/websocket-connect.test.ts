// A misconfigured or absent server is visible: the WebSocket transport against real loopback
// servers that answer 404, refuse, or accept and never answer, tells the three apart in a typed
// `transport-error`, fails the join waiting for it, and keeps retrying until the server is back.
// And every form of a server URL users write (https://host, http://host, wss://host/ws) reaches
// the real peerkit server, through TLS where the URL says so.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, connect, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { ConnectError } from '../../src/core/signaling/connect-failure.js';
import type { TransportErrorDetail } from '../../src/core/signaling/transport.js';
import { WebSocketTransport, type WebSocketTransportOptions } from '../../src/core/signaling/websocket.js';
import { createServer } from '../../src/server/server.js';
import { nextEvent } from '../support/events.js';
import { identityNamed } from '../support/identities.js';

const NodeWebSocket = WebSocket as unknown as new (url: string) => globalThis.WebSocket;
/** Quick retries, so a test sees several attempts in well under a second. */
const quick: WebSocketTransportOptions = { WebSocket: NodeWebSocket, reconnect: { minMs: 20, maxMs: 80 } };
const address = { ns: 'connect-test', room: 'lobby' };

async function listening<T extends HttpServer | TcpServer>(server: T): Promise<T & { port: number }> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

async function close(server: HttpServer | TcpServer): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  // The diagnosing fetch keeps its connection alive; close() would wait for it.
  if ('closeAllConnections' in server) server.closeAllConnections();
  await closed;
}

/** A port on loopback where nothing listens (it did a moment ago). */
async function deadPort(): Promise<number> {
  const server = await listening(createTcpServer());
  await close(server);
  return server.port;
}

/** The first `transport-error` with a connect-failure code, and the rejection of a join made meanwhile. */
async function firstFailure(transport: WebSocketTransport): Promise<{ failure: TransportErrorDetail; joinError: unknown }> {
  const failure = nextEvent<TransportErrorDetail>(transport, 'transport-error', ({ code }) => typeof code === 'string');
  const joinError = transport.join(address).then(
    () => assert.fail('joined a room on a server that is not there'),
    (error: unknown) => error,
  );
  return { failure: await failure, joinError: await joinError };
}

describe('WebSocketTransport against a server that is not a peerkit server', () => {
  test('/ws answering 404: server-rejected with the status, the join fails with it, retrying goes on until a real server is back', async () => {
    const upgrades: string[] = [];
    const notFound = await listening(createHttpServer((_request, response) => response.writeHead(404).end('not found')));
    notFound.on('upgrade', (request, socket: Socket) => {
      upgrades.push(request.url ?? '');
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
    const transport = new WebSocketTransport(`http://127.0.0.1:${notFound.port}`, await identityNamed('Ann'), quick);
    const errors: TransportErrorDetail[] = [];
    transport.addEventListener('transport-error', (event) => errors.push((event as CustomEvent<TransportErrorDetail>).detail));
    try {
      const { failure, joinError } = await firstFailure(transport);
      assert.equal(failure.code, 'server-rejected');
      assert.equal(failure.status, 404);
      assert.match(failure.message, /ws:\/\/127\.0\.0\.1:\d+\/ws .*HTTP 404/);
      assert.ok(joinError instanceof ConnectError, `join rejected with ${String(joinError)}`);
      assert.deepEqual(joinError.failure, failure);
      assert.ok(upgrades.length >= 4, `reported after a few quick retries (${upgrades.length} attempts)`);
      assert.equal(transport.state, 'reconnecting');

      // Reported once per outage: more failed attempts, no second report.
      const seen = upgrades.length;
      while (upgrades.length < seen + 3) await once(notFound, 'upgrade');
      assert.equal(errors.length, 1);

      // The real server comes back on that port: the transport joins the room it was asked for.
      await close(notFound);
      const server = await createServer({ port: notFound.port, host: '127.0.0.1', logLevel: 'silent' });
      try {
        await nextEvent(transport, 'peers', (detail: { room: string }) => detail.room === address.room);
        assert.equal(transport.state, 'open');
      } finally {
        transport.close();
        await server.close();
      }
    } finally {
      transport.close();
      if (notFound.listening) await close(notFound);
    }
  });

  test('a port where nothing listens: server-unreachable', async () => {
    const port = await deadPort();
    const transport = new WebSocketTransport(`http://127.0.0.1:${port}`, await identityNamed('Ann'), quick);
    try {
      const { failure, joinError } = await firstFailure(transport);
      assert.equal(failure.code, 'server-unreachable');
      assert.equal(failure.status, undefined);
      assert.match(failure.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.ok(joinError instanceof ConnectError && joinError.failure.code === 'server-unreachable');
    } finally {
      transport.close();
    }
  });

  test('a server that accepts the connection and never answers the upgrade: server-timeout at the first timeout, once', async () => {
    const held: Socket[] = [];
    const silent = await listening(createTcpServer((socket) => held.push(socket)));
    const transport = new WebSocketTransport(`http://127.0.0.1:${silent.port}`, await identityNamed('Ann'), { ...quick, connectTimeoutMs: 300 });
    const errors: TransportErrorDetail[] = [];
    transport.addEventListener('transport-error', (event) => errors.push((event as CustomEvent<TransportErrorDetail>).detail));
    try {
      const { failure, joinError } = await firstFailure(transport);
      assert.equal(failure.code, 'server-timeout');
      assert.match(failure.message, /did not open a WebSocket within 300 ms/);
      assert.equal(held.length, 1, 'a timeout is reported at once: the attempt already took connectTimeoutMs');
      assert.ok(joinError instanceof ConnectError && joinError.failure.code === 'server-timeout');
      // The abandoned socket was closed by us, and the next attempts are timed out too, unreported.
      while (held.length < 3) await once(silent, 'connection');
      assert.equal(errors.length, 1);
    } finally {
      transport.close();
      for (const socket of held) socket.destroy();
      await close(silent);
    }
  });

  test('a server restarting (a greeted socket lost, back within the quick retries) is not reported', async () => {
    const first = await createServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    const transport = new WebSocketTransport(first.url, await identityNamed('Ann'), { WebSocket: NodeWebSocket });
    const errors: TransportErrorDetail[] = [];
    transport.addEventListener('transport-error', (event) => errors.push((event as CustomEvent<TransportErrorDetail>).detail));
    let second: Awaited<ReturnType<typeof createServer>> | undefined;
    try {
      await transport.join(address);
      await first.close();
      second = await createServer({ port: first.port, host: '127.0.0.1', logLevel: 'silent' });
      await nextEvent(transport, 'peers', (detail: { room: string }) => detail.room === address.room);
      assert.equal(transport.state, 'open');
      assert.deepEqual(errors, []);
    } finally {
      transport.close();
      await second?.close();
    }
  });
});

/** A TLS front for the peerkit server (a self-signed certificate for 127.0.0.1, made by openssl). */
async function tlsFront(): Promise<{ port: number; ca: Buffer; forwardTo(port: number): void; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'peerkit-tls-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    const ca = await readFile(cert);
    let upstream = 0;
    const front = createTlsServer({ key: await readFile(key), cert: ca }, (client) => {
      const server = connect(upstream, '127.0.0.1');
      client.pipe(server).pipe(client);
      client.on('error', () => server.destroy());
      server.on('error', () => client.destroy());
    });
    front.listen(0, '127.0.0.1');
    await once(front, 'listening');
    return {
      port: (front.address() as AddressInfo).port,
      ca,
      forwardTo: (port) => (upstream = port),
      close: () => new Promise((resolve) => front.close(() => resolve())),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('server URL forms reach the real peerkit server', () => {
  test('wss://host/ws (through TLS), https://host and http://host/ meet in one room', async () => {
    const tls = await tlsFront();
    const TrustingWebSocket = class extends WebSocket {
      constructor(url: string) {
        super(url, { ca: tls.ca });
      }
    } as unknown as new (url: string) => globalThis.WebSocket;
    // Proofs name the server clients reach it by: the TLS front.
    const server = await createServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', publicUrls: [`https://127.0.0.1:${tls.port}`] });
    tls.forwardTo(server.port);
    const transports: WebSocketTransport[] = [];
    try {
      const ann = new WebSocketTransport(`wss://127.0.0.1:${tls.port}/ws`, await identityNamed('Ann'), { ...quick, WebSocket: TrustingWebSocket });
      const ben = new WebSocketTransport(`https://127.0.0.1:${tls.port}`, await identityNamed('Ben'), { ...quick, WebSocket: TrustingWebSocket });
      const cat = new WebSocketTransport(`${server.url}/`, await identityNamed('Cat'), quick);
      transports.push(ann, ben, cat);
      assert.deepEqual(await ann.join(address), []);
      assert.deepEqual(await ben.join(address), [ann.id]);
      assert.deepEqual([...(await cat.join(address))].sort(), [ann.id, ben.id].sort());
    } finally {
      for (const transport of transports) transport.close();
      await server.close();
      await tls.close();
    }
  });
});
