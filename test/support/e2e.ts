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

export async function startE2eEnvironment(): Promise<E2eEnvironment> {
  const [vite, signaling] = await Promise.all([startVite(), startCliServer([])]);
  const browser = await launchChromium();
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
