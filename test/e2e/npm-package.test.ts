// The npm package as an app would use it: `npm run build` fills every path package.json exports,
// and the browser entries work in a page whose bundler provides lit (here Vite's dev server).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { startVite, launchChromium } from '../support/browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TAGS = ['peer-room', 'peer-list', 'peer-chat', 'peer-identity', 'peer-call'];
const LOCALES = ['en', 'de'];
let vite: Awaited<ReturnType<typeof startVite>>;
let browser: Browser;

before(async () => {
  await promisify(execFile)('npm', ['run', 'build'], { cwd: root });
  vite = await startVite();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await vite?.close();
});

test('every path package.json exports exists after npm run build', async () => {
  const { exports, jsdelivr } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>>; jsdelivr: string };
  // What each wildcard export stands for: a tag under define/, a shipped language under locales/.
  const wildcards: Record<string, string[]> = { './define/*': [...TAGS, 'blocks'], './locales/*': LOCALES };
  const concrete = [
    ...Object.entries(exports).flatMap(([key, target]) => {
      const paths = typeof target === 'string' ? [target] : Object.values(target);
      if (!key.includes('*')) return paths;
      const values = wildcards[key];
      assert.ok(values, `no values listed for the wildcard export ${key}`);
      return paths.flatMap((path) => values.map((value) => path.replace('*', value)));
    }),
    jsdelivr,
  ];
  for (const path of concrete) await access(join(root, path));
  assert.ok(concrete.length >= 10);
});

test('peerkit/define/* defines its tag and peerkit/core works in a page that brings its own lit', { timeout: 60_000 }, async () => {
  const page = await (await browser.newContext()).newPage();
  // A page with nothing on it: the tags can only come from the built entries.
  await page.goto(`${vite.url}/test/e2e/pages/blank.html`);
  const result = await page.evaluate(async (tags: string[]) => {
    for (const tag of tags) await import(/* @vite-ignore */ `/dist/browser/define/${tag}.js`);
    const corePath = '/dist/browser/core.js';
    const testingPath = '/dist/browser/core-testing.js';
    const core = (await import(/* @vite-ignore */ corePath)) as Record<string, unknown>;
    const testing = (await import(/* @vite-ignore */ testingPath)) as Record<string, unknown>;
    return {
      defined: tags.filter((tag) => customElements.get(tag)),
      core: [typeof core.seal, typeof core.Room, typeof core.joinRoom],
      // Test doubles live in peerkit/core/testing, and wire internals are not exported at all.
      testing: [typeof testing.MemorySignalingNetwork, typeof testing.MemoryLinkNetwork],
      internals: ['MemorySignalingNetwork', 'Gossip', 'LINK_ASK', 'parseLatencyReport'].filter((name) => name in core),
    };
  }, TAGS);
  assert.deepEqual(result, { defined: TAGS, core: ['function', 'function', 'function'], testing: ['function', 'function'], internals: [] });
});
