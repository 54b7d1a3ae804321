import { expect } from 'chai';
import { chatId } from './ids.js';
import { ChatHistory } from './history.js';
import { ChatSync, type ChatSyncEventMap } from './sync.js';
import { CHAT_CHANNEL } from './channel.js';
import { MAX_SEEN_PEERS, SEEN_INTERVAL_MS, SEEN_RECEIPT_BURST, SEEN_RECEIPTS_PER_SECOND, SeenLedger, SeenOutbox, type HeldMessages } from './seen-receipts.js';
import type { Identity } from '../identity/identity.js';
import { Room } from '../room/room.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import { memoryStore } from '../platform/storage.js';
import { utf8Encode } from '../util/bytes.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';
import { ManualClock } from '../../../test/support/manual-clock.js';

const ns = 'peerkit-test';
const author = 'a'.repeat(40);

describe('read receipts', function () {
  this.timeout(60_000);

  describe('sending', () => {
    it('sends at most one receipt a second, the newest marked, and never an older one', () => {
      const clock = new ManualClock();
      const sent: string[] = [];
      const outbox = new SeenOutbox((id) => sent.push(id), clock);
      const at = (ms: number) => chatId(clock.now() - 60_000 + ms, author, 0);
      const [first, second, third, older] = [at(1), at(2), at(3), at(0)];
      outbox.mark(first);
      expect(sent).to.deep.equal([first]);
      clock.advance(100);
      outbox.mark(second);
      outbox.mark(third);
      outbox.mark(older);
      expect(sent, 'waits for its second').to.deep.equal([first]);
      clock.advance(SEEN_INTERVAL_MS - 101);
      expect(sent).to.deep.equal([first]);
      clock.advance(1);
      expect(sent, 'coalesced into the newest').to.deep.equal([first, third]);
      outbox.mark(second);
      outbox.mark(third);
      clock.advance(10 * SEEN_INTERVAL_MS);
      expect(sent, 'nothing older or the same again').to.deep.equal([first, third]);
      expect(outbox.latest).to.equal(third);
      outbox.mark(at(4));
      outbox.close();
      expect(clock.pending).to.equal(0);
    });
  });

  describe('keeping', () => {
    const now = 1_800_000_000_000;
    const id = (ms: number, from = author) => chatId(now + ms, from, 0);
    function held(ids: string[]): HeldMessages & { ids: string[] } {
      return {
        ids,
        has: (candidate) => ids.includes(candidate),
        get newestId() {
          return ids.at(-1);
        },
      };
    }

    it('keeps each peer\'s newest receipt; answers who has seen a message', () => {
      let clock = now;
      const ledger = new SeenLedger(held([id(-3000), id(-2000), id(-1000)]), () => (clock += 1000));
      expect(ledger.receive('ben', id(-2000))).to.deep.equal({ seen: id(-2000) });
      expect(ledger.receive('cid', id(-1000))).to.deep.equal({ seen: id(-1000) });
      expect(ledger.receive('ben', id(-3000)), 'an older one changes nothing').to.equal('older');
      expect(ledger.seenBy(id(-3000))).to.have.members(['ben', 'cid']);
      expect(ledger.seenBy(id(-1000))).to.deep.equal(['cid']);
      // Not held, but older than the newest held (trimmed here, say): counts.
      expect(ledger.receive('ben', id(-1500))).to.deep.equal({ seen: id(-1500) });
      ledger.forget('cid');
      expect(ledger.seenBy(id(-3000))).to.deep.equal(['ben']);
    });

    it('a receipt for a message still on the way waits, one per peer, and counts once it is held', () => {
      const messages = held([id(-3000)]);
      let clock = now - 10_000;
      const ledger = new SeenLedger(messages, () => (clock += 1000));
      expect(ledger.receive('ben', id(-1000))).to.equal('waiting');
      expect(ledger.receive('ben', id(-2000))).to.equal('waiting');
      expect(ledger.seenBy(id(-3000))).to.deep.equal([]);
      expect(ledger.settle()).to.deep.equal([]);
      messages.ids.push(id(-2000));
      expect(ledger.settle()).to.deep.equal([]);
      messages.ids.push(id(-1000));
      expect(ledger.settle()).to.deep.equal([{ peer: 'ben', id: id(-1000) }]);
      expect(ledger.seenBy(id(-1000))).to.deep.equal(['ben']);
    });

    // The attack: a peer claims to have read a message dated far ahead, to stand "seen" for every
    // message anyone writes until then; or sends something that is no id at all.
    it('refuses a receipt dated beyond the clock skew, and one that is not an id', () => {
      const messages = held([id(-1000)]);
      const ledger = new SeenLedger(messages, () => now);
      const future = id(365 * 86_400_000);
      expect(ledger.receive('mallory', future)).to.deep.include({ refused: { code: 'future', reason: `receipt for ${future}, dated beyond the clock skew` } });
      expect(ledger.receive('mallory', 'zzzzzzzzz-not-an-id')).to.have.nested.property('refused.code', 'malformed');
      // Even once a message after it is held, the refused receipt does not count.
      messages.ids.push(id(400 * 86_400_000));
      expect(ledger.settle()).to.deep.equal([]);
      expect(ledger.seenBy(id(-1000))).to.deep.equal([]);
      // Within the skew is a fast clock, not an attack.
      expect(ledger.receive('ben', id(60_000))).to.deep.equal({ seen: id(60_000) });
    });

    // The attack: a peer steps through the history one id at a time, as fast as it can send, so
    // every view redraws its "seen by" marks for each.
    it(`hears a peer at most ${SEEN_RECEIPTS_PER_SECOND} receipts a second (burst ${SEEN_RECEIPT_BURST})`, () => {
      const ids = Array.from({ length: 50 }, (_, at) => id(-60_000 + at));
      let clock = now;
      const ledger = new SeenLedger(held(ids), () => clock);
      const outcomes = ids.map((receipt) => ledger.receive('mallory', receipt));
      expect(outcomes.filter((outcome) => typeof outcome === 'object' && 'seen' in outcome).length).to.equal(SEEN_RECEIPT_BURST);
      expect(outcomes.at(-1)).to.have.nested.property('refused.code', 'rate-limited');
      // Others are not held back by it, and a second later the peer is heard again.
      expect(ledger.receive('ben', ids.at(-1))).to.deep.equal({ seen: ids.at(-1) });
      clock += 1000 / SEEN_RECEIPTS_PER_SECOND;
      expect(ledger.receive('mallory', ids.at(-1))).to.deep.equal({ seen: ids.at(-1) });
    });

    it(`holds at most ${MAX_SEEN_PEERS} peers' receipts, however many peers send one`, () => {
      const ledger = new SeenLedger(held([id(-1000)]), () => now);
      for (let peer = 0; peer < MAX_SEEN_PEERS + 500; peer++) ledger.receive(`peer-${peer}`, id(-1000));
      expect(ledger.seenBy(id(-1000)).length).to.equal(MAX_SEEN_PEERS);
    });
  });

  describe('between rooms', () => {
    let people: Identity[];

    before(async () => {
      people = await Promise.all(['Ann', 'Ben', 'Cid'].map((name) => identityNamed(name)));
    });

    interface Peer {
      identity: Identity;
      room: Room;
      sync: ChatSync;
      history: ChatHistory;
    }

    async function join(network: MemorySignalingNetwork, identity: Identity, roomName: string): Promise<Peer> {
      const room = new Room({ identity, transport: network.connect(identity.fingerprint), ns, room: roomName, prewarm: false });
      const history = await ChatHistory.open({ ns, room: roomName, store: memoryStore() });
      const sync = new ChatSync({ identity, channel: room, history });
      await room.join();
      return { identity, room, sync, history };
    }

    async function linked(a: Peer, b: Peer): Promise<void> {
      while (a.room.linkState(b.identity.fingerprint) !== 'connected') await nextEvent(a.room, 'peer');
      while (b.room.linkState(a.identity.fingerprint) !== 'connected') await nextEvent(b.room, 'peer');
    }

    async function stored(peer: Peer, id: string): Promise<void> {
      while (!peer.history.has(id)) await nextEvent(peer.sync, 'message');
    }

    const seenOf = (peer: Peer, reader: Peer, id: string) => nextEvent<ChatSyncEventMap['seen']['detail']>(peer.sync, 'seen', (detail) => detail.peer === reader.identity.fingerprint && detail.id === id);

    it('a reader\'s receipt reaches the room, and a peer that links later is told it', async () => {
      const network = new MemorySignalingNetwork();
      const roomName = `seen-${Math.random()}`;
      const [ann, ben] = [await join(network, people[0]!, roomName), await join(network, people[1]!, roomName)];
      await linked(ann, ben);
      const message = await ann.sync.send('read me');
      await stored(ben, message.id);
      const heard = seenOf(ann, ben, message.id);
      ben.sync.markSeen(message.id);
      await heard;
      expect(ann.sync.seenBy(message.id)).to.deep.equal([ben.identity.fingerprint]);
      expect(() => ben.sync.markSeen('not an id')).to.throw().with.property('code', 'bad-id');

      const cid = await join(network, people[2]!, roomName);
      const told = seenOf(cid, ben, message.id);
      await stored(cid, message.id);
      await told;
      expect(cid.sync.seenBy(message.id)).to.include(ben.identity.fingerprint);
      // Ben leaves: his receipt goes with him.
      const gone = nextEvent(ann.room, 'peer-disconnect');
      ben.sync.close();
      await ben.room.leave();
      await gone;
      expect(ann.sync.seenBy(message.id)).to.deep.equal([]);
      for (const peer of [ann, cid]) {
        peer.sync.close();
        await peer.room.leave();
      }
    });

    // The attack's shape: in a partial mesh a relay can sign receipts with throwaway keys, which the
    // room lists nowhere; they must not push real readers out of the bounded ledger.
    it('counts receipts from members only: a signer the room does not list is not heard', async () => {
      const network = new MemorySignalingNetwork();
      const roomName = `seen-${Math.random()}`;
      const [ann, ben] = [await join(network, people[0]!, roomName), await join(network, people[1]!, roomName)];
      // Beside Ben's own chat, one that sees Ben's room without Ann in it.
      const withoutAnn = {
        channel: (name: string) => ben.room.channel(name),
        addEventListener: ben.room.addEventListener.bind(ben.room),
        removeEventListener: ben.room.removeEventListener.bind(ben.room),
        dispatchEvent: ben.room.dispatchEvent.bind(ben.room),
        send: (to: string, data: string) => ben.room.send(to, data),
        broadcast: (data: string) => ben.room.broadcast(data),
        get peers() {
          return ben.room.peers.filter((id) => id !== ann.identity.fingerprint);
        },
      };
      const unlistedHistory = await ChatHistory.open({ ns, room: roomName, store: memoryStore() });
      const unlisted = new ChatSync({ identity: ben.identity, channel: withoutAnn, history: unlistedHistory });
      await linked(ann, ben);
      const message = await ann.sync.send('read me');
      await stored(ben, message.id);
      while (!unlistedHistory.has(message.id)) await nextEvent(unlisted, 'message');
      const heard = seenOf(ben, ann, message.id);
      ann.sync.markSeen(message.id);
      await heard;
      // Both heard the same frame (one channel, one dispatch): only the chat that lists Ann counts it.
      expect(ben.sync.seenBy(message.id)).to.deep.equal([ann.identity.fingerprint]);
      expect(unlisted.seenBy(message.id)).to.deep.equal([]);
      for (const sync of [ann.sync, ben.sync, unlisted]) sync.close();
      await Promise.all([ann.room.leave(), ben.room.leave()]);
    });

    // The attack: Mallory, a member, says Ann has read a message (a receipt naming Ann), and says she
    // herself read one dated a year ahead.
    it('a receipt counts for its sender only, and one dated far ahead is refused', async () => {
      const network = new MemorySignalingNetwork();
      const roomName = `seen-${Math.random()}`;
      const [ann, ben, mallory] = [await join(network, people[0]!, roomName), await join(network, people[1]!, roomName), await join(network, people[2]!, roomName)];
      await linked(ben, mallory);
      await linked(ann, ben);
      const message = await ben.sync.send('did Ann read this?');
      const later = await ben.sync.send('and this?');
      await stored(mallory, later.id);
      mallory.sync.close();
      const raw = (frame: unknown) => void mallory.room.channel(CHAT_CHANNEL).send(ben.identity.fingerprint, utf8Encode(JSON.stringify(frame)));
      const refusals: string[] = [];
      ben.sync.on('rejected', ({ from, code }) => from === mallory.identity.fingerprint && refusals.push(code));
      const seen: string[] = [];
      ben.sync.on('seen', ({ peer }) => seen.push(peer));
      raw({ t: 'chat-seen', id: chatId(Date.now() + 365 * 86_400_000, mallory.identity.fingerprint, 0) });
      raw({ t: 'chat-seen', id: message.id, by: ann.identity.fingerprint });
      raw({ t: 'chat-seen', id: message.id, peer: ann.identity.fingerprint });
      // Her own receipt, for a later message and sent last: the frames before it have been read once it counts.
      const last = seenOf(ben, mallory, later.id);
      raw({ t: 'chat-seen', id: later.id });
      await last;
      expect(refusals).to.deep.equal(['future']);
      expect(seen).to.deep.equal([mallory.identity.fingerprint]);
      expect(ben.sync.seenBy(message.id)).to.deep.equal([mallory.identity.fingerprint]);
      for (const peer of [ann, ben]) peer.sync.close();
      await Promise.all([ann, ben, mallory].map((peer) => peer.room.leave()));
    });
  });
});
