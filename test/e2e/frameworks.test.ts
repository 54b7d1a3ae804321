// The React 19 and Vue 3 examples, built with Vite: each framework passes a property (`strings`)
// to a peerkit element and hears a `peer-*` event through its own event binding.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startCliServer, type CliServer } from '../support/cli-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: CliServer;
let browser: Browser;

before(async () => {
  await promisify(execFile)('npm', ['run', 'build:examples'], { cwd: root });
  server = await startCliServer(['--static', `${root}/dist/examples`]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const [framework, name] of [
  ['react', 'React'],
  ['vue', 'Vue'],
] as const) {
  test(`${name}: properties reach the elements and peer-* events reach the framework`, { timeout: 60_000 }, async () => {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/${framework}/index.html`);
    // The room opens (BroadcastChannel, no server): its peer-status-change reached the framework's state.
    await page.locator('#status', { hasText: 'room: open' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('peer-list [part="empty"]').textContent(), `Nobody here yet (${name})`);
    await page.locator('peer-chat textarea').waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
