/**
 * bench/room: broadcast delivery in a room of 10, 30 and 60+ members over real WebRTC
 * (@roamhq/wrtc in Node), full mesh against partial mesh (`maxLinks`, signed gossip relay).
 *
 * The peerkit signaling server runs in this process on 127.0.0.1; members are spread over worker
 * processes (worker.ts, ~15 each) and join in waves, each wave waited for until its links are up
 * (full mesh: a link to everyone; partial: the ring links, and the graph connected). Then
 * broadcasts from random members, spaced so the room is not saturated; each message carries its
 * sender's timestamp on the clock all processes share (`performance.timeOrigin + performance.now()`).
 * Reported per configuration: delivery latency p50/p99 over every (broadcast, receiver) pair,
 * exactly-once violations (missing and duplicate deliveries), relay/direct frames sent per peer
 * per broadcast, and the most links any peer had. Bounded: every worker and the server stop by
 * themselves.
 *
 * Usage: npm run bench:room [-- --configs full:10,full:30,8:10,8:30,8:60,4:10,4:30,4:60]
 *          [--rounds 3] [--broadcasts 40] [--spacing 150] [--per-process 15] [--wave 5] [--seed 7]
 *          [--profile DIR]
 * Rounds run every configuration in turn (interleaved, so load on the machine hits all alike);
 * the summary takes the median over rounds.
 * A config is `full:N` (maxLinks ≥ N: a full mesh) or `M:N` (maxLinks M, N members).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ringNeighbors } from '../../src/core/mesh/topology.js';
import { createServer } from '../../src/server/index.js';
import { printProfiles } from './profiles.js';
import type { CommandBody, PeerResult, PeerStatus, Reply } from './protocol.js';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
}

const CONFIGS = flag('configs', 'full:10,full:30,8:10,8:30,8:60,4:10,4:30,4:60').split(',');
const BROADCASTS = Number(flag('broadcasts', '40'));
const SPACING_MS = Number(flag('spacing', '150'));
const PER_PROCESS = Number(flag('per-process', '15'));
/**
 * @roamhq/wrtc holds ~100 file descriptors and ~2 threads per RTCPeerConnection (measured: 190
 * connections took a worker to its 20,000-descriptor limit, "Too many open files"); members are
 * spread so that no worker holds more than this many.
 */
const CONNECTIONS_PER_PROCESS = Number(flag('connections-per-process', '150'));
const WAVE = Number(flag('wave', '5'));
const WAVE_TIMEOUT_MS = Number(flag('wave-timeout', '60000'));
const PROFILE_DIR = process.argv.includes('--profile') ? flag('profile', '') : undefined;
const ROUNDS = Number(flag('rounds', '3'));
const TOTAL_LIMIT_MS = Number(flag('limit-minutes', '45')) * 60_000;
let seed = Number(flag('seed', '7'));

/** mulberry32: the same senders every run. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const children = new Set<ChildProcess>();
const deadline = setTimeout(() => {
  process.stderr.write(`bench/room: ${TOTAL_LIMIT_MS / 60_000} minutes are up, stopping\n`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(2);
}, TOTAL_LIMIT_MS);

class Worker {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, (reply: Reply) => void>();
  #seq = 1;
  readonly ready: Promise<void>;

  constructor() {
    this.#child = fork(fileURLToPath(new URL('./worker.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...(PROFILE_DIR ? { BENCH_ROOM_PROFILE: PROFILE_DIR } : {}) },
    });
    children.add(this.#child);
    this.#child.on('exit', () => children.delete(this.#child));
    // A worker that exits while a message is on its way: the call times out instead.
    this.#child.on('error', () => undefined);
    this.ready = new Promise((resolve) => {
      this.#child.on('message', (reply: Reply) => {
        if (reply.type === 'hello') return resolve();
        this.#pending.get(reply.seq)?.(reply);
        this.#pending.delete(reply.seq);
      });
    });
  }

  call(command: CommandBody, timeoutMs = 120_000): Promise<Reply> {
    const seq = this.#seq++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${this.#child.pid}: no answer to ${command.type}`)), timeoutMs);
      this.#pending.set(seq, (reply) => {
        clearTimeout(timer);
        if (reply.type === 'error') reject(new Error(`worker ${this.#child.pid}: ${reply.message}`));
        else resolve(reply);
      });
      if (this.#child.connected) this.#child.send({ ...command, seq }, undefined, undefined, () => undefined);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => (this.#child.exitCode !== null ? resolve(undefined) : this.#child.once('exit', resolve)));
    await this.call({ type: 'stop' }, 10_000).catch(() => undefined);
    await Promise.race([exited, sleep(5000)]);
    if (this.#child.exitCode === null) this.#child.kill('SIGKILL');
  }
}

function describeEvents(all: readonly Record<string, number>[]): string {
  const sum = new Map<string, number>();
  for (const events of all) for (const [kind, count] of Object.entries(events)) sum.set(kind, (sum.get(kind) ?? 0) + count);
  return sum.size ? [...sum].map(([kind, count]) => `${count}× ${kind}`).join(', ') : 'none';
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Every member reaches every other over links that are up. */
function connected(statuses: readonly PeerStatus[]): boolean {
  const byId = new Map(statuses.map((status) => [status.id, status]));
  const reached = new Set([statuses[0]!.id]);
  const queue = [statuses[0]!];
  while (queue.length) {
    for (const id of queue.shift()!.linked) {
      if (reached.has(id) || !byId.has(id)) continue;
      reached.add(id);
      queue.push(byId.get(id)!);
    }
  }
  return reached.size === statuses.length;
}

interface Settled {
  readonly ok: boolean;
  readonly why: string;
}

function settled(statuses: readonly PeerStatus[], full: boolean): Settled {
  const ids = statuses.map((status) => status.id);
  const n = ids.length;
  const viewsBehind = statuses.filter((status) => status.peers !== n - 1).length;
  if (viewsBehind) return { ok: false, why: `${viewsBehind} members do not see all ${n - 1} others yet` };
  if (full) {
    const short = statuses.filter((status) => status.linked.length !== n - 1);
    return short.length ? { ok: false, why: `${short.length} members short of ${n - 1} links (fewest ${Math.min(...short.map((status) => status.linked.length))})` } : { ok: true, why: 'full mesh up' };
  }
  const ringDown = statuses.filter((status) => [...ringNeighbors(status.id, ids)].some((id) => !status.linked.includes(id))).length;
  if (ringDown) return { ok: false, why: `${ringDown} members miss a ring link` };
  return connected(statuses) ? { ok: true, why: 'rings up, graph connected' } : { ok: false, why: 'graph not connected' };
}

interface Row {
  readonly name: string;
  readonly processes: number;
  readonly n: number;
  readonly maxLinks: number;
  readonly mesh: string;
  readonly convergeS: number;
  readonly linksMean: number;
  readonly maxLive: number;
  readonly maxConnected: number;
  readonly maxOpen: number;
  readonly expected: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly firstP50: number;
  readonly firstP99: number;
  readonly hopsMean: number;
  readonly hopsMax: number;
  readonly framesPerPeer: number;
  readonly framesMaxPeer: number;
  readonly rotations: number;
  readonly grafts: number;
  readonly rejected: number;
  readonly cpu: string;
  readonly loopP99: number;
  readonly note: string;
  readonly openNow: number;
  /** Mean connected links per peer after the broadcasts. */
  readonly linksAfter: number;
  readonly failed?: boolean;
}

async function runConfig(url: string, spec: string, index: number): Promise<Row> {
  const [kind, count] = spec.split(':') as [string, string];
  const n = Number(count);
  const full = kind === 'full';
  const maxLinks = full ? Math.max(8, n) : Number(kind);
  const name = full ? `full mesh, ${n} peers` : `partial, maxLinks ${maxLinks}, ${n} peers`;
  const room = `bench-${index}-${Date.now().toString(36)}`;
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  process.stderr.write(`\n== ${name} (load average ${load})\n`);
  // Links a member may hold at once (partial: its maxLinks, plus links in their goodbye grace).
  const degree = full ? n - 1 : maxLinks + 2;
  const perProcess = Math.max(1, Math.min(PER_PROCESS, Math.floor(CONNECTIONS_PER_PROCESS / degree)));
  const processes = Math.ceil(n / perProcess);
  process.stderr.write(`  ${processes} worker processes, ≤ ${perProcess} members each\n`);
  const workers = Array.from({ length: processes }, () => new Worker());
  const notes: string[] = [];
  try {
    await Promise.all(workers.map((worker) => worker.ready));
    const counts = workers.map((_, i) => Math.floor(n / processes) + (i < n % processes ? 1 : 0));
    const idsBy = await Promise.all(
      workers.map(async (worker, i) => {
        const reply = await worker.call({ type: 'init', config: { url, ns: 'bench.room', room, maxLinks }, count: counts[i]!, prefix: `p${i}` });
        return reply.type === 'ids' ? reply.ids : [];
      }),
    );
    const owner = new Map<string, Worker>();
    idsBy.forEach((ids, i) => ids.forEach((id) => owner.set(id, workers[i]!)));
    // Interleaved across processes, so each wave spreads its connects over all of them.
    const order: string[] = [];
    for (let i = 0; order.length < n; i++) for (const ids of idsBy) if (ids[i]) order.push(ids[i]!);

    const statusOf = async (ids: ReadonlySet<string>, detail = false) => {
      const replies = await Promise.all(workers.map((worker) => worker.call({ type: 'status', detail })));
      return replies.flatMap((reply) => (reply.type === 'status' ? reply.peers : [])).filter((status) => ids.has(status.id));
    };
    const waitSettled = async (ids: ReadonlySet<string>, ms: number): Promise<Settled> => {
      const until = performance.now() + ms;
      let state: Settled = { ok: false, why: 'not checked' };
      while (performance.now() < until) {
        state = settled(await statusOf(ids), full && n - 1 <= maxLinks);
        if (state.ok) return state;
        await sleep(250);
      }
      return state;
    };

    const started = performance.now();
    const joined = new Set<string>();
    for (let at = 0; at < n; at += WAVE) {
      const wave = order.slice(at, at + WAVE);
      for (const id of wave) joined.add(id);
      await Promise.all(workers.map((worker) => worker.call({ type: 'join', ids: wave.filter((id) => owner.get(id) === worker) })));
      const state = await waitSettled(joined, WAVE_TIMEOUT_MS);
      process.stderr.write(`  ${joined.size}/${n} joined, ${((performance.now() - started) / 1000).toFixed(1)} s: ${state.why}\n`);
      if (!state.ok) {
        notes.push(`after joining ${joined.size}: ${state.why} within ${WAVE_TIMEOUT_MS / 1000} s`);
        if (full) {
          // A full mesh that cannot form is reported as such, not measured half-made.
          const statuses = await statusOf(joined, true);
          const up = statuses.reduce((sum, status) => sum + status.linked.length, 0) / 2;
          // The pairs that are not up, as each side sees its link to the other.
          const byId = new Map(statuses.map((status) => [status.id, status]));
          const stuck = new Map<string, number>();
          for (const a of statuses) {
            for (const b of statuses) {
              if (a.id >= b.id || a.linked.includes(b.id)) continue;
              const seen = `initiator ${a.states?.[b.id] ?? 'not a member'} / answerer ${byId.get(b.id)!.states?.[a.id] ?? 'not a member'}`;
              stuck.set(seen, (stuck.get(seen) ?? 0) + 1);
            }
          }
          for (const [seen, count] of stuck) process.stderr.write(`  link not up (${count}×): ${seen}\n`);
          process.stderr.write(`  link troubles: ${describeEvents(statuses.map((status) => status.events ?? {}))}\n`);
          process.stderr.write(`  failed WebRTC calls: ${describeEvents(statuses.map((status) => status.webrtcErrors ?? {}))}\n`);
          process.stderr.write(`  RTCPeerConnections neither connected nor closed: ${describeEvents(statuses.map((status) => status.connections ?? {}))}\n`);
          const wanted = (joined.size * (joined.size - 1)) / 2;
          const why = `did not form: ${up} of ${wanted} links up ${((performance.now() - started) / 1000).toFixed(0)} s after the first join, with ${joined.size} of ${n} members joined; gave up`;
          process.stderr.write(`  ${why}\n`);
          return failedRow({ name, n, maxLinks, processes, note: why });
        }
      }
    }
    const final = await waitSettled(joined, WAVE_TIMEOUT_MS);
    const convergeS = (performance.now() - started) / 1000;
    // Chords settle after the rings: wait until the link count stops changing (bounded).
    let last = -1;
    for (let round = 0; round < 20; round++) {
      const total = (await statusOf(joined)).reduce((sum, status) => sum + status.linked.length, 0);
      if (total === last) break;
      last = total;
      await sleep(1000);
    }
    if (!final.ok) notes.push(`before broadcasting: ${final.why}`);
    const before = await statusOf(joined);
    const linksMean = before.reduce((sum, status) => sum + status.linked.length, 0) / before.length;
    const meshes = new Set(before.map((status) => status.mesh));
    process.stderr.write(`  ready after ${convergeS.toFixed(1)} s (+ settling): ${final.why}; links per peer mean ${linksMean.toFixed(1)}, mesh ${[...meshes].join('/')}\n`);

    await Promise.all(workers.map((worker) => worker.call({ type: 'reset' })));
    const senders = new Map<number, string>();
    for (let bid = 0; bid < BROADCASTS; bid++) {
      const from = order[Math.floor(random() * n)]!;
      senders.set(bid, from);
      await owner.get(from)!.call({ type: 'broadcast', from, bid });
      await sleep(SPACING_MS);
    }
    // Drain: collect until every pair has arrived, or 10 s more.
    let collected: Extract<Reply, { type: 'results' }>[] = [];
    const drainUntil = performance.now() + 10_000;
    while (true) {
      await sleep(1000);
      collected = (await Promise.all(workers.map((worker) => worker.call({ type: 'collect' })))).filter((reply): reply is Extract<Reply, { type: 'results' }> => reply.type === 'results');
      const deliveries = collected.reduce((sum, reply) => sum + reply.peers.reduce((s, peer) => s + peer.deliveries.length, 0), 0);
      if (deliveries >= BROADCASTS * (n - 1) || performance.now() > drainUntil) break;
    }
    const results: PeerResult[] = collected.flatMap((reply) => reply.peers);
    return summarize({ name, n, maxLinks, full, processes, convergeS, linksMean, senders, results, collected, notes, meshes });
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

function failedRow(run: { name: string; n: number; maxLinks: number; processes: number; note: string }): Row {
  return {
    ...run,
    mesh: 'full',
    convergeS: Number.NaN,
    linksMean: Number.NaN,
    maxLive: Number.NaN,
    maxConnected: Number.NaN,
    maxOpen: Number.NaN,
    openNow: Number.NaN,
    linksAfter: Number.NaN,
    expected: 0,
    missing: 0,
    duplicates: 0,
    p50: Number.NaN,
    p99: Number.NaN,
    max: Number.NaN,
    firstP50: Number.NaN,
    firstP99: Number.NaN,
    hopsMean: Number.NaN,
    hopsMax: Number.NaN,
    framesPerPeer: Number.NaN,
    framesMaxPeer: Number.NaN,
    rotations: 0,
    grafts: 0,
    rejected: 0,
    cpu: '—',
    loopP99: Number.NaN,
    failed: true,
  };
}

function summarize(run: {
  name: string;
  processes: number;
  n: number;
  maxLinks: number;
  full: boolean;
  convergeS: number;
  linksMean: number;
  senders: Map<number, string>;
  results: PeerResult[];
  collected: Extract<Reply, { type: 'results' }>[];
  notes: string[];
  meshes: Set<string>;
}): Row {
  const { n, senders, results } = run;
  const latency: number[] = [];
  const first: number[] = [];
  const hops: number[] = [];
  let missing = 0;
  let duplicates = 0;
  const violations: string[] = [];
  for (const peer of results) {
    const got = new Map<number, number>();
    for (const [bid, ms, firstMs, hopCount] of peer.deliveries) {
      got.set(bid, (got.get(bid) ?? 0) + 1);
      if (got.get(bid) === 1) {
        latency.push(ms);
        first.push(firstMs);
        hops.push(hopCount);
      }
    }
    for (const [bid, from] of senders) {
      const times = got.get(bid) ?? 0;
      if (from === peer.id) {
        if (times > 0) violations.push(`broadcast ${bid}: delivered to its own sender ${peer.id.slice(0, 8)} ${times}×`);
        duplicates += times;
        continue;
      }
      if (times === 0) {
        missing++;
        if (violations.length < 30) violations.push(`broadcast ${bid} from ${from.slice(0, 8)}: never reached ${peer.id.slice(0, 8)}`);
      }
      if (times > 1) {
        duplicates += times - 1;
        if (violations.length < 30) violations.push(`broadcast ${bid} from ${from.slice(0, 8)}: reached ${peer.id.slice(0, 8)} ${times}×`);
      }
    }
  }
  for (const line of violations) process.stderr.write(`  VIOLATION ${line}\n`);
  const errors = results.flatMap((peer) => peer.errors.map((error) => `${peer.id.slice(0, 8)} ${error}`));
  for (const line of errors.slice(0, 10)) process.stderr.write(`  room error: ${line}\n`);
  const troubles = describeEvents(results.map((peer) => peer.events));
  process.stderr.write(`  link troubles: ${troubles}\n`);
  const observations = results.flatMap((peer) => peer.observations);
  for (const line of observations.slice(0, 6)) process.stderr.write(`  over maxLinks: ${line}\n`);
  latency.sort((a, b) => a - b);
  first.sort((a, b) => a - b);
  const frames = results.map((peer) => (peer.framesSent + peer.direct) / senders.size);
  const cpu = run.collected.map((reply) => `${reply.cpuPercent.toFixed(0)}`).join('/');
  const loopP99 = Math.max(...run.collected.map((reply) => reply.loopDelayP99Ms));
  return {
    name: run.name,
    processes: run.processes,
    n,
    maxLinks: run.maxLinks,
    mesh: [...run.meshes].join('/'),
    convergeS: run.convergeS,
    linksMean: run.linksMean,
    maxLive: Math.max(...results.map((peer) => peer.maxLive)),
    maxConnected: Math.max(...results.map((peer) => peer.maxConnected)),
    maxOpen: Math.max(...results.map((peer) => peer.maxOpen)),
    openNow: Math.max(...results.map((peer) => peer.openNow)),
    linksAfter: results.reduce((sum, peer) => sum + peer.linkedNow, 0) / results.length,
    expected: senders.size * (n - 1),
    missing,
    duplicates,
    p50: percentile(latency, 50),
    p99: percentile(latency, 99),
    max: latency.at(-1) ?? Number.NaN,
    firstP50: percentile(first, 50),
    firstP99: percentile(first, 99),
    hopsMean: hops.reduce((a, b) => a + b, 0) / hops.length,
    hopsMax: Math.max(...hops),
    framesPerPeer: frames.reduce((a, b) => a + b, 0) / frames.length,
    framesMaxPeer: Math.max(...frames),
    rotations: results.reduce((sum, peer) => sum + peer.rotations, 0),
    grafts: results.reduce((sum, peer) => sum + peer.grafts, 0),
    rejected: results.reduce((sum, peer) => sum + peer.rejected, 0),
    cpu,
    loopP99,
    note: [...run.notes, ...(errors.length ? [`${errors.length} room errors`] : []), ...(troubles !== 'none' ? [`link troubles: ${troubles}`] : [])].join('; '),
  };
}

const server = await createServer({
  host: '127.0.0.1',
  port: 0,
  logLevel: 'error',
  // Every member connects from 127.0.0.1: the per-IP limits are raised to the load.
  limits: { maxSocketsPerIp: 1024, ipRate: 100_000, ipBurst: 200_000, socketRate: 1000, socketBurst: 2000 },
});
const rows: (Row & { round: number; load: number })[] = [];
const startLoad = loadavg();
/** Rounds that ended in an error (a worker that stopped answering): said in the summary, not only in the log. */
const lost: string[] = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, spec] of CONFIGS.entries()) {
      if (ROUNDS > 1) process.stderr.write(`\nround ${round}/${ROUNDS}`);
      const load = loadavg()[0]!;
      try {
        const row = await runConfig(server.url, spec, round * 100 + index);
        rows.push({ ...row, round, load });
        process.stderr.write(`  p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, missing ${row.missing}, duplicates ${row.duplicates}, max links ${row.maxLive}, frames/peer/broadcast ${row.framesPerPeer.toFixed(2)}, grafts ${row.grafts}, hops ${row.hopsMean.toFixed(1)}/${row.hopsMax}\n`);
      } catch (error) {
        process.stderr.write(`  ${spec} failed: ${(error as Error).message}\n`);
        lost.push(`- round ${round}, ${spec}: lost, not in the tables (${(error as Error).message})`);
      }
    }
  }
} finally {
  await server.close();
  clearTimeout(deadline);
}

const f1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
const f2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '—');
const median = (values: readonly number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[(sorted.length - 1) >> 1]! : Number.NaN;
};
console.log(`bench/room — broadcasts over real WebRTC (@roamhq/wrtc, Node ${process.version}), signaling server on 127.0.0.1, iceServers [];`);
console.log(`${BROADCASTS} broadcasts per configuration and round from random members, ${SPACING_MS} ms apart; ${ROUNDS} round(s), configurations interleaved;`);
console.log(`members spread over worker processes, ≤ ${PER_PROCESS} and ≤ ${CONNECTIONS_PER_PROCESS} RTCPeerConnections each. Load average at start ${startLoad.map(f2).join(' ')}, at end ${loadavg().map(f2).join(' ')}.`);
console.log('');
console.log('Every round:');
console.log('');
console.log('| round | configuration | worker processes | load avg (1 min) | links/peer mean (before / after) | max links (live / connected / open PCs) | deliveries | missing | duplicates | p50 ms | p99 ms | max ms | first frame p50 / p99 ms | hops mean / max | frames per peer per broadcast (mean / max peer) | grafts | worker CPU % | loop delay p99 ms | ready after s |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  if (row.failed) {
    console.log(`| ${row.round} | ${row.name} | ${row.processes} | ${f2(row.load)} | did not form | — | — | — | — | — | — | — | — | — | — | — | — | — | — |`);
    continue;
  }
  console.log(
    `| ${row.round} | ${row.name} | ${row.processes} | ${f2(row.load)} | ${f1(row.linksMean)} / ${f1(row.linksAfter)} | ${row.maxLive} / ${row.maxConnected} / ${row.maxOpen} | ${row.expected - row.missing}/${row.expected} | ${row.missing} | ${row.duplicates} | ${f1(row.p50)} | ${f1(row.p99)} | ${f1(row.max)} | ${f1(row.firstP50)} / ${f1(row.firstP99)} | ${f1(row.hopsMean)} / ${row.hopsMax} | ${f2(row.framesPerPeer)} / ${f2(row.framesMaxPeer)} | ${row.grafts} | ${row.cpu} | ${f1(row.loopP99)} | ${f1(row.convergeS)} |`,
  );
}
interface Summary {
  readonly name: string;
  readonly n: number;
  readonly maxLinks: number;
  readonly runs: number;
  readonly failed: number;
  readonly expected: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly maxLive: number;
  readonly maxOpen: number;
  readonly p50: number;
  readonly p99: number;
  readonly p99s: number[];
  readonly firstP99: number;
  readonly hops: number;
  readonly frames: number;
  readonly partial: boolean;
}
const summaries: Summary[] = [...new Set(rows.map((row) => row.name))].map((name) => {
  const all = rows.filter((row) => row.name === name);
  const ok = all.filter((row) => !row.failed);
  return {
    name,
    n: all[0]!.n,
    maxLinks: all[0]!.maxLinks,
    runs: ok.length,
    failed: all.length - ok.length,
    expected: ok.reduce((sum, row) => sum + row.expected, 0),
    missing: ok.reduce((sum, row) => sum + row.missing, 0),
    duplicates: ok.reduce((sum, row) => sum + row.duplicates, 0),
    maxLive: Math.max(...ok.map((row) => row.maxLive)),
    maxOpen: Math.max(...ok.map((row) => row.maxOpen)),
    p50: median(ok.map((row) => row.p50)),
    p99: median(ok.map((row) => row.p99)),
    p99s: ok.map((row) => row.p99),
    firstP99: median(ok.map((row) => row.firstP99)),
    hops: median(ok.map((row) => row.hopsMean)),
    frames: median(ok.map((row) => row.framesPerPeer)),
    partial: ok.some((row) => row.mesh.includes('partial')),
  };
});
const reference = summaries.find((summary) => summary.name === 'full mesh, 10 peers');
console.log('');
console.log(`Median over rounds (p99 range in brackets):`);
console.log('');
console.log('| configuration | rounds | deliveries (all rounds) | missing | duplicates | max links live / open PCs | p50 ms | p99 ms | first frame p99 ms | hops mean | frames per peer per broadcast | p99 ÷ full-10 p99 |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const summary of summaries) {
  if (!summary.runs) {
    console.log(`| ${summary.name} | 0 of ${summary.failed} formed | — | — | — | — | — | — | — | — | — | — |`);
    continue;
  }
  const range = summary.p99s.length > 1 ? ` (${f1(Math.min(...summary.p99s))}–${f1(Math.max(...summary.p99s))})` : '';
  console.log(
    `| ${summary.name} | ${summary.runs}${summary.failed ? ` (+${summary.failed} did not form)` : ''} | ${summary.expected - summary.missing}/${summary.expected} | ${summary.missing} | ${summary.duplicates} | ${summary.maxLive} / ${summary.maxOpen} | ${f1(summary.p50)} | ${f1(summary.p99)}${range} | ${summary.partial ? f1(summary.firstP99) : '—'} | ${f1(summary.hops)} | ${f2(summary.frames)} | ${reference ? f2(summary.p99 / reference.p99) : '—'}× |`,
  );
}
const notes = rows.filter((row) => row.note || row.rotations || row.rejected);
if (notes.length || lost.length) {
  console.log('');
  for (const line of lost) console.log(line);
  for (const row of notes) console.log(`- round ${row.round}, ${row.name}: ${[row.note, row.rotations ? `${row.rotations} link rotations` : '', row.rejected ? `${row.rejected} relay frames rejected` : ''].filter(Boolean).join('; ')}`);
}
console.log('');
for (const summary of summaries.filter((summary) => summary.n >= 60 && summary.partial)) {
  const once = summary.missing === 0 && summary.duplicates === 0;
  const ratio = reference ? summary.p99 / reference.p99 : Number.NaN;
  console.log(
    `Targets, ${summary.name}: exactly once ${once ? 'met' : `NOT met (${summary.missing} missing, ${summary.duplicates} duplicates)`}; ` +
      `p99 ≤ 3× full-10 p99 ${ratio <= 3 ? 'met' : 'NOT met'} (${f1(summary.p99)} vs ${f1(reference?.p99 ?? Number.NaN)} ms: ${f2(ratio)}×); ` +
      `links ≤ maxLinks ${summary.maxLive <= summary.maxLinks ? 'met' : 'NOT met'} (most a member had: ${summary.maxLive}; RTCPeerConnections open at once: ${summary.maxOpen}).`,
  );
}
if (PROFILE_DIR) printProfiles(PROFILE_DIR);
process.exit(0);
