/**
 * bench/signaling: join → peers on each signaling backend, side by side in one run: the Node
 * server in memory, two Node processes over Redis, and the Cloudflare Worker's Durable Objects on
 * workerd (miniflare, offline). Each sample opens a socket, reads the hello, sends a join with a
 * fresh proof and times until the `peers` frame (proof made beforehand: the client's cost is not
 * the server's). Rounds alternate the backends; p50 and p90 per backend, and the ratio to Node.
 * Usage: npm run bench:signaling [-- --joins 200]
 */
import { sealJoinProof } from '../../src/core/envelope/join-proof.js';
import { Identity } from '../../src/core/identity/identity.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import { durableObjectBackend, nodeMemoryBackend, nodeRedisBackend, type SignalingBackend } from '../../test/support/signaling-backends.js';
import { TestClient } from '../../test/support/ws-client.js';

const joinsFlag = process.argv.indexOf('--joins');
const joins = joinsFlag > 0 ? Number(process.argv[joinsFlag + 1]) : 200;
const ns = 'bench-signaling';
const identity = await Identity.create({ name: 'bench', store: memoryStore() });

const backends: SignalingBackend[] = [await nodeMemoryBackend(), await nodeRedisBackend(), await durableObjectBackend()];
const samples = new Map<string, number[]>(backends.map((backend) => [backend.name, []]));

async function oneJoin(backend: SignalingBackend, round: number): Promise<number> {
  const room = `r${round}`;
  const client = await TestClient.connect(backend.serverUrl(round));
  const proof = await sealJoinProof(identity, { ns, room, challenge: client.challenge, server: client.server });
  const start = performance.now();
  client.send({ type: 'join', ns, room, id: identity.fingerprint, proof, mode: 'mesh' });
  await client.next('peers');
  const ms = performance.now() - start;
  await client.close();
  return ms;
}

try {
  for (let round = 0; round < joins + 10; round++) {
    for (const backend of round % 2 ? [...backends].reverse() : backends) {
      const ms = await oneJoin(backend, round);
      if (round >= 10) samples.get(backend.name)!.push(ms);
    }
  }
  const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * q)]!;
  const node = quantile(samples.get(backends[0]!.name)!, 0.5);
  console.log(`bench/signaling — join → peers, one socket per join, ${joins} joins per backend after 10 warm-ups, alternating`);
  console.log('');
  console.log('| backend | p50 ms | p90 ms | p50 / Node in memory |');
  console.log('|---|---|---|---|');
  for (const backend of backends) {
    const values = samples.get(backend.name)!;
    console.log(`| ${backend.name} | ${quantile(values, 0.5).toFixed(2)} | ${quantile(values, 0.9).toFixed(2)} | ${(quantile(values, 0.5) / node).toFixed(2)}× |`);
  }
} finally {
  for (const backend of backends) await backend.stop();
}
