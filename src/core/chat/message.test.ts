import { expect } from 'chai';
import { fromBase64Url, toBase64Url } from '../util/bytes.js';
import { ChatAuthor, ChatError, chatId, openChatMessage, type ChatErrorCode } from './message.js';
import { seal } from '../envelope/envelope.js';
import type { Identity } from '../identity/identity.js';
import { readPublicKey } from '../openpgp/key.js';
import type { KeyDirectory } from '../envelope/trust.js';
import { identityNamed } from '../../../test/support/identities.js';

const where = { ns: 'peerkit-test', room: 'chat' };

/** Messages do not carry their author's key: the reader looks it up here. */
function directoryOf(...identities: Identity[]): KeyDirectory {
  return {
    find: async (fingerprint) => {
      const identity = identities.find((candidate) => candidate.fingerprint === fingerprint);
      return identity ? readPublicKey(identity.exportPublicKey()) : undefined;
    },
    admit: async () => undefined,
  };
}

async function refusal(promise: Promise<unknown>): Promise<ChatErrorCode> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ChatError);
    return (error as ChatError).code;
  }
  throw new Error('accepted');
}

describe('chat messages', function () {
  this.timeout(20_000);
  let ann: Identity;
  let ben: Identity;

  before(async () => {
    [ann, ben] = await Promise.all([identityNamed('Ann'), identityNamed('Ben')]);
  });

  it('round-trips: signed by its author, readable by anyone in the room, attachments included', async () => {
    const digest = 'ab'.repeat(32);
    const message = await new ChatAuthor(ann).compose({ ...where, text: 'hello, room', attachments: [digest] });
    const opened = await openChatMessage(message.env, { ...where, keys: directoryOf(ann) });
    expect(opened).to.deep.equal(message);
    // Without the author's key nothing verifies.
    expect(await refusal(openChatMessage(message.env, where))).to.equal('unknown-signer');
    expect(opened.from).to.equal(ann.fingerprint);
  });

  it('gives ids that sort by time, then author, then counter, on every peer', async () => {
    const author = new ChatAuthor(ann);
    const [first, second] = [await author.compose({ ...where, text: 'a', now: 1_000 }), await author.compose({ ...where, text: 'b', now: 1_000 })];
    const later = await new ChatAuthor(ben).compose({ ...where, text: 'c', now: 2_000 });
    expect([later.id, second.id, first.id].sort()).to.deep.equal([first.id, second.id, later.id]);
    expect(chatId(1_000, ann.fingerprint, 0)).to.equal(first.id);
  });

  it('accepts old messages (history) and the same message twice (sync)', async () => {
    const old = await new ChatAuthor(ann).compose({ ...where, text: 'from last week', now: Date.now() - 7 * 86_400_000 });
    const keys = directoryOf(ann);
    await openChatMessage(old.env, { ...where, keys });
    expect((await openChatMessage(old.env, { ...where, keys })).id).to.equal(old.id);
  });

  it('refuses an altered text, a forged author, an id that lies, another room, and a non-chat envelope', async () => {
    const message = await new ChatAuthor(ann).compose({ ...where, text: 'the original' });
    const bytes = fromBase64Url(message.env);
    bytes[bytes.length - 5]! ^= 0x01;
    const keys = directoryOf(ann, ben);
    expect(['bad-signature', 'malformed']).to.include(await refusal(openChatMessage(toBase64Url(bytes), { ...where, keys })));

    // Ben signs a message whose id claims Ann wrote it.
    const lyingId = await seal(ben, { ...where, to: '*', type: 'chat', body: { id: chatId(Date.now(), ann.fingerprint, 0), text: 'I am Ann', time: Date.now() }, includeKey: true });
    expect(await refusal(openChatMessage(lyingId, where))).to.equal('bad-id');
    // An id whose time is not the message's.
    const now = Date.now();
    const wrongTime = await seal(ann, { ...where, to: '*', type: 'chat', body: { id: chatId(now - 60_000, ann.fingerprint, 0), text: 'x', time: now }, includeKey: true, now });
    expect(await refusal(openChatMessage(wrongTime, where))).to.equal('bad-id');

    expect(await refusal(openChatMessage(message.env, { ...where, room: 'elsewhere', keys }))).to.equal('wrong-room');
    const signal = await seal(ann, { ...where, to: '*', type: 'signal', body: {}, includeKey: true });
    expect(await refusal(openChatMessage(signal, where))).to.equal('not-chat');
    expect(await refusal(openChatMessage('garbage', where))).to.equal('malformed');
  });

  it('refuses oversize text and malformed attachments when composing', async () => {
    const author = new ChatAuthor(ann);
    expect(await refusal(author.compose({ ...where, text: 'x'.repeat(16_385) }))).to.equal('too-long');
    expect(await refusal(author.compose({ ...where, text: 'x', attachments: ['not-a-digest'] }))).to.equal('malformed');
  });

  it('refuses a message dated further ahead than the clock skew allows (it would sort after every real one)', async () => {
    const keys = directoryOf(ann);
    const poison = await new ChatAuthor(ann).compose({ ...where, text: 'from the year 2500', now: Date.UTC(2500, 0, 1) });
    expect(await refusal(openChatMessage(poison.env, { ...where, keys }))).to.equal('future');
    const soon = await new ChatAuthor(ann).compose({ ...where, text: 'a fast clock, within the skew', now: Date.now() + 60_000 });
    expect((await openChatMessage(soon.env, { ...where, keys })).text).to.equal('a fast clock, within the skew');
    // Refused, not lost: once its time has come it opens.
    expect((await openChatMessage(poison.env, { ...where, keys, now: Date.UTC(2500, 0, 1) })).text).to.equal('from the year 2500');
  });
});
