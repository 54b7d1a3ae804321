/**
 * Where the workers' time went during the broadcast phase: the CPU profiles bench/room writes
 * with `--profile DIR`, summed per configuration, as self time by function and by area.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A coarse area for a function, from its file. */
function area(url: string, name: string): string {
  if (name === '(idle)') return 'idle';
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)') return 'native / outside JS (wrtc calls, libuv)';
  if (url.includes('@roamhq/wrtc') || url.includes('simple-peer')) return 'WebRTC bindings (simple-peer, wrtc JS)';
  if (url.includes('/src/core/mesh/')) return 'gossip relay (src/core/mesh)';
  if (url.includes('/src/core/envelope') || url.includes('/src/core/openpgp') || url.includes('/src/core/crypto') || url.includes('bounded-inflate') || url.includes('pako')) return 'envelopes: sign / verify / inflate';
  if (url.includes('/src/core/')) return 'other peerkit core';
  if (url.includes('/bench/')) return 'benchmark harness';
  if (url.startsWith('node:') || url === '') return name.startsWith('JSON') || name === 'parse' || name === 'stringify' ? 'JSON' : 'Node internals / builtins';
  return 'other';
}

export function printProfiles(dir: string): void {
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  const byConfig = new Map<string, string[]>();
  for (const file of files) {
    const config = file.replace(/-\d+\.cpuprofile$/, '');
    byConfig.set(config, [...(byConfig.get(config) ?? []), file]);
  }
  for (const [config, group] of byConfig) {
    const self = new Map<string, number>();
    const areas = new Map<string, number>();
    let total = 0;
    for (const file of group) {
      const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
      const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
      profile.samples.forEach((id, index) => {
        const node = nodes.get(id)!;
        const ms = (profile.timeDeltas[index] ?? 0) / 1000;
        const { functionName, url, lineNumber } = node.callFrame;
        const name = functionName || '(anonymous)';
        const where = url ? `${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}` : '';
        const key = `${name} ${where}`.trim();
        self.set(key, (self.get(key) ?? 0) + ms);
        const kind = area(url, name);
        areas.set(kind, (areas.get(kind) ?? 0) + ms);
        total += ms;
      });
    }
    const busy = total - (areas.get('idle') ?? 0);
    console.log('');
    console.log(`CPU profile, ${config} (${group.length} worker processes, broadcast phase): ${busy.toFixed(0)} ms busy of ${total.toFixed(0)} ms sampled`);
    console.log('');
    console.log('| area | ms | share of busy |');
    console.log('|---|---|---|');
    for (const [kind, ms] of [...areas].filter(([kind]) => kind !== 'idle').sort((a, b) => b[1] - a[1])) console.log(`| ${kind} | ${ms.toFixed(0)} | ${((ms / busy) * 100).toFixed(1)} % |`);
    console.log('');
    console.log('Top functions by self time:');
    for (const [key, ms] of [...self].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
  }
}
