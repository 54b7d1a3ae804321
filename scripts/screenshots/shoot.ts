/**
 * Takes the pictures: the scene page (test/visual/scenes.html) served by Vite on loopback, in
 * Debian's headless Chromium, a fresh page per scene with the clock standing still, a fixed
 * locale and time zone, reduced motion, and animations and the caret stopped for the shot. Each
 * picture is cropped to its stage around the element.
 */
import { join } from 'node:path';
import { createServer } from 'vite';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../test/support/browser.js';
import { deviceScaleFactor, pictureName, sceneNow, scenes, variants, type SceneName, type VariantName } from '../../test/visual/matrix.js';

export interface Picture {
  readonly scene: SceneName;
  readonly variant: VariantName;
  /** `<scene>-<variant>.png` */
  readonly name: string;
}

/** Where the pictures live: the README shows them, the visual tests compare against them. */
export const imagesDir = join(import.meta.dirname, '..', '..', 'docs', 'images');

/** Every picture the README shows, in a stable order. */
export const pictures: readonly Picture[] = scenes.flatMap((scene) => variants.map((variant) => ({ scene, variant, name: pictureName(scene, variant) })));

/** How long one scene may take to show, in all its variants (real keys and links for the room scenes). */
const SCENE_TIMEOUT_MS = 60_000;

export interface Camera {
  /** The picture as a PNG; a scene is rendered once, the first time one of its pictures is asked for. */
  shoot(picture: Picture): Promise<Buffer>;
  close(): Promise<void>;
}

/** Starts Vite and Chromium; `close()` stops both. */
export async function openCamera(): Promise<Camera> {
  const vite = await createServer({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    // A dependency cache of its own: two Vites optimizing into one folder break each other's runs.
    cacheDir: 'node_modules/.vite-screenshots',
    optimizeDeps: { entries: ['test/visual/scenes.html'] },
    server: { host: '127.0.0.1', port: 0, hmr: false, ws: false },
    clearScreen: false,
    logLevel: 'warn',
  });
  let browser: Browser | undefined;
  try {
    await vite.listen();
    const address = vite.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('Vite did not bind a TCP port');
    const origin = `http://127.0.0.1:${address.port}`;
    const chromium = (browser = await launchChromium());
    // One context for every picture: its pages share the HTTP cache, so the modules load once.
    // Each picture still gets a fresh page (its own rooms, its own memory stores).
    const context = await chromium.newContext({
      viewport: { width: 1000, height: 800 },
      deviceScaleFactor,
      locale: 'en-US',
      timezoneId: 'UTC',
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    await context.clock.setFixedTime(sceneNow);
    /** Every variant of a scene, taken from one page (see test/visual/scene-page.ts). */
    const shootScene = async (scene: SceneName): Promise<Map<VariantName, Buffer>> => {
      const page = await context.newPage();
      try {
        await page.goto(`${origin}/test/visual/scenes.html?scene=${scene}`);
        await page.waitForFunction(() => window.sceneReady === true || window.sceneError !== undefined, undefined, { timeout: SCENE_TIMEOUT_MS });
        const failure = await page.evaluate(() => window.sceneError);
        if (failure) throw new Error(`scene ${scene} failed: ${failure}`);
        const taken = new Map<VariantName, Buffer>();
        for (const variant of variants) {
          taken.set(variant, await page.locator(`.stage[data-variant="${variant}"]`).screenshot({ animations: 'disabled', caret: 'hide', scale: 'device' }));
        }
        return taken;
      } finally {
        await page.close();
      }
    };
    const taken = new Map<SceneName, Promise<Map<VariantName, Buffer>>>();
    return {
      shoot: async ({ scene, variant }) => {
        let shots = taken.get(scene);
        if (!shots) taken.set(scene, (shots = shootScene(scene)));
        return (await shots).get(variant)!;
      },
      close: async () => {
        await chromium.close();
        await vite.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    // Its file watchers would otherwise keep the process alive.
    await vite.close().catch(() => undefined);
    throw error;
  }
}
