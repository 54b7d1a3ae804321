/** Node-side helpers for multi-page tests: system Chromium through playwright-core, Vite on loopback. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import chromiumConfig from './chromium.json' with { type: 'json' };

// Debian's Chromium and the flags that keep it off the closed network (TOOLCHAIN.md).
export const CHROMIUM_PATH = process.env.PEERKIT_CHROMIUM ?? chromiumConfig.executablePath;
export const CHROMIUM_ARGS = chromiumConfig.args;

/** An uncaught exception or unhandled promise rejection in a page a test opened. */
export class PageError extends Error {
  override readonly name = 'PageError';
}

/**
 * Raises every uncaught error of the context's pages (exceptions and unhandled rejections alike)
 * in the test process, as node:test fails a test on its own: a page's broken promise fails the run.
 */
function failOnPageErrors(context: BrowserContext): BrowserContext {
  context.on('weberror', (webError) => {
    const error = webError.error();
    // Vite's dev client finds no HMR socket (there is none, on purpose): not the page's doing.
    if (error.stack?.includes('/@vite/client')) return;
    const failure = new PageError(`in ${webError.page()?.url() ?? 'a page'}: ${error.stack || error.message || `${error.name}: ${String(error)}`}`);
    setImmediate(() => {
      throw failure;
    });
  });
  return context;
}

/** Headless Debian Chromium with the flags that keep it off the network; its pages' uncaught errors fail the test. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...options) => failOnPageErrors(await newContext(...options));
  return browser;
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
    open: async () => failOnPageErrors(await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Resolves once the page's `<peer-room>` (the first matching `selector`) is in `status`: its
 * custom state (`:state(open)`), which Playwright's own selector engine does not read.
 */
export async function roomInStatus(page: Page, status: string, selector = 'peer-room', timeout = 60_000): Promise<void> {
  await page.waitForFunction(([selector, status]) => document.querySelector(selector)?.matches(`:state(${status})`) ?? false, [selector, status] as const, { timeout });
}
