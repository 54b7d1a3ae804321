/** Node-side helpers for multi-page tests: system Chromium through playwright-core, Vite on loopback. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import chromiumConfig from './chromium.json' with { type: 'json' };

// Debian's Chromium and the flags that keep it off the closed network (TOOLCHAIN.md).
export const CHROMIUM_PATH = process.env.PEERKIT_CHROMIUM ?? chromiumConfig.executablePath;
export const CHROMIUM_ARGS = chromiumConfig.args;

/** Headless Debian Chromium with the flags that keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The Vite dev server on 127.0.0.1 and a free port; close it when done. */
export async function startVite(): Promise<{ url: string; close(): Promise<void> }> {
  const server: ViteDevServer = await createServer({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    server: { host: '127.0.0.1', port: 0, hmr: false, ws: false },
    clearScreen: false,
    logLevel: 'warn',
  });
  try {
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('Vite did not bind a TCP port');
    return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
  } catch (error) {
    // Its file watchers would otherwise keep the test process alive.
    await server.close().catch(() => undefined);
    throw error;
  }
}

/** A Chromium profile on disk, so IndexedDB survives closing and reopening the browser. */
export async function persistentProfile(): Promise<{ open(): Promise<BrowserContext>; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'peerkit-profile-'));
  return {
    open: () => chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
