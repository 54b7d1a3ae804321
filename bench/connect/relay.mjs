// The minimal relay for the simple-peer floor: forwards {to, data} between sockets by id.
import { WebSocketServer } from 'ws';

export function startRelay() {
  const sockets = new Map();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    const id = new URL(request.url, 'http://relay').searchParams.get('id');
    sockets.set(id, socket);
    socket.on('message', (data) => {
      const { to, data: payload } = JSON.parse(data.toString());
      sockets.get(to)?.send(JSON.stringify({ from: id, data: payload }));
    });
    socket.on('close', () => sockets.get(id) === socket && sockets.delete(id));
  });
  return new Promise((resolve) => server.on('listening', () => resolve({ url: `ws://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}
