/** The minimal relay for the simple-peer floor: forwards {to, data} between sockets by id. */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export function startRelay(): Promise<{ url: string; close(): void }> {
  const sockets = new Map<string, WebSocket>();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    const id = new URL(request.url ?? '/', 'http://relay').searchParams.get('id') ?? '';
    sockets.set(id, socket);
    socket.on('message', (data) => {
      const { to, data: payload } = JSON.parse(data.toString()) as { to: string; data: unknown };
      sockets.get(to)?.send(JSON.stringify({ from: id, data: payload }));
    });
    socket.on('close', () => sockets.get(id) === socket && sockets.delete(id));
  });
  return new Promise((resolve) =>
    server.on('listening', () => resolve({ url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() })),
  );
}
