import { expect } from 'chai';
import { CHAT_CHANNEL } from './channel.js';
import { randomBytes, toBase64Url, utf8Decode, utf8Encode } from '../util/bytes.js';
import { ChatAuthor, type ChatError } from './message.js';
import { ReactionTally } from './reaction-tally.js';
import { ChatSync, type ChatSyncEventMap } from './sync.js';
import { ChatHistory } from './history.js';
import { sliceOf } from './ids.js';
import type { Identity } from '../identity/identity.js';
import { Room } from '../room/room.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import { memoryStore } from '../platform/storage.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';

const ns = 'peerkit-test';

interface Peer {
  identity: Identity;
  room: Room;
  sync: ChatSync;
  history: ChatHistory;
}

/** A chat frame as a hostile peer puts it on the chat channel: any JSON it likes. */
function sendChatFrame(room: Room, to: string, frame: unknown): void {
  void room.channel(CHAT_CHANNEL).send(to, utf8Encode(JSON.stringify(frame)));
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

  it('a reaction travels and is kept like a message: a peer that was away gets it, and every tally agrees', async () => {
    const network = new MemorySignalingNetwork();
    const roomName = `sync-${Math.random()}`;
    const [ann, ben] = [await join(network, people[0]!, roomName), await join(network, people[1]!, roomName)];
    while (ann.room.linkState(ben.identity.fingerprint) !== 'connected') await nextEvent(ann.room, 'peer');
    const question = await ann.sync.send('lunch?');
    await converged([ben], 1);
    const liked = await ben.sync.react(question.id, '👍');
    expect(liked.reaction).to.deep.equal({ to: question.id, emoji: '👍', on: true });
    expect(liked.text).to.equal('');
    await ben.sync.react(question.id, '🍕');
    await ben.sync.react(question.id, '👍', false);
    await converged([ann], 4);
    try {
      await ben.sync.react(question.id, 'yes');
      expect.fail('sent a reaction that is not an emoji');
    } catch (error) {
      expect((error as ChatError).code).to.equal('not-emoji');
    }
    const cid = await join(network, people[2]!, roomName);
    await converged([cid], 4);
    const talliesOf = (peer: Peer) => {
      const tally = new ReactionTally();
      tally.ingest(peer.history.after(undefined));
      return tally.of(question.id);
    };
    for (const peer of [ann, ben, cid]) expect(talliesOf(peer)).to.deep.equal([{ emoji: '🍕', authors: [ben.identity.fingerprint] }]);
    for (const peer of [ann, ben, cid]) {
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
    const rejected = nextEvent<ChatSyncEventMap['rejected']['detail']>(ben.sync, 'rejected');
    // Ann's link replays the same message (ignored) and a forged one with Ben's name on Ann's words.
    sendChatFrame(ann.room, ben.identity.fingerprint, { t: 'chat-messages', envs: [sent.env, sent.env.slice(0, -8) + 'AAAAAAAA'] });
    const refusal = await rejected;
    expect(refusal.from).to.equal(ann.identity.fingerprint);
    expect(['bad-signature', 'malformed']).to.include(refusal.code);
    expect(ben.history.size).to.equal(1);

    // Cid's message passed on by Ann: with a key that is not Cid's it cannot verify; with Cid's it does.
    const cid = people[2]!;
    const fromCid = await new ChatAuthor(cid).compose({ ns, room: roomName, text: 'from Cid' });
    const wrongKey = nextEvent<ChatSyncEventMap['rejected']['detail']>(ben.sync, 'rejected');
    sendChatFrame(ann.room, ben.identity.fingerprint, { t: 'chat-messages', envs: [fromCid.env], keys: { [cid.fingerprint]: ann.identity.exportPublicKey() } });
    expect((await wrongKey).code).to.equal('unknown-signer');
    const stored = nextEvent<ChatSyncEventMap['message']['detail']>(ben.sync, 'message');
    sendChatFrame(ann.room, ben.identity.fingerprint, { t: 'chat-messages', envs: [fromCid.env], keys: { [cid.fingerprint]: cid.exportPublicKey() } });
    expect((await stored).message.text).to.equal('from Cid');
    expect(ben.history.keyOf(cid.fingerprint)).to.equal(cid.exportPublicKey());
    for (const peer of [ann, ben]) {
      peer.sync.close();
      await peer.room.leave();
    }
  });

  it('history passed on by a peer that is not its author carries the author\'s slice seals; a bad seal is reported', async () => {
    const network = new MemorySignalingNetwork();
    const roomName = `sync-${Math.random()}`;
    const [ann, ben] = [await join(network, people[0]!, roomName), await join(network, people[1]!, roomName)];
    while (ann.room.linkState(ben.identity.fingerprint) !== 'connected') await nextEvent(ann.room, 'peer');
    const sent = [];
    for (const text of ['one', 'two', 'three']) sent.push(await ann.sync.send(text));
    await converged([ben], 3);
    const slices = new Set(sent.map((message) => sliceOf(message.id)));
    // Each push carried Ann's latest seal of its slice; Ben keeps the latest, listing all of hers there.
    const held = (peer: Peer) => [...slices].reduce((sum, slice) => sum + (peer.history.sealOf(ann.identity.fingerprint, slice)?.count ?? 0), 0);
    expect(held(ben)).to.equal(3);
    ann.sync.close();
    await ann.room.leave();

    // Cid arrives after Ann left: only Ben can give him her messages, and her seals come with them.
    const cid = await join(network, people[2]!, roomName);
    let sealsSeen = 0;
    cid.room.channel(CHAT_CHANNEL).on('message', ({ value }) => {
      const frame = JSON.parse(utf8Decode(value as Uint8Array)) as { t: string; seals?: string[] };
      if (frame.t === 'chat-messages') sealsSeen += frame.seals?.length ?? 0;
    });
    await converged([cid], 3);
    expect(sealsSeen).to.equal(slices.size);
    expect(held(cid)).to.equal(3);
    const rejected = nextEvent<ChatSyncEventMap['rejected']['detail']>(cid.sync, 'rejected');
    sendChatFrame(ben.room, cid.identity.fingerprint, { t: 'chat-messages', envs: [sent[0]!.env], seals: ['not a seal'] });
    const refusal = await rejected;
    expect(refusal.code).to.equal('malformed');
    expect(refusal.reason).to.match(/^slice seal: /);
    for (const peer of [ben, cid]) {
      peer.sync.close();
      await peer.room.leave();
    }
  });

  it('refuses messages dated beyond the clock skew that a peer pushes (history cannot be poisoned from the future)', async () => {
    const network = new MemorySignalingNetwork();
    const roomName = `sync-${Math.random()}`;
    const [ann, ben] = [await join(network, people[0]!, roomName), await join(network, people[1]!, roomName)];
    while (ann.room.linkState(ben.identity.fingerprint) !== 'connected') await nextEvent(ann.room, 'peer');
    const poison = await Promise.all([0, 1, 2].map((i) => new ChatAuthor(ann.identity).compose({ ns, room: roomName, text: `2500 #${i}`, now: Date.UTC(2500, 0, 1) + i })));
    const refusals: string[] = [];
    ben.sync.on('rejected', ({ code }) => refusals.push(code));
    sendChatFrame(ann.room, ben.identity.fingerprint, { t: 'chat-messages', envs: poison.map((message) => message.env), keys: { [ann.identity.fingerprint]: ann.identity.exportPublicKey() } });
    await ann.sync.send('a real one, after');
    await converged([ben], 1);
    expect(refusals).to.deep.equal(['future', 'future', 'future']);
    expect(ben.history.after(undefined).map((message) => message.text)).to.deep.equal(['a real one, after']);
    for (const peer of [ann, ben]) {
      peer.sync.close();
      await peer.room.leave();
    }
  });

  /** A history of `count` messages of about 1 KB each, stored in `peer`'s history. */
  async function fill(peer: Peer, roomName: string, count: number): Promise<void> {
    const author = new ChatAuthor(peer.identity);
    const start = Date.now() - 3_600_000;
    const made = [];
    // Random text: it does not deflate, so each envelope is about 1.3 KB.
    for (let i = 0; i < count; i++) made.push(await author.compose({ ns, room: roomName, text: `${i} ${toBase64Url(randomBytes(768))}`, now: start + i }));
    await peer.history.addKey(peer.identity.fingerprint, peer.identity.exportPublicKey());
    await peer.history.addMany(made);
  }

  // The attack: an empty summary costs its sender a few hundred bytes and made the answerer resend
  // its whole history, as often as it was asked.
  it('bounds what a peer\'s summaries can cost: answers are rate-limited and come out of a byte budget', async () => {
    const network = new MemorySignalingNetwork();
    const roomName = `sync-${Math.random()}`;
    const ann = await join(network, people[0]!, roomName);
    ann.sync.close();
    const limits = { peerBurstBytes: 400_000, peerBytesPerSecond: 1000, maxAnswerBytes: 400_000, summaryBurst: 4 };
    const guarded = new ChatSync({ identity: ann.identity, channel: ann.room, history: ann.history, limits });
    await fill(ann, roomName, 300);
    // Mallory is a plain member of the room speaking the chat frames by hand.
    const mallory = new Room({ identity: people[2]!, transport: network.connect(people[2]!.fingerprint), ns, room: roomName, prewarm: false });
    await mallory.join();
    while (mallory.linkState(ann.identity.fingerprint) !== 'connected') await nextEvent(mallory, 'peer');
    let bytesBack = 0;
    mallory.channel(CHAT_CHANNEL).on('message', ({ value }) => {
      const text = utf8Decode(value as Uint8Array);
      if (text.startsWith('{"t":"chat-messages"')) bytesBack += text.length;
    });
    let limited = 0;
    guarded.on('rejected', ({ code }) => code === 'rate-limited' && limited++);
    // Ann's app answers a marker sent after the summaries, on a channel of its own: one link, one
    // ordered data channel, and channel messages leave in the order they are sent, so every
    // summary has been read (and answered or refused) when the marker is.
    ann.room.channel('marker').on('message', () => ann.room.send(mallory.id, 'marker back'));
    const markerBack = nextEvent(mallory, 'message', (detail) => (detail as { data: string }).data === 'marker back');
    for (let i = 0; i < 40; i++) sendChatFrame(mallory, ann.identity.fingerprint, { t: 'chat-summary', buckets: {} });
    void mallory.channel('marker').send(ann.identity.fingerprint, 'marker');
    await markerBack;
    const history = ann.history.after(undefined).reduce((sum, message) => sum + message.env.length, 0);
    expect(history).to.be.above(300_000);
    // Without bounds: 40 × the whole history. With them: the burst, and what a second refills.
    expect(bytesBack).to.be.at.most(limits.peerBurstBytes + 10 * limits.peerBytesPerSecond);
    expect(limited).to.be.above(30);
    guarded.close();
    await mallory.leave();
    await ann.room.leave();
  });

  it('an answer cut short by its limit says "more", and an empty peer still converges in rounds', async () => {
    const network = new MemorySignalingNetwork();
    const roomName = `sync-${Math.random()}`;
    const ann = await join(network, people[0]!, roomName);
    ann.sync.close();
    const guarded = new ChatSync({ identity: ann.identity, channel: ann.room, history: ann.history, limits: { maxAnswerBytes: 100_000, continueAfterMs: 20 } });
    await fill(ann, roomName, 300);
    let rounds = 0;
    const ben = await join(network, people[1]!, roomName);
    ben.room.channel(CHAT_CHANNEL).on('message', ({ value }) => {
      if (utf8Decode(value as Uint8Array).includes('"more":"')) rounds++;
    });
    await converged([ben], 300);
    expect(rounds).to.be.at.least(2);
    expect(ids(ben)).to.deep.equal(ann.history.after(undefined).map((message) => message.id));
    guarded.close();
    ben.sync.close();
    await ben.room.leave();
    await ann.room.leave();
  });
});
