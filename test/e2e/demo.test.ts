// The demo as `npm start` serves it (built with Vite, served by `peerkit serve --static`): two
// browsers (two keys) create their identity, meet in the demo's room and chat.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, roomInStatus } from '../support/browser.js';
import { startCliServer, type CliServer } from '../support/cli-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: CliServer;
let browser: Browser;

before(async () => {
  await promisify(execFile)('npm', ['run', 'build:demo'], { cwd: root });
  server = await startCliServer(['--static', 'dist/demo']);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function visitor(name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.url);
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  await roomInStatus(page, 'open');
  return page;
}

test('two visitors create keys, see each other in the peer list and chat', { timeout: 180_000 }, async () => {
  const [ada, bob] = await Promise.all([visitor('Ada'), visitor('Bob')]);
  // The list shows the other visitor by the name in its key, once their link is up.
  await ada.locator('peer-list [part="peer"]', { hasText: 'Bob' }).filter({ hasText: 'Connected' }).waitFor({ timeout: 60_000 });
  await bob.locator('peer-list [part="peer"]', { hasText: 'Ada' }).filter({ hasText: 'Connected' }).waitFor({ timeout: 60_000 });

  const composer = ada.locator('peer-chat textarea');
  await composer.fill('<img src=x onerror="window.pwned=1"> hello Bob');
  await composer.press('Enter');
  const received = bob.locator('peer-chat [part="text"]', { hasText: 'hello Bob' });
  await received.waitFor({ timeout: 30_000 });
  assert.equal(await received.textContent(), '<img src=x onerror="window.pwned=1"> hello Bob');
  assert.equal(await bob.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined, 'message text is never run as HTML');
  await ada.locator('peer-chat [part="state"][aria-label="Delivered"]').waitFor({ timeout: 30_000 });
  await Promise.all([ada.context().close(), bob.context().close()]);
});

test('stories: every element from custom-elements.json with knobs, snippet and events; the playground chats between two frames', { timeout: 120_000 }, async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/#peer-room`);
  for (const tag of ['peer-room', 'peer-list', 'peer-chat', 'peer-identity']) await page.getByRole('link', { name: `<${tag}>` }).waitFor();
  await roomInStatus(page, 'open', '#canvas peer-room', 30_000);
  assert.match(await page.locator('#component-events').innerText(), /peer-status-change/);
  // A knob changes the live element and the snippet follows.
  await page.locator('#knobs select[name="mode"]').selectOption('pair');
  assert.equal(await page.locator('#canvas peer-room').getAttribute('mode'), 'pair');
  assert.match(await page.locator('#snippet').innerText(), /<peer-room[^>]* mode="pair"/);
  await page.locator('#knobs input[name="no-status"]').check();
  assert.match(await page.locator('#snippet').innerText(), / no-status/);

  await page.goto(`${server.url}/#playground`);
  const [ada, bob] = [page.frameLocator('iframe[title="Peer Ada"]'), page.frameLocator('iframe[title="Peer Bob"]')];
  await ada.locator('peer-list [part="peer"]', { hasText: 'Bob' }).filter({ hasText: 'Connected' }).waitFor({ timeout: 60_000 });
  await ada.locator('peer-chat textarea').fill('hi from the left');
  await ada.locator('peer-chat textarea').press('Enter');
  await bob.locator('peer-chat [part="text"]', { hasText: 'hi from the left' }).waitFor({ timeout: 30_000 });
  await page.context().close();
});
