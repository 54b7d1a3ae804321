import { expect } from 'chai';
import { DTLS_RENEW_BEFORE_MS, dtlsCertificate } from './dtls-certificate.js';
import { browserStore } from '../platform/storage.js';
import { Room } from '../room/room.js';
import { MemorySignalingNetwork } from '../signaling/memory.js';
import { identityNamed } from '../../../test/support/identities.js';
import { nextEvent } from '../../../test/support/events.js';

const fingerprintOf = (certificate: RTCCertificate | undefined) => certificate?.getFingerprints()[0]?.value?.toLowerCase();

/** The same IndexedDB store opened again, as a new page of the same origin would. */
const storeNamed = (name: string) => browserStore(name, 'peerkit-test');

describe('DTLS certificate per identity', function () {
  this.timeout(30_000);

  it('is made once, kept in IndexedDB, and the same after a reload (a new page opens the store again)', async () => {
    const name = `certificates-${Math.random()}`;
    const first = await storeNamed(name);
    const made = await dtlsCertificate('a'.repeat(40), { store: first });
    expect(made).to.be.instanceOf(RTCCertificate);
    expect(await dtlsCertificate('a'.repeat(40), { store: first })).to.equal(made);
    const reloaded = await dtlsCertificate('a'.repeat(40), { store: await storeNamed(name) });
    expect(fingerprintOf(reloaded)).to.equal(fingerprintOf(made));
    // Another identity has its own.
    expect(fingerprintOf(await dtlsCertificate('b'.repeat(40), { store: first }))).to.not.equal(fingerprintOf(made));
  });

  it('is renewed once it is within a week of expiring, and the new one is kept', async () => {
    const name = `certificates-${Math.random()}`;
    const store = await storeNamed(name);
    // A certificate kept from before, six days from its end.
    const old = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256', expires: DTLS_RENEW_BEFORE_MS - 24 * 60 * 60 * 1000 } as EcKeyGenParams);
    await store.setItem('c'.repeat(40), old);
    const renewed = await dtlsCertificate('c'.repeat(40), { store });
    expect(fingerprintOf(renewed)).to.be.a('string').and.not.equal(fingerprintOf(old));
    expect(renewed!.expires - Date.now()).to.be.above(DTLS_RENEW_BEFORE_MS);
    expect(fingerprintOf(await dtlsCertificate('c'.repeat(40), { store: await storeNamed(name) }))).to.equal(fingerprintOf(renewed));
  });

  it("every link a room makes presents its identity's certificate", async () => {
    const network = new MemorySignalingNetwork();
    const [ann, ben, cid] = await Promise.all(['Ann', 'Ben', 'Cid'].map((person) => identityNamed(person)));
    const name = `dtls-${Math.random()}`;
    const rooms = [ann!, ben!, cid!].map((identity) => new Room({ identity, transport: network.connect(identity.fingerprint), ns: 'peerkit-test', room: name, prewarm: false }));
    try {
      for (const room of rooms) await room.join();
      const annRoom = rooms[0]!;
      while (annRoom.linked.length < 2) await nextEvent(annRoom, 'peer');
      const presented = await Promise.all(
        annRoom.linked.map(async (peer) => {
          const stats = await annRoom.linkStats(peer);
          const transport = [...(stats?.values() ?? [])].find((report: { type: string }) => report.type === 'transport') as { localCertificateId?: string } | undefined;
          return (stats?.get(transport?.localCertificateId ?? '') as { fingerprint?: string } | undefined)?.fingerprint?.toLowerCase();
        }),
      );
      const own = fingerprintOf(await dtlsCertificate(ann!.fingerprint));
      expect(own).to.be.a('string');
      expect(presented).to.deep.equal([own, own]);
    } finally {
      for (const room of rooms) await room.leave();
    }
  });
});
