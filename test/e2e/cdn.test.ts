// The CDN build in a page that loads nothing else: one <script type="module"> defines the tags,
// which render before the lazily loaded core (keys, crypto, WebRTC) arrives.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, roomInStatus } from '../support/browser.js';
import { startCliServer, type CliServer } from '../support/cli-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: CliServer;
let context: BrowserContext;
let profile: string;

before(async () => {
  await promisify(execFile)('npm', ['run', 'build:cdn'], { cwd: root });
  // A plain static server over the repository: the example refers to ../dist/cdn/peerkit.js.
  server = await startCliServer(['--static', root]);
  profile = await mkdtemp(join(tmpdir(), 'peerkit-cdn-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await context?.close();
  await server?.stop();
  await rm(profile, { recursive: true, force: true });
});

test('examples/cdn.html works from the CDN file alone; the tags render before the core arrives', { timeout: 120_000 }, async () => {
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  // Hold the room's core chunk back: the tags must already be rendered without it.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/chunks\/room-session-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/examples/cdn.html`);
  await page.waitForFunction(() => ['peer-room', 'peer-list', 'peer-identity'].every((tag) => customElements.get(tag)));
  const status = page.locator('peer-room').locator('[part="status"]');
  await status.waitFor();
  assert.match(await status.innerText(), /Connecting/);
  assert.match(await page.locator('peer-list').locator('[part="empty"]').innerText(), /No peers yet/);

  release();
  await roomInStatus(page, 'open');
  // The identity panel made or loaded a key by now (the room created one if there was none).
  const outside = requested.filter((path) => path !== '/examples/cdn.html' && !path.startsWith('/dist/cdn/'));
  assert.deepEqual(outside, [], 'the page loads nothing but the example and the CDN files');

  // A page without a call never loads the call's code; the first <peer-call> it holds brings it.
  assert.equal(await page.evaluate(() => customElements.get('peer-call') === undefined), true);
  const before = requested.length;
  await page.evaluate(() => document.querySelector('peer-room')!.append(document.createElement('peer-call')));
  await page.locator('peer-call').locator('[part~="join"]').waitFor({ timeout: 30_000 });
  assert.ok(requested.slice(before).some((path) => path.startsWith('/dist/cdn/chunks/')), 'its chunk loaded then');
});
