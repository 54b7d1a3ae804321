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

/** The element that has focus, through shadow roots, as a keyboard user would find it. */
interface Focused {
  readonly tag: string;
  readonly label: string;
  readonly text: string;
  readonly placeholder: string;
  readonly fieldLabel: string;
  readonly role: string;
}

function focused(page: Page): Promise<Focused | undefined> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return undefined;
    return {
      tag: active.tagName,
      label: active.getAttribute('aria-label') ?? '',
      text: (active.textContent ?? '').replace(/\s+/g, ' ').trim(),
      placeholder: active.getAttribute('placeholder') ?? '',
      fieldLabel: (active as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '',
      role: active.getAttribute('role') ?? '',
    };
  });
}

/** Presses `key` (Tab by default) until focus is on what `wanted` describes; fails after `most` presses. */
async function pressUntil(page: Page, wanted: (focus: Focused) => boolean, what: string, key = 'Tab', most = 60): Promise<void> {
  for (let press = 0; press < most; press++) {
    await page.keyboard.press(key);
    const focus = await focused(page);
    if (focus && wanted(focus)) return;
  }
  assert.fail(`${most} presses of ${key} never reached ${what} (focus: ${JSON.stringify(await focused(page))})`);
}

test('keyboard only: make a key, join, send, react and trust a peer with real Tab, arrow and Enter presses', { timeout: 180_000 }, async () => {
  const ada = await (await browser.newContext()).newPage();
  await ada.goto(server.url);
  await pressUntil(ada, (focus) => focus.tag === 'INPUT' && focus.fieldLabel === 'Name', 'the Name field');
  await ada.keyboard.type('Ada');
  await pressUntil(ada, (focus) => focus.tag === 'BUTTON' && focus.text === 'Create key', 'Create key');
  await ada.keyboard.press('Enter');
  await roomInStatus(ada, 'open');

  const bob = await visitor('Bob');
  await ada.locator('peer-list [part="peer"]', { hasText: 'Bob' }).filter({ hasText: 'Connected' }).waitFor({ timeout: 60_000 });

  // Send.
  await pressUntil(ada, (focus) => focus.tag === 'TEXTAREA' && focus.placeholder.startsWith('Write a message'), 'the composer');
  await ada.keyboard.type('hello Bob');
  await ada.keyboard.press('Enter');
  await bob.locator('peer-chat [part="text"]', { hasText: 'hello Bob' }).waitFor({ timeout: 30_000 });

  // React to Bob's answer: back from the composer to the log's one tab stop (the newest message), into its reaction button, pick.
  await bob.locator('peer-chat textarea').fill('hi Ada');
  await bob.locator('peer-chat textarea').press('Enter');
  await ada.locator('peer-chat [part="text"]', { hasText: 'hi Ada' }).waitFor({ timeout: 30_000 });
  await pressUntil(ada, (focus) => focus.tag === 'ARTICLE' && focus.text.includes('hi Ada'), "Bob's message", 'Shift+Tab', 10);
  await pressUntil(ada, (focus) => focus.label === 'Add reaction', 'its reaction button', 'Tab', 3);
  await ada.keyboard.press('Enter');
  await pressUntil(ada, (focus) => focus.text === '👍', 'the thumbs-up', 'Tab', 3);
  await ada.keyboard.press('Enter');
  await bob.locator('peer-chat [part="reaction"][aria-pressed="false"]', { hasText: '1' }).waitFor({ timeout: 30_000 });

  // Trust Bob: into the peer grid (one tab stop), along Bob's row with the arrow keys.
  await pressUntil(ada, (focus) => focus.role === 'gridcell' && focus.text.includes('Bob'), "Bob's row in the peer list", 'Shift+Tab', 30);
  await pressUntil(ada, (focus) => focus.tag === 'BUTTON' && focus.label.startsWith('Trust') && focus.label.includes('Bob'), '"Trust Bob"', 'ArrowRight', 8);
  await ada.keyboard.press('Enter');
  await ada.locator('peer-list [part="peer"]', { hasText: 'Bob' }).filter({ hasText: 'Trusted' }).waitFor({ timeout: 30_000 });
  await Promise.all([ada.context().close(), bob.context().close()]);
});
