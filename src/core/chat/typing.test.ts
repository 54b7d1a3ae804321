/** The typing indicator between real rooms (WebRTC links), on time the tests move by hand. */
import { expect } from 'chai';
import type { Identity } from '../identity/identity.js';
import { Room } from '../room/room.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';
import { ManualClock } from '../../../test/support/manual-clock.js';
import { ChatTyping, TYPING_CHANNEL, TYPING_LIMITS, type ChatTypingEventMap } from './typing.js';

const NS = 'peerkit-test';
const MARKER = 'marker';

async function linkedPair(people: Identity[]): Promise<[Room, Room]> {
  const network = new MemorySignalingNetwork();
  const name = `typing-${Math.random()}`;
  const rooms = people.slice(0, 2).map((identity) => new Room({ identity, transport: network.connect(identity.fingerprint), ns: NS, room: name, prewarm: false })) as [Room, Room];
  for (const room of rooms) await room.join();
  const [ann, ben] = rooms;
  while (ann.linkState(ben.id) !== 'connected') await nextEvent(ann, 'peer');
  while (ben.linkState(ann.id) !== 'connected') await nextEvent(ben, 'peer');
  return rooms;
}

/**
 * What `from` sends on the typing channel, as `to` receives it, up to a marker `from` sends last:
 * a channel's messages from one peer arrive in order, so every frame before it has been handled.
 */
async function framesUpToMarker(from: Room, to: Room, send: () => void): Promise<unknown[]> {
  const heard: unknown[] = [];
  const off = to.channel(TYPING_CHANNEL).on('message', ({ value }) => heard.push(value));
  const marker = nextEvent(to.channel(TYPING_CHANNEL), 'message', (detail: { value: unknown }) => detail.value === MARKER);
  send();
  void from.channel(TYPING_CHANNEL).broadcast(MARKER);
  await marker;
  off();
  return heard.slice(0, -1);
}

describe('typing indicator', function () {
  this.timeout(60_000);
  let people: Identity[];

  before(async () => {
    people = await Promise.all(['Ann', 'Ben'].map((name) => identityNamed(name)));
  });

  it('a writer sends "typing" at most once per 3 s while typing, and "stopped" once', async () => {
    const [annRoom, benRoom] = await linkedPair(people);
    const clock = new ManualClock();
    const ann = new ChatTyping({ group: annRoom, clock });
    const ben = new ChatTyping({ group: benRoom, clock: new ManualClock() });
    const changes: (readonly string[])[] = [];
    ben.on('change', ({ peers }) => changes.push(peers));
    const heard = await framesUpToMarker(annRoom, benRoom, () => {
      for (let key = 0; key < 10; key++) {
        ann.typing();
        clock.advance(299);
      }
      clock.advance(10);
      ann.typing();
      ann.stopped();
      ann.stopped();
    });
    expect(heard).to.deep.equal(['typing', 'typing', 'stopped']);
    expect(changes).to.deep.equal([[annRoom.id], []]);
    for (const typing of [ann, ben]) typing.close();
    await Promise.all([annRoom.leave(), benRoom.leave()]);
  });

  it('a reader shows a peer typing until 6 s after its last frame (each frame renews it), or until it leaves', async () => {
    const [annRoom, benRoom] = await linkedPair(people);
    const annClock = new ManualClock();
    const benClock = new ManualClock();
    const ann = new ChatTyping({ group: annRoom, clock: annClock });
    const ben = new ChatTyping({ group: benRoom, clock: benClock });
    await framesUpToMarker(annRoom, benRoom, () => ann.typing());
    expect(ben.peers).to.deep.equal([annRoom.id]);
    benClock.advance(TYPING_LIMITS.expireAfterMs - 1);
    expect(ben.peers).to.deep.equal([annRoom.id]);
    annClock.advance(TYPING_LIMITS.sendEveryMs);
    await framesUpToMarker(annRoom, benRoom, () => ann.typing());
    benClock.advance(TYPING_LIMITS.expireAfterMs - 1);
    expect(ben.peers, 'renewed by the second frame').to.deep.equal([annRoom.id]);
    const expired = nextEvent<ChatTypingEventMap['change']['detail']>(ben, 'change');
    benClock.advance(1);
    expect((await expired).peers).to.deep.equal([]);

    annClock.advance(TYPING_LIMITS.sendEveryMs);
    await framesUpToMarker(annRoom, benRoom, () => ann.typing());
    expect(ben.peers).to.deep.equal([annRoom.id]);
    const left = nextEvent<ChatTypingEventMap['change']['detail']>(ben, 'change');
    ann.close();
    await annRoom.leave();
    expect((await left).peers).to.deep.equal([]);
    expect(benClock.pending, 'its expiry timer went with it').to.equal(0);
    ben.close();
    await benRoom.leave();
  });

  // The attack: a member puts anything it likes on the typing channel — other values, and a flood of
  // "typing"/"stopped" that would make every reader re-render the indicator as fast as it sends.
  it('refuses anything but the two frames, and does not hear a peer past its rate', async () => {
    const [malloryRoom, benRoom] = await linkedPair(people);
    const ben = new ChatTyping({ group: benRoom, clock: new ManualClock() });
    let changes = 0;
    ben.on('change', () => changes++);
    const raw = malloryRoom.channel(TYPING_CHANNEL);
    await framesUpToMarker(malloryRoom, benRoom, () => {
      for (const junk of [{ t: 'typing' }, 'TYPING', 'typing '.repeat(1000), ['typing'], new Uint8Array([1, 2, 3]), null]) void raw.broadcast(junk);
    });
    expect(ben.peers).to.deep.equal([]);
    expect(changes).to.equal(0);
    await framesUpToMarker(malloryRoom, benRoom, () => {
      for (let i = 0; i < 40; i++) void raw.broadcast(i % 2 ? 'stopped' : 'typing');
    });
    // No time passed on Ben's clock: the burst of "typing", and the "stopped" after each (free, but
    // it changes something only after a "typing" that paid), nothing more.
    expect(changes).to.equal(2 * TYPING_LIMITS.frameBurst);
    ben.close();
    await Promise.all([malloryRoom.leave(), benRoom.leave()]);
  });

  it('shows only members typing: frames signed by a key the room does not list are not heard (throwaway keys cannot fill the slots)', async () => {
    const [annRoom, benRoom] = await linkedPair(people);
    // Ben's view of a room that does not list Ann, as a relay's throwaway signer is listed nowhere.
    const withoutAnn = {
      channel: (name: string) => benRoom.channel(name),
      addEventListener: benRoom.addEventListener.bind(benRoom),
      get peers() {
        return benRoom.peers.filter((id) => id !== annRoom.id);
      },
    };
    const ann = new ChatTyping({ group: annRoom, clock: new ManualClock() });
    const ben = new ChatTyping({ group: withoutAnn, clock: new ManualClock() });
    const listed = new ChatTyping({ group: benRoom, clock: new ManualClock() });
    const heard = await framesUpToMarker(annRoom, benRoom, () => ann.typing());
    expect(heard).to.deep.equal(['typing']);
    expect(ben.peers).to.deep.equal([]);
    expect(listed.peers).to.deep.equal([annRoom.id]);
    for (const typing of [ann, ben, listed]) typing.close();
    await Promise.all([annRoom.leave(), benRoom.leave()]);
  });

  it('"stopped" is always heard, even past the sender\'s rate: a fast writer is never left "typing"', async () => {
    const [annRoom, benRoom] = await linkedPair(people);
    // Ben's clock stands still: the burst of tokens does not refill during the test.
    const ben = new ChatTyping({ group: benRoom, clock: new ManualClock() });
    const channel = annRoom.channel(TYPING_CHANNEL);
    const heard = await framesUpToMarker(annRoom, benRoom, () => {
      for (let frame = 0; frame < TYPING_LIMITS.frameBurst - 1; frame++) void channel.broadcast('stopped');
      void channel.broadcast('typing');
      void channel.broadcast('stopped');
    });
    expect(heard).to.have.length(TYPING_LIMITS.frameBurst + 1);
    expect(ben.peers).to.deep.equal([]);
    ben.close();
    await Promise.all([annRoom.leave(), benRoom.leave()]);
  });
});
