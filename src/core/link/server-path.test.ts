import { expect } from 'chai';
import { PIECE_OVERHEAD, ServerPathError, ServerPathKey, type ServerPathCipher } from './server-path.js';

const ALICE = 'A'.repeat(40);
const BOB = 'B'.repeat(40);

async function agreed(): Promise<{ alice: ServerPathCipher; bob: ServerPathCipher }> {
  const [a, b] = await Promise.all([ServerPathKey.create(), ServerPathKey.create()]);
  const [alice, bob] = await Promise.all([a.agree(b.publicKey, { me: ALICE, remote: BOB, initiator: true }), b.agree(a.publicKey, { me: BOB, remote: ALICE, initiator: false })]);
  return { alice, bob };
}

async function codeOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'no error';
  } catch (error) {
    return error instanceof ServerPathError ? error.code : `other: ${(error as Error).message}`;
  }
}

const bytes = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 7) % 251);

describe('frames through the server (server-path)', () => {
  it('seals a frame into pieces no larger than asked, and opens them into the same frame', async () => {
    const { alice, bob } = await agreed();
    const frame = bytes(5000);
    const pieces = await alice.seal(frame, 1024);
    expect(pieces.length).to.equal(Math.ceil(5000 / (1024 - PIECE_OVERHEAD)));
    for (const piece of pieces) expect(piece.length).to.be.at.most(1024);
    const opened = [];
    for (const piece of pieces) opened.push(await bob.open(piece));
    expect(opened.slice(0, -1).every((part) => part === undefined)).to.equal(true);
    expect([...opened.at(-1)!]).to.deep.equal([...frame]);
  });

  it('carries an empty frame and frames both ways', async () => {
    const { alice, bob } = await agreed();
    const [empty] = await alice.seal(new Uint8Array(0), 1024);
    expect([...(await bob.open(empty!))!]).to.deep.equal([]);
    const [back] = await bob.seal(bytes(10), 1024);
    expect([...(await alice.open(back!))!]).to.deep.equal([...bytes(10)]);
  });

  it('refuses a replayed piece, a changed byte, and a piece sent back to its sender', async () => {
    const { alice, bob } = await agreed();
    const [first] = await alice.seal(bytes(10), 1024);
    await bob.open(first!);
    expect(await codeOf(bob.open(first!))).to.equal('replayed');
    const [second] = await alice.seal(bytes(10), 1024);
    const changed = second!.slice();
    changed[changed.length - 1]! ^= 1;
    expect(await codeOf(bob.open(changed))).to.equal('unauthenticated');
    // The server reflects alice's own piece at her: the other direction's key does not open it.
    expect(await codeOf(alice.open(second!))).to.equal('unauthenticated');
    // The genuine piece still opens: a refused one moved no counter.
    expect([...(await bob.open(second!))!]).to.deep.equal([...bytes(10)]);
  });

  it('does not let a forged sequence number push the counter on', async () => {
    const { alice, bob } = await agreed();
    const [piece] = await alice.seal(bytes(3), 1024);
    const forged = piece!.slice();
    new DataView(forged.buffer).setBigUint64(0, 1n << 60n);
    expect(await codeOf(bob.open(forged))).to.equal('unauthenticated');
    expect([...(await bob.open(piece!))!]).to.deep.equal([...bytes(3)]);
  });

  it('drops a frame that lost a piece, and opens the next whole one', async () => {
    const { alice, bob } = await agreed();
    const pieces = await alice.seal(bytes(2900), 1024);
    expect(pieces.length).to.equal(3);
    await bob.open(pieces[0]!);
    // The server dropped the middle piece.
    expect(await bob.open(pieces[2]!)).to.equal(undefined);
    const [next] = await alice.seal(bytes(20), 1024);
    expect([...(await bob.open(next!))!]).to.deep.equal([...bytes(20)]);
  });

  it('does not agree with a key from another pair of parties', async () => {
    const [a, b, mallory] = await Promise.all([ServerPathKey.create(), ServerPathKey.create(), ServerPathKey.create()]);
    const alice = await a.agree(b.publicKey, { me: ALICE, remote: BOB, initiator: true });
    // Mallory knows bob's public key but not his private one: what she seals for alice does not open.
    const fake = await mallory.agree(a.publicKey, { me: BOB, remote: ALICE, initiator: false });
    const [piece] = await fake.seal(bytes(5), 1024);
    expect(await codeOf(alice.open(piece!))).to.equal('unauthenticated');
  });

  it('refuses what is not a key, and a piece too short to be one', async () => {
    const a = await ServerPathKey.create();
    expect(await codeOf(a.agree('not a key', { me: ALICE, remote: BOB, initiator: true }))).to.equal('bad-key');
    // A low-order point gives no secret.
    expect(await codeOf(a.agree('A'.repeat(43), { me: ALICE, remote: BOB, initiator: true }))).to.equal('bad-key');
    const { bob } = await agreed();
    expect(await codeOf(bob.open(new Uint8Array(PIECE_OVERHEAD - 1)))).to.equal('malformed');
  });
});
