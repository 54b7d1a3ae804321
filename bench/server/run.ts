/**
 * bench/server: peerkit's signaling server side by side with PeerJS's server (`peer`) and the
 * y-webrtc signaling server, each in its own process on 127.0.0.1, driven by the same bounded
 * load generator (this process):
 *   - throughput: 1 KB relayed messages per second, 50 sender→receiver pairs, 32 in flight each;
 *   - latency: p50/p99 relay latency at a fixed 5,000 msg/s (50 pairs × 100/s, 3 s);
 *   - memory: server RSS growth per 1,000 connected sockets (joined / registered / subscribed);
 * and peerkit's join-proof verification cost. Usage: npm run bench:server
 * (env: ONLY=<name prefix> one server; ROUNDS=3; SEMI_SPACE_MB caps V8's young generation for
 * every server; HEAP_STATS_FILE=<file> prints the servers' heap spaces before and after the
 * sockets join; HEAP_SNAPSHOT_DIR=<dir> writes heap snapshots there, 0 and 1 per round — compare
 * them with heap-diff.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import type { EnvelopeSigner } from '../../src/core/envelope/envelope.js';
import { sealJoinProof, serverName, verifyJoinProof } from '../../src/core/envelope/join-proof.js';
import { ReplayGuard } from '../../src/core/envelope/replay-guard.js';
import { useCryptoProvider } from '../../src/core/crypto/provider.js';
import { nodeCryptoProvider } from '../../src/server/node-crypto.js';
import { freePort } from '../../test/support/redis.js';
import { Identity } from '../../src/core/identity/identity.js';
import { memoryStore } from '../../src/core/platform/storage.js';

// As the server does: Node's own crypto for proofs, here and in the server process.
useCryptoProvider(nodeCryptoProvider);

const PAYLOAD = 'x'.repeat(1024);
const PAIRS = 50;

/**
 * One side of a relay pair. After setup only relayed frames arrive, so the generator counts
 * them without parsing, and sends one pre-serialised frame: the load generator shares the
 * machine with the server and must stay cheaper than it.
 */
interface Endpoint {
  send(): void;
  onMessage(handler: () => void): void;
  close(): void;
}

interface Adapter {
  readonly name: string;
  readonly script: string;
  readonly preload?: string;
  pair(url: string, index: number): Promise<[Endpoint, Endpoint]>;
}

/** Frames that arrived before anyone asked for them (a server may greet in the same packet as the handshake). */
const early = new WeakMap<WebSocket, { buffered: Record<string, unknown>[]; collect(data: Buffer): void }>();

/** Setup is over: frames now go to the benchmark's own listeners only. */
function settled(socket: WebSocket): WebSocket {
  const entry = early.get(socket);
  if (entry) socket.off('message', entry.collect);
  early.delete(socket);
  return socket;
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const buffered: Record<string, unknown>[] = [];
    const collect = (data: Buffer) => buffered.push(JSON.parse(data.toString()) as Record<string, unknown>);
    early.set(socket, { buffered, collect });
    socket.on('message', collect);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function firstMessage(socket: WebSocket, type: string): Promise<Record<string, unknown>> {
  const buffered = early.get(socket)?.buffered ?? [];
  const at = buffered.findIndex((frame) => frame.type === type);
  if (at >= 0) return Promise.resolve(buffered.splice(at, 1)[0]!);
  return new Promise((resolve) => {
    const listener = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (frame.type === type) {
        socket.off('message', listener);
        // The collector saw it too.
        const stale = buffered.findIndex((other) => other.type === type);
        if (stale >= 0) buffered.splice(stale, 1);
        resolve(frame);
      }
    };
    socket.on('message', listener);
  });
}

const identities: EnvelopeSigner[] = [];
async function identity(index: number): Promise<EnvelopeSigner> {
  while (identities.length <= index) identities.push(await Identity.create({ name: `bench-${identities.length}`, store: memoryStore() }));
  return identities[index]!;
}

const peerkit: Adapter = {
  name: 'peerkit',
  script: 'bench/server/servers/peerkit.mjs',
  async pair(url, index) {
    const ns = 'bench';
    const room = `pair-${index}`;
    const join = async (who: EnvelopeSigner) => {
      const socket = await open(`${url.replace('http', 'ws')}/ws`);
      const hello = await firstMessage(socket, 'hello');
      const peers = firstMessage(socket, 'peers');
      socket.send(JSON.stringify({ type: 'join', ns, room, id: who.fingerprint, proof: await sealJoinProof(who, { ns, room, challenge: hello.challenge as string, server: serverName(url) }), mode: 'mesh' }));
      await peers;
      return socket;
    };
    const [a, b] = [await identity(index * 2), await identity(index * 2 + 1)];
    const [sa, sb] = [settled(await join(a)), settled(await join(b))];
    const endpoint = (socket: WebSocket, to: string): Endpoint => {
      const frame = JSON.stringify({ type: 'signal', ns, room, to, env: PAYLOAD });
      return { send: () => socket.send(frame), onMessage: (handler) => socket.on('message', handler), close: () => socket.close() };
    };
    return [endpoint(sa, b.fingerprint), endpoint(sb, a.fingerprint)];
  },
};

const peerjs: Adapter = {
  name: 'PeerJS server (peer 1.0.2)',
  script: 'bench/server/servers/peerjs.mjs',
  async pair(url, index) {
    const connect = async (id: string) => {
      const socket = await open(`${url.replace('http', 'ws')}/peerjs?key=peerjs&id=${id}&token=t${id}`);
      await firstMessage(socket, 'OPEN');
      return socket;
    };
    const [ida, idb] = [`a${index}x${Date.now()}`, `b${index}x${Date.now()}`];
    const [sa, sb] = [settled(await connect(ida)), settled(await connect(idb))];
    const endpoint = (socket: WebSocket, dst: string): Endpoint => {
      const frame = JSON.stringify({ type: 'CANDIDATE', dst, payload: { candidate: PAYLOAD } });
      return { send: () => socket.send(frame), onMessage: (handler) => socket.on('message', handler), close: () => socket.close() };
    };
    return [endpoint(sa, idb), endpoint(sb, ida)];
  },
};

const yWebrtc: Adapter = {
  name: 'y-webrtc signaling (10.3.0)',
  script: 'bench/server/servers/y-webrtc.mjs',
  preload: 'bench/support/loopback-only.mjs',
  async pair(url, index) {
    const topic = `pair-${index}`;
    const connect = async () => {
      const socket = await open(url.replace('http', 'ws'));
      socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
      return socket;
    };
    const [sa, sb] = [await connect(), await connect()];
    // Subscriptions are not acknowledged: a ping round trip orders them before the first publish.
    for (const socket of [sa, sb]) {
      const pong = firstMessage(socket, 'pong');
      socket.send(JSON.stringify({ type: 'ping' }));
      await pong;
      settled(socket);
    }
    const endpoint = (socket: WebSocket, receiverOnly: boolean): Endpoint => {
      const frame = JSON.stringify({ type: 'publish', topic, data: PAYLOAD });
      return {
        send: () => socket.send(frame),
        // y-webrtc echoes a publish to its sender too; only the partner counts it.
        onMessage: (handler) => socket.on('message', () => receiverOnly && handler()),
        close: () => socket.close(),
      };
    };
    return [endpoint(sa, false), endpoint(sb, true)];
  },
};

async function startServer(adapter: Adapter): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const args = [
    ...(process.env.CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROFILE_DIR}`] : []),
    // Same V8 flags for every server: SEMI_SPACE_MB caps the young generation, which otherwise
    // grows with the allocation rate and dominates RSS at 1,000 sockets.
    ...(process.env.SEMI_SPACE_MB ? [`--max-semi-space-size=${process.env.SEMI_SPACE_MB}`] : []),
    '--expose-gc', '--import', './bench/support/gc-on-signal.mjs', ...(adapter.preload ? ['--import', `./${adapter.preload}`] : []), adapter.script];
  const child = spawn(process.execPath, args, { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${adapter.name} did not start`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

/** With HEAP_STATS_FILE: the server's memory as its last settled collection left it (gc-on-signal.mjs writes it). */
function printHeapStats(): void {
  if (!process.env.HEAP_STATS_FILE) return;
  const stats = JSON.parse(readFileSync(process.env.HEAP_STATS_FILE, 'utf8')) as { rss: number; external: number; spaces: Record<string, { size: number; used: number }> };
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const { new_space: young, old_space: old, code_space: code } = stats.spaces;
  process.stdout.write(`  heap: RSS ${mb(stats.rss)} MB; young generation ${mb(young!.size)} MB reserved; old ${mb(old!.used)} MB used of ${mb(old!.size)}; code ${mb(code!.size)}; outside the heap ${mb(stats.external)}\n`);
}

/** RSS after a full collection in the server process. */
async function settledRssMb(child: ChildProcess): Promise<number> {
  child.kill('SIGUSR2');
  await sleep(500);
  return rssMb(child.pid!);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function throughput(pairs: [Endpoint, Endpoint][], perSender: number, window: number): Promise<number> {
  let received = 0;
  const total = pairs.length * perSender;
  const start = performance.now();
  await Promise.race([
    Promise.all(
      pairs.map(
        ([sender, receiver]) =>
          new Promise<void>((resolve) => {
            let sent = 0;
            let got = 0;
            const pump = () => {
              while (sent < perSender && sent - got < window) {
                sender.send();
                sent++;
              }
            };
            receiver.onMessage(() => {
              got++;
              received++;
              if (got === perSender) resolve();
              else pump();
            });
            pump();
          }),
      ),
    ),
    sleep(30_000),
  ]);
  const seconds = (performance.now() - start) / 1000;
  if (received < total) console.warn(`  throughput run stopped at the time bound: ${received}/${total}`);
  return received / seconds;
}

async function latency(pairs: [Endpoint, Endpoint][], ratePerPair: number, seconds: number): Promise<{ p50: number; p99: number; count: number }> {
  const samples: number[] = [];
  await Promise.all(
    pairs.map(async ([sender, receiver], index) => {
      const sentAt: number[] = [];
      let next = 0;
      receiver.onMessage(() => samples.push(performance.now() - sentAt[next++]!));
      const total = ratePerPair * seconds;
      const start = performance.now() + (index / pairs.length) * (1000 / ratePerPair);
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / ratePerPair;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        sentAt.push(performance.now());
        sender.send();
      }
    }),
  );
  await sleep(1000);
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length * 0.5)]!, p99: samples[Math.floor(samples.length * 0.99)]!, count: samples.length };
}

async function measure(adapter: Adapter) {
  const server = await startServer(adapter);
  try {
    // Memory first, on the fresh process: a load phase before would leave its heap grown.
    process.stdout.write('  memory…\n');
    const before = await settledRssMb(server.child);
    printHeapStats();
    const held: [Endpoint, Endpoint][] = [];
    for (let i = 0; i < 500; i++) held.push(await adapter.pair(server.url, 1000 + i));
    await sleep(1000);
    const perThousand = (await settledRssMb(server.child)) - before;
    printHeapStats();
    for (const [a, b] of held) {
      a.close();
      b.close();
    }
    // Let the server finish 1,000 departures before timing anything.
    await sleep(2000);
    const pairs: [Endpoint, Endpoint][] = [];
    for (let i = 0; i < PAIRS; i++) pairs.push(await adapter.pair(server.url, i));
    process.stdout.write('  throughput…\n');
    const rate = await throughput(pairs, 400, 32);
    process.stdout.write('  latency…\n');
    const lat = await latency(pairs, 5000 / PAIRS, 3);
    for (const [a, b] of pairs) {
      a.close();
      b.close();
    }
    return { name: adapter.name, rate, p50: lat.p50, p99: lat.p99, latencySamples: lat.count, rssPerThousand: perThousand };
  } finally {
    await server.stop();
  }
}

async function joinProofCost(): Promise<{ firstContactMs: number; repeatMs: number }> {
  const signer = await Identity.create({ name: 'proof-bench', store: memoryStore() });
  const strangers = await Promise.all(Array.from({ length: 200 }, (_, i) => Identity.create({ name: `stranger-${i}`, store: memoryStore() })));
  const time = async (who: EnvelopeSigner[]) => {
    const samples: number[] = [];
    for (const [index, one] of who.entries()) {
      const challenge = `challenge-${index}-${Math.random()}`;
      const proof = await sealJoinProof(one, { ns: 'bench', room: 'r', challenge, server: 'bench.invalid' });
      const start = performance.now();
      await verifyJoinProof(proof, { ns: 'bench', room: 'r', id: one.fingerprint, challenge, servers: new Set(['bench.invalid']) }, new ReplayGuard());
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return samples[samples.length >> 1]!;
  };
  await time(strangers.slice(0, 20));
  return { firstContactMs: await time(strangers.slice(20)), repeatMs: await time(Array.from({ length: 200 }, () => signer)) };
}

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const adapters = [peerkit, peerjs, yWebrtc].filter((adapter) => !process.env.ONLY || adapter.name.startsWith(process.env.ONLY));
const runs = new Map<string, Awaited<ReturnType<typeof measure>>[]>(adapters.map((adapter) => [adapter.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order each round so no server always runs first (or on a warmer machine).
  for (const adapter of [...adapters.slice(round % adapters.length), ...adapters.slice(0, round % adapters.length)]) {
    process.stdout.write(`round ${round + 1}/${ROUNDS}: ${adapter.name}…\n`);
    runs.get(adapter.name)!.push(await measure(adapter));
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const results = adapters.map((adapter) => {
  const rounds = runs.get(adapter.name)!;
  return {
    name: adapter.name,
    rate: median(rounds.map((r) => r.rate)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    rssPerThousand: median(rounds.map((r) => r.rssPerThousand)),
  };
});
const proof = await joinProofCost();
const base = results[0]!;
console.log('');
console.log(`bench/server — Node ${process.version}, 1 KB messages, ${PAIRS} pairs, median of ${ROUNDS} interleaved rounds, V8 flags: ${process.env.SEMI_SPACE_MB ? `--max-semi-space-size=${process.env.SEMI_SPACE_MB}` : 'defaults'}`);
console.log('');
console.log('| server | relayed msg/s | p50 ms @5k/s | p99 ms @5k/s | RSS MB / 1000 sockets | peerkit msg/s ratio | peerkit p99 ratio | peerkit RSS ratio |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.name} | ${Math.round(r.rate)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.rssPerThousand.toFixed(1)} | ${(base.rate / r.rate).toFixed(2)}× | ${(base.p99 / r.p99).toFixed(2)}× | ${(base.rssPerThousand / r.rssPerThousand).toFixed(2)}× |`,
  );
}
console.log('');
console.log(`join-proof verification (median): ${proof.firstContactMs.toFixed(3)} ms for a key seen the first time, ${proof.repeatMs.toFixed(3)} ms for a known key`);
