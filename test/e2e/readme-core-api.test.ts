// The README's "Core API" example, run as it is written: two browsers (separate contexts: separate
// keys) each run the block, against the real server, and each hears the other's note and file.
// Only the server address and the import specifier change: the block says 'peerkit/core' and the
// default port, the test serves the source through Vite and the server on a free port.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e.js';

let environment: E2eEnvironment;

before(async () => {
  environment = await startE2eEnvironment();
});
after(() => environment?.close());

/** The ```js block that follows the core-api-example marker in README.md. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /<!-- core-api-example:[^>]*-->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'README.md has the core API example after its marker');
  return block;
}

async function runIn(page: Page, code: string): Promise<void> {
  await page.evaluate(async (source) => {
    const logs: string[] = [];
    (window as unknown as { logs: string[] }).logs = logs;
    const log = console.log.bind(console);
    console.log = (...parts: unknown[]) => {
      logs.push(parts.map(String).join(' '));
      log(...parts);
    };
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    await import(/* @vite-ignore */ url);
  }, code);
}

test('the README Core API example runs as written: two peers exchange a JSON note (confirmed) and a file', { timeout: 90_000 }, async () => {
  const { vite, signaling, browser } = environment;
  const example = await readmeExample();
  assert.match(example, /from 'peerkit\/core'/);
  assert.match(example, /'http:\/\/127\.0\.0\.1:8787'/);
  const code = example.replace(`'peerkit/core'`, `'${vite.url}/src/core/index.ts'`).replace(`'http://127.0.0.1:8787'`, `'${signaling.url}'`);
  const pages = await Promise.all(
    [0, 1].map(async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${vite.url}/test/e2e/pages/blank.html`);
      return page;
    }),
  );
  await Promise.all(pages.map((page) => runIn(page, code)));
  const heard = (page: Page) => page.waitForFunction(() => {
    const logs = (window as unknown as { logs: string[] }).logs;
    return logs.some((line) => line.endsWith(' says hi')) && logs.some((line) => line.endsWith(` sent ${'a file, as bytes'.length} bytes`));
  }, undefined, { timeout: 60_000 });
  await Promise.all(pages.map(heard));
  const logs = await Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as { logs: string[] }).logs)));
  // Each heard the other (a 40-hex-digit fingerprint), not itself.
  const speakers = logs.map((lines) => lines.find((line) => line.endsWith(' says hi'))!.split(' ')[0]);
  assert.match(speakers[0]!, /^[0-9a-f]{40}$/);
  assert.notEqual(speakers[0], speakers[1]);
});
