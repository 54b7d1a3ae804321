import { expect } from 'chai';
import { ChatAuthor } from './chat.js';
import { ChatSync, type ChatSyncEventMap } from './chat-sync.js';
import { ChatHistory } from './history.js';
import type { Identity } from './identity.js';
import { Room } from './room.js';
import { MemorySignalingNetwork } from './signaling/memory.js';
import { memoryStore } from './storage.js';
import { identityNamed } from '../../test/support/identities.js';
import { nextEvent } from '../../test/support/events.js';

const ns = 'peerkit-test';

interface Peer {
  identity: Identity;
  room: Room;
  sync: ChatSync;
  history: ChatHistory;
}

describe('chat sync', function () {
  this.timeout(60_000);
  let people: Identity[];

  before(async () => {
    people = await Promise.all([identityNamed('Ann'), identityNamed('Ben'), identityNamed('Cid')]);
  });

  async function join(network: MemorySignalingNetwork, identity: Identity, roomName: string, history?: ChatHistory, now?: () => number): Promise<Peer> {
    const room = new Room({ identity, transport: network.connect(identity.fingerprint), ns, room: roomName, prewarm: false });
    const kept = history ?? (await ChatHistory.open({ ns, room: roomName, store: memoryStore() }));
    const sync = new ChatSync({ identity, channel: room, history: kept, ...(now ? { now } : {}) });
    await room.join();
    return { identity, room, sync, history: kept };
  }

  /** Resolves once every peer's history holds exactly `count` messages. */
  function converged(peers: Peer[], count: number): Promise<unknown> {
    return Promise.all(
      peers.map(async (peer) => {
        while (peer.history.size < count) await nextEvent(peer.sync, 'message');
      }),
    );
  }

  const ids = (peer: Peer) => peer.history.after(undefined).map((message) => message.id);

  it('three peers: one goes offline, messages flow, it returns and converges; skewed clocks agree on one order', async () => {
    const network = new MemorySignalingNetwork();
    const roomName = `sync-${Math.random()}`;
    // Ben's clock runs an hour behind: his messages sort earlier everywhere, the same way.
    const [ann, ben, cid] = [
      await join(network, people[0]!, roomName),
      await join(network, people[1]!, roomName, undefined, () => Date.now() - 3_600_000),
      await join(network, people[2]!, roomName),
    ];
    await Promise.all([ann, ben, cid].map((peer) => Promise.all([ann, ben, cid].filter((other) => other !== peer).map(async (other) => {
      while (peer.room.linkState(other.identity.fingerprint) !== 'connected') await nextEvent(peer.room, 'peer');
    }))));
    await ann.sync.send('one');
    await converged([ann, ben, cid], 1);

    // Cid goes offline; Ann and Ben talk meanwhile.
    cid.sync.close();
    await cid.room.leave();
    await ann.sync.send('two (Cid is away)');
    await ben.sync.send('three, from a slow clock');
    await converged([ann, ben], 3);

    // Cid returns with the history it kept and catches up from whoever it links with.
    const back = await join(network, people[2]!, roomName, cid.history);
    await converged([back], 3);
    expect(ids(back)).to.deep.equal(ids(ann));
    expect(ids(ben)).to.deep.equal(ids(ann));
    expect(back.history.after(undefined).map((message) => message.text)).to.deep.equal(['three, from a slow clock', 'one', 'two (Cid is away)']);
    for (const peer of [ann, ben, back]) {
      peer.sync.close();
      await peer.room.leave();
    }
  });

  it('refuses, and reports, a forged message passed on by a peer; duplicates are ignored', async () => {
    const network = new MemorySignalingNetwork();
    const roomName = `sync-${Math.random()}`;
    const [ann, ben] = [await join(network, people[0]!, roomName), await join(network, people[1]!, roomName)];
    while (ann.room.linkState(ben.identity.fingerprint) !== 'connected') await nextEvent(ann.room, 'peer');
    const sent = await ann.sync.send('original');
    await converged([ben], 1);
    const rejected = nextEvent(ben.sync, 'rejected') as Promise<ChatSyncEventMap['rejected']['detail']>;
    // Ann's link replays the same message (ignored) and a forged one with Ben's name on Ann's words.
    ann.room.send(ben.identity.fingerprint, JSON.stringify({ t: 'chat-messages', envs: [sent.env, sent.env.slice(0, -8) + 'AAAAAAAA'] }));
    const refusal = await rejected;
    expect(refusal.from).to.equal(ann.identity.fingerprint);
    expect(['bad-signature', 'malformed']).to.include(refusal.code);
    expect(ben.history.size).to.equal(1);

    // Cid's message passed on by Ann: with a key that is not Cid's it cannot verify; with Cid's it does.
    const cid = people[2]!;
    const fromCid = await new ChatAuthor(cid).compose({ ns, room: roomName, text: 'from Cid' });
    const wrongKey = nextEvent(ben.sync, 'rejected') as Promise<ChatSyncEventMap['rejected']['detail']>;
    ann.room.send(ben.identity.fingerprint, JSON.stringify({ t: 'chat-messages', envs: [fromCid.env], keys: { [cid.fingerprint]: ann.identity.exportPublicKey() } }));
    expect((await wrongKey).code).to.equal('unknown-signer');
    const stored = nextEvent(ben.sync, 'message') as Promise<ChatSyncEventMap['message']['detail']>;
    ann.room.send(ben.identity.fingerprint, JSON.stringify({ t: 'chat-messages', envs: [fromCid.env], keys: { [cid.fingerprint]: cid.exportPublicKey() } }));
    expect((await stored).message.text).to.equal('from Cid');
    expect(ben.history.keyOf(cid.fingerprint)).to.equal(cid.exportPublicKey());
    for (const peer of [ann, ben]) {
      peer.sync.close();
      await peer.room.leave();
    }
  });
});
