// Issue 16: calls between pages, each its own browser context (its own key), on the real server
// on loopback: real WebRTC, Chromium's fake camera and microphone, <peer-call> as a user drives it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startVite } from '../support/browser.js';
import { startCliServer, type CliServer } from '../support/cli-server.js';

let browser: Browser;
let server: CliServer;
let vite: Awaited<ReturnType<typeof startVite>>;

before(async () => {
  [server, vite, browser] = await Promise.all([startCliServer([]), startVite(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await vite?.close();
  await server?.stop();
});

interface Person {
  readonly page: Page;
  readonly id: string;
}

async function person(name: string, place: Record<string, string>): Promise<Person> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${vite.url}/test/e2e/pages/call.html?${new URLSearchParams({ server: server.url, name, ...place })}`);
  await page.waitForFunction(() => (window as unknown as { probe?: { id: string } }).probe !== undefined, undefined, { timeout: 30_000 });
  const id = await page.evaluate(() => (window as unknown as { probe: { id: string } }).probe.id);
  return { page, id };
}

/** Clicks Join call once the call offers it (its room is running). */
async function join({ page }: Person): Promise<void> {
  await page.locator('peer-call [part~="join"]').click({ timeout: 30_000 });
  await page.locator('peer-call [part~="leave"]').waitFor({ timeout: 30_000 });
}

/** Resolves once `viewer` shows `shown`'s video in a tile and it has decoded and shown three frames. */
async function seesVideoOf(viewer: Person, shown: Person): Promise<void> {
  const video = viewer.page.locator(`peer-call [data-peer="${shown.id}"] video`).first();
  await video.waitFor({ timeout: 30_000 });
  // (No named function inside evaluate: the test's compiler would wrap it in a helper the page lacks.)
  const frames = await video.evaluate(async (element) => {
    const player = element as HTMLVideoElement;
    for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => player.requestVideoFrameCallback(resolve));
    return player.videoWidth;
  });
  assert.ok(frames > 0, 'a decoded picture');
}

test('three pages in a call each decode video from the other two; their lists say who is in the call', { timeout: 120_000 }, async () => {
  const place = { ns: `calls-${Date.now()}`, room: 'three' };
  const people = await Promise.all(['Ann', 'Ben', 'Cat'].map((name) => person(name, place)));
  await Promise.all(people.map(join));
  for (const viewer of people) for (const shown of people) if (shown !== viewer) await seesVideoOf(viewer, shown);
  for (const viewer of people) {
    const inCall = viewer.page.locator('peer-list [part="peer"]').filter({ hasText: 'in the call' });
    await inCall.nth(1).waitFor({ timeout: 30_000 });
  }
  await Promise.all(people.map(({ page }) => page.context().close()));
});

test('pair mode: a video call with a stranger, and Next moves the call to a new stranger', { timeout: 120_000 }, async () => {
  const place = { ns: `pair-calls-${Date.now()}`, mode: 'pair' };
  const ann = await person('Ann', place);
  const ben = await person('Ben', place);
  await Promise.all([join(ann), join(ben)]);
  await seesVideoOf(ann, ben);
  await seesVideoOf(ben, ann);
  // Cat waits in the call's lobby of her own; Ben goes, and Ann asks for the next stranger.
  const cat = await person('Cat', place);
  await join(cat);
  await ben.page.context().close();
  await ann.page.locator('peer-room [part~="next"]').click();
  await seesVideoOf(ann, cat);
  await seesVideoOf(cat, ann);
  assert.equal(await ann.page.locator(`peer-call [data-peer="${ben.id}"]`).count(), 0, "Ben's tile went with him");
  await Promise.all([ann, cat].map(({ page }) => page.context().close()));
});
