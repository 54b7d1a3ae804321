// Preloaded (with --expose-gc) into every benchmarked server: SIGUSR2 runs a full collection, so
// memory is compared after garbage collection in every process alike. With HEAP_STATS_FILE set,
// it then writes where the memory is (V8's heap spaces, and what lies outside the heap) to that
// file, and with HEAP_SNAPSHOT_DIR a heap snapshot too: bench/server's `--heap` reads them.
import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

let snapshots = 0;
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  if (process.env.HEAP_STATS_FILE) {
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, { size: space.space_size, used: space.space_used_size }]));
    const { rss, external, arrayBuffers } = process.memoryUsage();
    writeFileSync(process.env.HEAP_STATS_FILE, JSON.stringify({ rss, external, arrayBuffers, spaces }));
  }
  if (process.env.HEAP_SNAPSHOT_DIR) writeHeapSnapshot(`${process.env.HEAP_SNAPSHOT_DIR}/${snapshots++}.heapsnapshot`);
});
