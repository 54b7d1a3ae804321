/**
 * Vite for test pages, in middleware mode behind our own HTTP server on 127.0.0.1 and a port the
 * kernel picks. Vite's own listen(0) looks for a port free on every interface and gives up after
 * three tries ("No available ephemeral port found"), which happens here while WebRTC peers in
 * Node (@roamhq/wrtc) hold hundreds of listening TCP candidates; and a server whose listen failed
 * kept its file watchers and the test process alive. This one binds once, and closes everything
 * it started when it fails.
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'vite';

export async function startLoopbackVite(): Promise<{ url: string; close(): Promise<void> }> {
  const vite = await createServer({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    appType: 'mpa',
    clearScreen: false,
    logLevel: 'warn',
  });
  const http = createHttpServer(vite.middlewares);
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await vite.close();
    throw error;
  }
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await vite.close();
    },
  };
}
