/**
 * A lying signaling server against a room's signal intake: signals under made-up senders by the
 * thousand, or by the thousand from one sender, each of which costs a check (signature, key
 * directory) before anything is known of the sender. The work in flight stays bounded, the drops
 * are reported as `flooded` once per burst, and a genuine peer still links afterwards.
 */
import { expect } from 'chai';
import { seal } from '../envelope/envelope.js';
import type { KeyDirectory } from '../envelope/trust.js';
import type { Identity } from '../identity/identity.js';
import { Keyring } from '../identity/keyring.js';
import type { LinkRejectionCode } from '../link/link.js';
import { MAX_WAITING_SIGNALS } from '../link/signals.js';
import { memoryStore } from '../platform/storage.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import type { RoomAddress } from '../signaling/transport.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';
import { LyingTransport } from '../../../test/support/lying-transport.js';
import { Room, type RoomEventMap } from './room.js';
import { SIGNAL_INTAKE_LIMITS } from './signal-intake.js';

const NS = 'peerkit-test';
const FLOOD = 2000;

/**
 * An address book (a user may bring their own) that answers on a later task, as IndexedDB does,
 * and counts the reads in flight: every check of an envelope without an attached key reads it.
 */
function countingKeys(inner: KeyDirectory) {
  const reads = { inFlight: 0, most: 0 };
  const keys: KeyDirectory = {
    async find(fingerprint) {
      reads.inFlight++;
      reads.most = Math.max(reads.most, reads.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 0));
        return await inner.find(fingerprint);
      } finally {
        reads.inFlight--;
      }
    },
    admit: (key, policy, now, context) => inner.admit(key, policy, now, context),
  };
  return { keys, reads };
}

type Rejection = RoomEventMap['signal-rejected']['detail'];

function rejections(room: Room): Rejection[] {
  const seen: Rejection[] = [];
  room.addEventListener('signal-rejected', (event) => seen.push(event.detail));
  return seen;
}

const withCode = (seen: readonly Rejection[], code: LinkRejectionCode) => seen.filter((rejection) => rejection.code === code);

async function until(room: Room, condition: () => boolean): Promise<void> {
  while (!condition()) await nextEvent(room, 'signal-rejected');
}

describe('SignalIntake under a lying server', function () {
  this.timeout(60_000);
  let mal: Identity;
  /** The offerer joins after the target, so it offers (the newer member does): its first signal reaches the target with no link there yet. */
  let offerer: Identity;
  let target: Identity;

  before(async () => {
    mal = await identityNamed('Mal');
    const pair = await Promise.all(['Ann', 'Ben'].map((name) => identityNamed(name)));
    [offerer, target] = pair as [Identity, Identity];
  });

  /** A real envelope from Mal to the target, without Mal's key: every check of it reads the address book. */
  const forgedFor = (address: RoomAddress) => seal(mal, { ...address, to: target.fingerprint, type: 'signal', body: { session: 'forged', signals: [] }, includeKey: false });

  async function targetRoom(address: RoomAddress, network: MemorySignalingNetwork) {
    const { keys, reads } = countingKeys(await Keyring.open({ store: memoryStore() }));
    const server = new LyingTransport(network, target.fingerprint);
    const room = new Room({ identity: target, transport: server, ...address, keys, prewarm: false });
    await room.join();
    return { room, server, reads, seen: rejections(room) };
  }

  it(`${FLOOD} signals under ${FLOOD} made-up senders: a few checks at a time, the rest dropped with one "flooded", and a genuine peer links afterwards`, async () => {
    const network = new MemorySignalingNetwork();
    const address = { ns: NS, room: 'made-up-senders' };
    const { room, server, reads, seen } = await targetRoom(address, network);
    const forged = await forgedFor(address);
    for (let i = 0; i < FLOOD; i++) server.forgeSignal(address, `made-up-${i}`, forged);
    // Each admitted one is checked and refused: Mal's key is nowhere.
    await until(room, () => withCode(seen, 'unknown-signer').length >= SIGNAL_INTAKE_LIMITS.waiting);
    expect(reads.most).to.equal(SIGNAL_INTAKE_LIMITS.checking);
    expect(withCode(seen, 'flooded').map(({ from }) => from)).to.deep.equal([`made-up-${SIGNAL_INTAKE_LIMITS.waiting}`]);
    expect(room.peers).to.deep.equal([]);

    // A genuine peer offers now: its signal is checked and it links.
    const genuine = new Room({ identity: offerer, transport: network.connect(offerer.fingerprint), ...address, prewarm: false });
    await genuine.join();
    while (room.linkState(offerer.fingerprint) !== 'connected') await nextEvent(room, 'peer');
    expect(room.peers).to.deep.equal([offerer.fingerprint]);
    expect(withCode(seen, 'unknown-signer')).to.have.length(SIGNAL_INTAKE_LIMITS.waiting);
    expect(seen).to.have.length(SIGNAL_INTAKE_LIMITS.waiting + 1);
    expect(reads.most).to.equal(SIGNAL_INTAKE_LIMITS.checking);
    // The backlog cleared: a second flood is a new burst, reported once more.
    for (let i = 0; i < FLOOD; i++) server.forgeSignal(address, `made-up-again-${i}`, forged);
    expect(withCode(seen, 'flooded')).to.have.length(2);
    await genuine.leave();
    await room.leave();
  });

  it(`${FLOOD} signals from one sender without a link: ${SIGNAL_INTAKE_LIMITS.perSender} wait to be checked, the rest dropped with one "flooded" per burst`, async () => {
    const network = new MemorySignalingNetwork();
    const address = { ns: NS, room: 'one-sender' };
    const { room, server, seen } = await targetRoom(address, network);
    const forged = await forgedFor(address);
    for (let i = 0; i < FLOOD; i++) server.forgeSignal(address, 'made-up', forged);
    await until(room, () => withCode(seen, 'unknown-signer').length >= SIGNAL_INTAKE_LIMITS.perSender);
    // The next one from it, once its backlog cleared, is handled after everything admitted before it.
    server.forgeSignal(address, 'made-up', 'AAAAnot-an-envelope');
    await until(room, () => withCode(seen, 'malformed').length > 0);
    expect(withCode(seen, 'unknown-signer')).to.have.length(SIGNAL_INTAKE_LIMITS.perSender);
    expect(withCode(seen, 'flooded').map(({ from }) => from)).to.deep.equal(['made-up']);
    // A genuine peer links meanwhile; then the sender floods again: a new burst, reported once more.
    const genuine = new Room({ identity: offerer, transport: network.connect(offerer.fingerprint), ...address, prewarm: false });
    await genuine.join();
    while (room.linkState(offerer.fingerprint) !== 'connected') await nextEvent(room, 'peer');
    for (let i = 0; i < FLOOD; i++) server.forgeSignal(address, 'made-up', forged);
    expect(withCode(seen, 'flooded').map(({ from }) => from)).to.deep.equal(['made-up', 'made-up']);
    await genuine.leave();
    await room.leave();
  });

  it(`${FLOOD} signals "from" a linked peer: its link checks at most ${MAX_WAITING_SIGNALS} at a time, one "flooded" is reported, and the link carries on`, async () => {
    const network = new MemorySignalingNetwork();
    const address = { ns: NS, room: 'linked-sender' };
    const { room, server, seen } = await targetRoom(address, network);
    const genuine = new Room({ identity: offerer, transport: network.connect(offerer.fingerprint), ...address, prewarm: false });
    await genuine.join();
    while (room.linkState(offerer.fingerprint) !== 'connected') await nextEvent(room, 'peer');
    const forged = await forgedFor(address);
    for (let i = 0; i < FLOOD; i++) server.forgeSignal(address, offerer.fingerprint, forged);
    await until(room, () => withCode(seen, 'unknown-signer').length >= MAX_WAITING_SIGNALS);
    server.forgeSignal(address, offerer.fingerprint, 'AAAAnot-an-envelope');
    await until(room, () => withCode(seen, 'malformed').length > 0);
    expect(withCode(seen, 'unknown-signer')).to.have.length(MAX_WAITING_SIGNALS);
    expect(withCode(seen, 'flooded').map(({ from }) => from)).to.deep.equal([offerer.fingerprint]);
    expect(room.linkState(offerer.fingerprint)).to.equal('connected');
    const heard = nextEvent<RoomEventMap['message']['detail']>(room, 'message');
    genuine.send(target.fingerprint, 'still linked');
    expect((await heard).data).to.equal('still linked');
    await genuine.leave();
    await room.leave();
  });
});
