/** Node test helpers around an in-process signaling server (src/server). */
import { createServer, type PeerkitServer, type ServerOptions } from '../../src/server/server.js';

/** Runs `run` against a fresh server on a free loopback port, and closes the server afterwards. */
export async function withServer(options: ServerOptions, run: (server: PeerkitServer) => Promise<void>): Promise<void> {
  const server = await createServer({ port: 0, logLevel: 'silent', ...options });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/** Resolves once exactly `count` pair requests are held: the server has them, whatever path they took. */
export async function held(server: PeerkitServer, count = 1): Promise<void> {
  const deadline = Date.now() + 5000;
  while (server.pendingPairs !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} held pair requests, have ${server.pendingPairs}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** `POST /link` with `body` (JSON unless a string); the status and the JSON answer. */
export async function postPair(
  server: PeerkitServer,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
