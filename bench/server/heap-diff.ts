/**
 * Where a server's heap grew between two snapshots, by kind of object: what bench/server's memory
 * phase writes with HEAP_SNAPSHOT_DIR set (0.heapsnapshot before the 1,000 sockets join, 1 after).
 * Strings, code and arrays are grouped by kind; objects by constructor. Sizes are self sizes (what
 * each object itself takes), so the column adds up to the heap's growth.
 *
 * Usage: HEAP_SNAPSHOT_DIR=/tmp/heap ONLY=peerkit ROUNDS=1 npm run bench:server
 *        node --import tsx bench/server/heap-diff.ts /tmp/heap/0.heapsnapshot /tmp/heap/1.heapsnapshot [--per 1000] [--top 30]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const GROUPED = new Set(['string', 'concatenated string', 'sliced string', 'code', 'number', 'array', 'hidden']);

/** Count and self size by kind of object. */
function tally(path: string): Map<string, { count: number; size: number }> {
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];
  const totals = new Map<string, { count: number; size: number }>();
  const { nodes, strings } = snapshot;
  for (let at = 0; at < nodes.length; at += fields.length) {
    const type = types[nodes[at + typeAt]!]!;
    const kind = GROUPED.has(type) ? `(${type})` : `${type} ${strings[nodes[at + nameAt]!]!.slice(0, 60)}`;
    const total = totals.get(kind) ?? { count: 0, size: 0 };
    total.count++;
    total.size += nodes[at + sizeAt]!;
    totals.set(kind, total);
  }
  return totals;
}

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const [beforePath, afterPath] = process.argv.slice(2, 4);
if (!beforePath || !afterPath) throw new Error('usage: heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [--per 1000] [--top 30]');
const per = option('per', 1000);
const [before, after] = [tally(beforePath), tally(afterPath)];
const rows = [...after].map(([kind, { count, size }]) => ({ kind, count: count - (before.get(kind)?.count ?? 0), size: size - (before.get(kind)?.size ?? 0) }));
rows.sort((a, b) => b.size - a.size);
const total = rows.reduce((sum, row) => sum + row.size, 0);
console.log(`heap growth: ${(total / 1e6).toFixed(2)} MB (self sizes), ${(total / per).toFixed(0)} bytes per socket over ${per}`);
console.log('');
console.log('| kind | objects per socket | bytes per socket | KB in all |');
console.log('|---|---|---|---|');
for (const row of rows.slice(0, option('top', 30))) console.log(`| ${row.kind} | ${(row.count / per).toFixed(1)} | ${(row.size / per).toFixed(0)} | ${(row.size / 1000).toFixed(0)} |`);
