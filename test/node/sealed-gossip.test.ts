// The gossip relay also runs in Node (virtual clients, bench peers on wrtc): a message for one peer
// is sealed there with Node's WebCrypto X25519, relayed, and opened by its recipient only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Identity } from '../../src/core/identity/identity.js';
import { Gossip } from '../../src/core/mesh/gossip.js';
import { envelopeText } from '../support/envelope-tamper.js';
import { identityNamed } from '../support/identities.js';

const ADDRESS = { ns: 'test.node-gossip', room: 'r' };

/** Peers in a line, each frame delivered on a later macrotask; what each relayed and delivered. */
function line(identities: readonly Identity[]) {
  const gossips = new Map<string, Gossip>();
  const handled = new Map<string, string[]>(identities.map((identity) => [identity.fingerprint, []]));
  const delivered = new Map<string, { from: string; data: string }[]>(identities.map((identity) => [identity.fingerprint, []]));
  identities.forEach((identity, at) => {
    const id = identity.fingerprint;
    const neighbors = [identities[at - 1], identities[at + 1]].filter((other): other is Identity => other !== undefined).map((other) => other.fingerprint);
    gossips.set(
      id,
      new Gossip({
        identity,
        address: ADDRESS,
        neighbors: () => neighbors,
        send: (to, frame) => {
          handled.get(id)!.push(frame);
          setImmediate(() => {
            handled.get(to)!.push(frame);
            gossips.get(to)!.receive(id, frame);
          });
          return true;
        },
        deliver: (from, data) => delivered.get(id)!.push({ from, data }),
        reject: (rejection) => assert.fail(`${rejection.code}: ${rejection.message}`),
        failed: (_to, data, reason) => assert.fail(`${data}: ${reason}`),
      }),
    );
  });
  return { gossips, handled, delivered };
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('a message for one peer, relayed between Node peers, is sealed: the relay reads none of it', async () => {
  const [ann, ben, cat] = await Promise.all(['n-ann', 'n-ben', 'n-cat'].map((name) => identityNamed(name)));
  const { gossips, handled, delivered } = line([ann!, ben!, cat!]);
  const secret = 'the key is under the third stone';
  gossips.get(ann!.fingerprint)!.send(secret, cat!.fingerprint);
  await until(() => delivered.get(cat!.fingerprint)!.length === 1);
  assert.deepEqual(delivered.get(cat!.fingerprint), [{ from: ann!.fingerprint, data: secret }]);
  const relayed = handled.get(ben!.fingerprint)!;
  assert.ok(relayed.length > 0);
  for (const frame of relayed) assert.ok(!envelopeText((JSON.parse(frame) as { e: string }).e).includes(secret));
  assert.deepEqual(delivered.get(ben!.fingerprint), []);
  for (const gossip of gossips.values()) gossip.close();
});
