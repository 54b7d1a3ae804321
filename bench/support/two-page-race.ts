/**
 * The runner bench/connect and bench/call share: two pages of one bench (its `window.bench`: ready,
 * prepare on the answering page, run on the timing page, cleanup), systems alternating with the
 * order reversed every iteration, two warm-ups, each run cut off at 15 s; the median per system.
 */
import type { Browser, Page } from 'playwright-core';

interface PageBench {
  ready(): Promise<void>;
  prepare(system: string, servers: unknown, room: string): Promise<unknown>;
  run(system: string, servers: unknown, room: string): Promise<number>;
  cleanup(): void;
}
type BenchWindow = Window & { bench: PageBench; benchReady?: boolean };

/** Two pages, each in its own context (its own key), with the bench at `url` loaded and ready. */
export async function openBenchPages(browser: Browser, url: string): Promise<[Page, Page]> {
  const open = async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as BenchWindow).benchReady === true, undefined, { timeout: 60_000 });
    await page.evaluate(() => (window as unknown as BenchWindow).bench.ready());
    return page;
  };
  return Promise.all([open(), open()]);
}

export interface RaceResult {
  readonly medians: Record<string, number>;
  /** Runs that gave no time within 15 s, per system. */
  readonly failures: Record<string, number>;
}

export async function raceSystems(pages: [Page, Page], systems: readonly string[], servers: unknown, iterations: number): Promise<RaceResult> {
  const [timer, answerer] = pages;
  const samples = new Map<string, number[]>(systems.map((system) => [system, []]));
  const failures: Record<string, number> = {};
  for (let i = 0; i < iterations + 2; i++) {
    for (const system of i % 2 ? [...systems].reverse() : systems) {
      const room = `r${i}-${system}-${Math.random().toString(36).slice(2, 8)}`;
      await answerer.evaluate(({ system, servers, room }) => (window as unknown as BenchWindow).bench.prepare(system, servers, room), { system, servers, room });
      // The clock starts with both pages idle: the answering side has been in the room a moment,
      // as a member usually has when someone joins (the same for every system).
      for (const page of pages) await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 })));
      const ms = (await timer.evaluate(
        ({ system, servers, room }) =>
          Promise.race([(window as unknown as BenchWindow).bench.run(system, servers, room), new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 15_000))]),
        { system, servers, room },
      )) as number;
      for (const page of pages) await page.evaluate(() => (window as unknown as BenchWindow).bench.cleanup());
      process.stderr.write(`${i} ${system} ${ms.toFixed(1)}\n`);
      if (Number.isNaN(ms)) failures[system] = (failures[system] ?? 0) + 1;
      else if (i >= 2) samples.get(system)!.push(ms);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  return { medians: Object.fromEntries(systems.map((system) => [system, median(samples.get(system)!)])), failures };
}
