import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { persistentProfile, startVite } from '../support/browser.js';

type Probe = { fingerprint: string; name: string } | null;

async function probe(page: Page, create: boolean): Promise<Probe> {
  await page.waitForFunction(() => (window as unknown as { probeReady?: boolean }).probeReady === true);
  return page.evaluate((shouldCreate) => (window as unknown as { probe(create: boolean): Promise<Probe> }).probe(shouldCreate), create);
}

let vite: Awaited<ReturnType<typeof startVite>>;
before(async () => {
  vite = await startVite();
});
after(async () => {
  await vite.close();
});

test('the key survives a page reload and a browser restart (same fingerprint, from IndexedDB)', { timeout: 120_000 }, async () => {
  const profile = await persistentProfile();
  try {
    let context = await profile.open();
    let page = await context.newPage();
    await page.goto(`${vite.url}/test/e2e/pages/identity.html`);
    assert.equal(await probe(page, false), null, 'a fresh profile has no identity');
    const created = await probe(page, true);
    assert.match(created?.fingerprint ?? '', /^[0-9a-f]{40}$/);

    await page.reload();
    assert.deepEqual(await probe(page, false), created, 'same identity after reload');
    await context.close();

    context = await profile.open();
    page = await context.newPage();
    await page.goto(`${vite.url}/test/e2e/pages/identity.html`);
    assert.deepEqual(await probe(page, false), created, 'same identity after restarting the browser');
    await context.close();
  } finally {
    await profile.remove();
  }
});
