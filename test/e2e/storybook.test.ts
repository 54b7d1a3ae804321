// Issue 15: the Storybook, as built (`npm run build:storybook`), served by the peerkit server on
// loopback. Every story renders its element, with no console error and no axe violation, in the
// light and the dark theme.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startCliServer, type CliServer } from '../support/cli-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface IndexEntry {
  readonly id: string;
  readonly type: 'story' | 'docs';
  readonly title: string;
  readonly name: string;
}

const environment = {} as { out: string; server: CliServer; browser: Browser; stories: IndexEntry[]; docs: IndexEntry[] };

before(async () => {
  environment.out = await mkdtemp(join(tmpdir(), 'peerkit-storybook-'));
  await promisify(execFile)(join(root, 'node_modules/.bin/storybook'), ['build', '--quiet', '--output-dir', environment.out], { cwd: root, env: { ...process.env, CI: 'true' } });
  const index = JSON.parse(await readFile(join(environment.out, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
  environment.stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
  environment.docs = Object.values(index.entries).filter((entry) => entry.type === 'docs');
  environment.server = await startCliServer(['--static', environment.out]);
  environment.browser = await launchChromium();
});

after(async () => {
  await environment.browser?.close();
  await environment.server?.stop();
  if (environment.out) await rm(environment.out, { recursive: true, force: true });
});

/** Opens one story in a fresh page: what went wrong there, if anything. */
async function checkStory(story: IndexEntry, theme: string): Promise<string[]> {
  const page = await environment.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    // The a11y addon's own run is off (`a11y.manual`): this test runs axe itself, and two runs at once clash.
    await page.goto(`${environment.server.url}/iframe.html?id=${story.id}&viewMode=story&globals=theme:${theme};a11y.manual:!true`);
    // Rendered: the story's root holds its elements, and every peerkit element has finished updating.
    await page.waitForFunction(() => document.querySelector('#storybook-root')?.querySelector('*') !== null, undefined, { timeout: 30_000 });
    const tags = await page.evaluate(async () => {
      const elements = [...document.querySelectorAll('#storybook-root *')].filter((element) => element.localName.startsWith('peer-')) as (Element & { updateComplete?: Promise<unknown> })[];
      await Promise.all(elements.map((element) => element.updateComplete));
      return elements.filter((element) => element.shadowRoot?.childElementCount).map((element) => element.localName);
    });
    // A room joins over BroadcastChannel (no server): it must get there, not to an error.
    // (No named function inside evaluate: the test's compiler would wrap it in a helper the page lacks.)
    const rooms = await page.evaluate(async () => {
      for (;;) {
        const statuses = [...document.querySelectorAll('peer-room')].map((room) => (room as Element & { status: string }).status);
        if (statuses.every((status) => status === 'open' || status === 'error')) return statuses;
        await new Promise((resolve) => document.addEventListener('peer-status-change', resolve, { once: true }));
      }
    });
    await page.addScriptTag({ path: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const results = await axe.run(document.querySelector('#storybook-root')!, { resultTypes: ['violations'] });
      return results.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
    });
    const where = `${story.title} / ${story.name} (${theme})`;
    return [
      ...(tags.length ? [] : [`${where}: no peerkit element rendered`]),
      ...rooms.filter((status) => status !== 'open').map((status) => `${where}: a room ended up ${status}`), ...errors.map((error) => `${where}: console error: ${error}`), ...violations.map((violation) => `${where}: axe: ${violation}`),
    ];
  } finally {
    await page.close();
  }
}

test('every story renders its element with no console error and no axe violation, light and dark', { timeout: 180_000 }, async (t) => {
  assert.ok(environment.stories.length >= 8, `the Storybook has its stories (${environment.stories.length})`);
  const checks = ['light', 'dark'].flatMap((theme) => environment.stories.map((story) => () => checkStory(story, theme)));
  const problems: string[] = [];
  // Two pages at a time: the machine has two cores, and the other suites wait for this one.
  const worker = async () => {
    for (let check = checks.shift(); check; check = checks.shift()) problems.push(...(await check()));
  };
  await Promise.all([worker(), worker()]);
  t.diagnostic(`${environment.stories.length} stories, each in light and dark`);
  assert.deepEqual(problems.sort(), []);
});

test('each element has a docs page (autodocs from the manifest) that shows its stories with no console error', { timeout: 120_000 }, async () => {
  assert.deepEqual(environment.docs.map((entry) => entry.title).sort(), ['Elements/peer-chat', 'Elements/peer-identity', 'Elements/peer-list', 'Elements/peer-room']);
  const problems: string[] = [];
  for (const docs of environment.docs) {
    const page = await environment.browser.newPage({ viewport: { width: 1000, height: 700 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${docs.title}: console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`${docs.title}: ${error.message}`));
    await page.goto(`${environment.server.url}/iframe.html?id=${docs.id}&viewMode=docs&globals=a11y.manual:!true`);
    // The page lists the element's API (a table from the manifest) and shows each story's element.
    await page.waitForFunction(() => document.querySelector('#storybook-docs table') !== null && document.querySelector('#storybook-docs [data-name]') !== null, undefined, { timeout: 30_000 });
    const tag = docs.title.split('/')[1]!;
    const shown = await page.evaluate((name) => document.querySelectorAll(`#storybook-docs ${name}`).length, tag);
    if (shown === 0) problems.push(`${docs.title}: no ${tag} on the page`);
    await page.close();
  }
  assert.deepEqual(problems, []);
});
