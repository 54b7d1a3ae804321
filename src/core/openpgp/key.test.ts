import { expect } from 'chai';
import { readPrimaryPublicKey, readPublicKey } from './key.js';
import { decodePackets, PacketTag } from './packets.js';
import { identityNamed } from '../../../test/support/identities.js';

describe('OpenPGP public keys', () => {
  it('the primary-key reading (a server\'s, for proofs) gives the same key and id, no name, and keeps nothing of its input', async () => {
    const ann = await identityNamed('Ann');
    const full = await readPublicKey(ann.armoredPublicKey);
    const primary = await readPrimaryPublicKey(ann.armoredPublicKey);
    expect(full.name).to.equal('Ann');
    expect({ fingerprint: primary.fingerprint, keyId: [...primary.keyId], publicKey: [...primary.publicKey], created: primary.created }).to.deep.equal({
      fingerprint: full.fingerprint,
      keyId: [...full.keyId],
      publicKey: [...full.publicKey],
      created: full.created,
    });
    // User ids are neither read nor verified: no name, and only the primary key packet.
    expect(primary.name).to.equal('');
    expect(decodePackets(primary.packets, 8).map((packet) => packet.tag)).to.deep.equal([PacketTag.PublicKey]);
    // Copies, not views into the decoded key: a cached entry holds its own few bytes only.
    expect([primary.keyId.buffer.byteLength, primary.publicKey.buffer.byteLength]).to.deep.equal([8, 32]);
  });
});
