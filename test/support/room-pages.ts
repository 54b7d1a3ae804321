/** Room probe pages (test/e2e/pages/room.html) driven from Node: open them, wait on their logs. */
import type { Browser, Page } from 'playwright-core';

export interface LogEntry {
  type: string;
  [field: string]: unknown;
}

/** What room.html exposes as `window.probe`. */
export interface Probe {
  id: string;
  log: LogEntry[];
  peers(): string[];
  linkState(id: string): string | null;
  transportState(): string;
  send(to: string, data: string): void;
  broadcast(data: string): void;
}

export interface RoomPage {
  readonly page: Page;
  readonly id: string;
  readonly name: string;
}

/** Long enough for a loaded machine; every wait is for an event, never a fixed sleep. */
export const WAIT = { timeout: 20_000 } as const;

/** Opens room.html in a fresh context (its own IndexedDB, so its own key) and waits until it joined. `serverFallbackMs`: the room's (default its own default). */
export async function openRoomPage(browser: Browser, options: { vite: string; server: string; room: string; name: string; serverFallbackMs?: number }): Promise<RoomPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const query = new URLSearchParams({ server: options.server, room: options.room, name: options.name, ...(options.serverFallbackMs !== undefined ? { fallback: String(options.serverFallbackMs) } : {}) });
  await page.goto(`${options.vite}/test/e2e/pages/room.html?${query}`);
  await probeReady(page);
  const id = await page.evaluate(() => (window as unknown as { probe: Probe }).probe.id);
  return { page, id, name: options.name };
}

export async function probeReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { probeReady?: boolean }).probeReady === true, undefined, { timeout: 30_000 });
}

/** Resolves once `peer` has a bound (`connected`) link to each of `ids`. */
export async function linkedTo(peer: RoomPage, ids: readonly string[], wait: { timeout: number } = WAIT): Promise<void> {
  await peer.page.waitForFunction(
    (others) => others.every((id) => (window as unknown as { probe: Probe }).probe.linkState(id) === 'connected'),
    ids,
    wait,
  );
}

/** The page's log entries of one type. */
export function entries(peer: RoomPage, type: string): Promise<LogEntry[]> {
  return peer.page.evaluate((wanted) => (window as unknown as { probe: Probe }).probe.log.filter((entry) => entry.type === wanted), type);
}

/** Resolves once the page logged a `signal-rejected` from `from`. */
export async function rejectedFrom(peer: RoomPage, from: string, count = 1): Promise<void> {
  await peer.page.waitForFunction(
    ([sender, wanted]) =>
      (window as unknown as { probe: Probe }).probe.log.filter((entry) => entry.type === 'signal-rejected' && entry.from === sender).length >= wanted,
    [from, count] as const,
    WAIT,
  );
}

/** Resolves once the page received `data` from `from`. */
export async function received(peer: RoomPage, from: string, data: string): Promise<void> {
  await peer.page.waitForFunction(
    ([sender, text]) => (window as unknown as { probe: Probe }).probe.log.some((entry) => entry.type === 'message' && entry.from === sender && entry.data === text),
    [from, data] as const,
    WAIT,
  );
}

export async function send(peer: RoomPage, to: string, data: string): Promise<void> {
  await peer.page.evaluate(([recipient, text]) => (window as unknown as { probe: Probe }).probe.send(recipient, text), [to, data] as const);
}

export async function linkState(peer: RoomPage, id: string): Promise<string | null> {
  return peer.page.evaluate((other) => (window as unknown as { probe: Probe }).probe.linkState(other), id);
}

/** Navigates the page (same context, so the same key) to another room and waits until it joined there. */
export async function moveTo(peer: RoomPage, room: string): Promise<void> {
  const url = new URL(peer.page.url());
  url.searchParams.set('room', room);
  await peer.page.goto(url.href);
  await probeReady(peer.page);
  const id = await peer.page.evaluate(() => (window as unknown as { probe: Probe }).probe.id);
  if (id !== peer.id) throw new Error(`${peer.name} came back as ${id}, not ${peer.id}`);
}
