/** What most multi-page tests start: Vite for the pages, the real signaling server, and Chromium. */
import type { Browser } from 'playwright-core';
import { launchChromium, startVite } from './browser.js';
import { startCliServer, type CliServer } from './cli-server.js';

export interface E2eEnvironment {
  readonly vite: Awaited<ReturnType<typeof startVite>>;
  readonly signaling: CliServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** `serverArgs`: extra `peerkit serve` flags (e.g. `--public-url` for a proxy in front of it). */
export async function startE2eEnvironment(serverArgs: string[] = []): Promise<E2eEnvironment> {
  const [viteStart, signalingStart] = await Promise.allSettled([startVite(), startCliServer(serverArgs)]);
  let browser: Browser;
  try {
    if (viteStart.status === 'rejected') throw viteStart.reason;
    if (signalingStart.status === 'rejected') throw signalingStart.reason;
    browser = await launchChromium();
  } catch (error) {
    // What did start is stopped: a half-started environment would hold the test process open.
    if (viteStart.status === 'fulfilled') await viteStart.value.close().catch(() => undefined);
    if (signalingStart.status === 'fulfilled') await signalingStart.value.stop().catch(() => undefined);
    throw error;
  }
  const [vite, signaling] = [viteStart.value, signalingStart.value];
  return {
    vite,
    signaling,
    browser,
    async close() {
      await browser.close();
      await vite.close();
      await signaling.stop();
    },
  };
}
