import { expect } from 'chai';
import { inflateRaw } from 'pako';
import { ChatAuthor, type ChatMessage } from './message.js';
import { sliceOf } from './ids.js';
import { MAX_SEAL_DIGESTS, openSliceSeal, sealSlice } from './slice-seal.js';
import { verifyChatBatch, verifyChatBatchHere, type VerifyBatch, type VerifyOutcome } from './verify.js';
import { ENVELOPE_DICTIONARY_V1 } from '../envelope/dictionary.js';
import { decodePackets, encodePacket } from '../openpgp/packets.js';
import { readPublicKey } from '../openpgp/key.js';
import { concatBytes, fromBase64Url, toBase64Url } from '../util/bytes.js';
import type { Identity } from '../identity/identity.js';
import { identityNamed } from '../../../test/support/identities.js';

const where = { ns: 'peerkit-test', room: 'slice-seals' };

/**
 * The same signed message with its signature broken (one bit of its last MPI), in the envelope's
 * uncompressed form: it parses, and its own signature check fails.
 */
function withBrokenSignature(env: string): string {
  const bytes = fromBase64Url(env);
  const message = bytes[0] === 0x01 ? inflateRaw(bytes.subarray(1), { dictionary: ENVELOPE_DICTIONARY_V1 }) : bytes;
  const [signature, literal] = decodePackets(message, 8);
  const body = signature!.body.slice();
  body[body.length - 1]! ^= 0x01;
  return toBase64Url(concatBytes(encodePacket(signature!.tag, body), encodePacket(literal!.tag, literal!.body)));
}

async function compose(author: Identity, count: number, start = 1_700_000_000_000): Promise<ChatMessage[]> {
  const writer = new ChatAuthor(author);
  const made: ChatMessage[] = [];
  for (let i = 0; i < count; i++) made.push(await writer.compose({ ...where, text: `message ${i}`, now: start + i * 1000 }));
  return made;
}

const codes = (outcomes: readonly VerifyOutcome[]) => outcomes.map((outcome) => ('code' in outcome ? outcome.code : 'ok'));

describe('slice seals', function () {
  this.timeout(60_000);
  let ann: Identity;
  let ben: Identity;
  let keys: Record<string, string>;

  before(async () => {
    [ann, ben] = await Promise.all([identityNamed('Ann'), identityNamed('Ben')]);
    keys = { [ann.fingerprint]: ann.armoredPublicKey, [ben.fingerprint]: ben.armoredPublicKey };
  });

  it('a seal lists its author, slice and a digest of each envelope; it opens only in its own room', async () => {
    const messages = await compose(ann, 5);
    const slice = sliceOf(messages[0]!.id);
    const made = await sealSlice(ann, where, slice, messages.map((message) => message.env));
    expect(made).to.include({ from: ann.fingerprint, slice, count: 5 });
    const directory = { find: async (fingerprint: string) => (fingerprint === ann.fingerprint ? readPublicKey(ann.armoredPublicKey) : undefined), admit: async () => undefined };
    const opened = await openSliceSeal(made.env, { ...where, keys: directory });
    expect(opened.digests.size).to.equal(5);
    expect(opened.from).to.equal(ann.fingerprint);
    let refused: unknown;
    await openSliceSeal(made.env, { ...where, room: 'elsewhere', keys: directory }).catch((error: unknown) => (refused = error));
    expect(refused).to.have.property('code', 'wrong-room');
    // A chat message is not a seal.
    refused = undefined;
    await openSliceSeal(messages[0]!.env, { ...where, keys: directory }).catch((error: unknown) => (refused = error));
    expect(refused).to.have.property('code', 'malformed');
  });

  it('an envelope its author sealed is taken on the seal: its own signature is not checked again', async () => {
    const messages = await compose(ann, 3);
    // Only Ann can vouch for this: she lists the digest of an envelope of hers whose own signature is broken.
    const unsigned = withBrokenSignature(messages[1]!.env);
    const envs = [messages[0]!.env, unsigned, messages[2]!.env];
    const sealed = await sealSlice(ann, where, sliceOf(messages[0]!.id), envs);
    expect(codes((await verifyChatBatchHere({ ...where, envs, keys })).outcomes)).to.deep.equal(['ok', 'bad-signature', 'ok']);
    const withSeal = await verifyChatBatchHere({ ...where, envs, keys, seals: [sealed.env] });
    expect(codes(withSeal.outcomes)).to.deep.equal(['ok', 'ok', 'ok']);
    expect(withSeal.seals.map((seal) => seal.env)).to.deep.equal([sealed.env]);
  });

  it('attack: a member cannot vouch for another author — Ben sealing a broken envelope of Ann\'s changes nothing', async () => {
    const [message] = await compose(ann, 1);
    const forged = withBrokenSignature(message!.env);
    const bensSeal = await sealSlice(ben, where, sliceOf(message!.id), [forged]);
    const batch = await verifyChatBatchHere({ ...where, envs: [forged], keys, seals: [bensSeal.env] });
    expect(codes(batch.outcomes)).to.deep.equal(['bad-signature']);
  });

  it('attack: one altered message among sealed ones is still refused, and a forged seal is refused and reported', async () => {
    const messages = await compose(ann, 4);
    const envs = messages.map((message) => message.env);
    const sealed = await sealSlice(ann, where, sliceOf(messages[0]!.id), envs);
    const altered = withBrokenSignature(envs[2]!);
    // A relay swaps a byte of the seal's signature: it no longer verifies, so it vouches for nothing.
    const forgedSeal = withBrokenSignature(sealed.env);
    const batch = await verifyChatBatchHere({ ...where, envs: [envs[0]!, envs[1]!, altered, envs[3]!], keys, seals: [sealed.env, forgedSeal] });
    expect(codes(batch.outcomes)).to.deep.equal(['ok', 'ok', 'bad-signature', 'ok']);
    expect(batch.seals).to.have.length(1);
    expect(batch.refusedSeals.map((refusal) => refusal.code)).to.deep.equal(['bad-signature']);
  });

  it('a seal lists at most MAX_SEAL_DIGESTS; the messages past it are verified one by one', async () => {
    const [message] = await compose(ann, 1);
    const sealed = await sealSlice(ann, where, sliceOf(message!.id), Array.from({ length: MAX_SEAL_DIGESTS + 1 }, () => message!.env));
    expect(sealed.count).to.equal(MAX_SEAL_DIGESTS);
  });

  it('through the worker pool, a sealed batch gives what verifying here gives', async () => {
    const messages = [...(await compose(ann, 30)), ...(await compose(ben, 10, 1_700_000_000_500))];
    const envs = messages.map((message) => message.env);
    envs[7] = withBrokenSignature(envs[7]!);
    const seals: string[] = [];
    for (const [author, own] of [
      [ann, messages.slice(0, 30)],
      [ben, messages.slice(30)],
    ] as const) {
      for (const slice of new Set(own.map((message) => sliceOf(message.id)))) {
        // Ann's seals list her envelopes as she sent them: not the broken one.
        seals.push((await sealSlice(author, where, slice, own.filter((message) => sliceOf(message.id) === slice).map((message) => message.env))).env);
      }
    }
    const batch: VerifyBatch = { ...where, envs, keys, seals };
    const pooled = await verifyChatBatch(batch);
    expect(pooled.outcomes).to.deep.equal((await verifyChatBatchHere(batch)).outcomes);
    expect(codes(pooled.outcomes).filter((code) => code !== 'ok')).to.deep.equal(['bad-signature']);
    expect(pooled.seals).to.have.length(seals.length);
  });
});
