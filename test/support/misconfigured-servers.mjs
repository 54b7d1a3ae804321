// A wtr plugin: servers on loopback that are not a peerkit server, for browser tests of what a page
// shows when its `server` URL is wrong. Server command `misconfigured-server` with payload:
// - `404`: HTTP that answers 404 to everything, the WebSocket upgrade included (CORS allowed, so
//   a page can read the status); `404-no-cors`: the same without CORS headers;
// - `refused`: a port where nothing listens;
// - `silent`: accepts TCP connections and never answers.
// Each answers with its base URL. All stop with the test run.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { once } from 'node:events';

async function listening(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server.address().port;
}

function notFound(cors) {
  const headers = cors ? { 'access-control-allow-origin': '*' } : {};
  const server = createHttpServer((_request, response) => response.writeHead(404, headers).end('not found'));
  server.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n'));
  return server;
}

export function misconfiguredServers() {
  const servers = [];
  const sockets = new Set();
  const start = async (kind) => {
    if (kind === 'refused') {
      const server = createTcpServer();
      const port = await listening(server);
      await new Promise((resolve) => server.close(resolve));
      return `http://127.0.0.1:${port}`;
    }
    const server =
      kind === 'silent'
        ? createTcpServer((socket) => {
            sockets.add(socket);
            socket.on('close', () => sockets.delete(socket));
          })
        : notFound(kind === '404');
    servers.push(server);
    return `http://127.0.0.1:${await listening(server)}`;
  };
  return {
    name: 'peerkit:misconfigured-servers',
    async executeCommand({ command, payload }) {
      if (command !== 'misconfigured-server') return undefined;
      if (!['404', '404-no-cors', 'refused', 'silent'].includes(payload)) throw new Error(`misconfigured-server: unknown kind ${payload}`);
      return start(payload);
    },
    async serverStop() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        servers.splice(0).map(
          (server) =>
            new Promise((resolve) => {
              server.close(resolve);
              server.closeAllConnections?.();
            }),
        ),
      );
    },
  };
}
