import { expect } from 'chai';
import { ChatAuthor, ChatError, openChatMessage, type ChatErrorCode, type ChatMessage } from './message.js';
import { chatId } from './ids.js';
import { isEmoji } from './reaction.js';
import { MAX_EMOJIS_PER_AUTHOR, ReactionTally } from './reaction-tally.js';
import { ChatHistory } from './history.js';
import { seal } from '../envelope/envelope.js';
import type { Identity } from '../identity/identity.js';
import { readPublicKey } from '../openpgp/key.js';
import type { KeyDirectory } from '../envelope/trust.js';
import { fromBase64Url, toBase64Url } from '../util/bytes.js';
import { freshBrowserStore, identityNamed } from '../../../test/support/identities.js';

const where = { ns: 'peerkit-test', room: 'reactions' };

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

/** A reaction as any signer can seal one, whatever its body says: what a hostile member sends. */
function sealedReaction(signer: Identity, body: Record<string, unknown>, now = Date.now()): Promise<string> {
  return seal(signer, { ...where, to: '*', type: 'chat', body: { id: chatId(now, signer.fingerprint, 0), text: '', time: now, ...body }, now });
}

/** A reaction message without a signature: the tally and the history trust what the sync verified. */
function reaction(from: string, time: number, to: string, emoji: string, on = true): ChatMessage {
  return { id: chatId(time, from, 0), ns: where.ns, room: where.room, from, text: '', time, attachments: [], env: 'x', reaction: { to, emoji, on } };
}

describe('chat reactions', function () {
  this.timeout(30_000);
  let ann: Identity;
  let ben: Identity;
  let target: string;

  before(async () => {
    [ann, ben] = await Promise.all([identityNamed('Ann'), identityNamed('Ben')]);
    target = chatId(1_700_000_000_000, ann.fingerprint, 0);
  });

  it('takes one emoji: flags, keycaps, skin tones and ZWJ families; not letters, two emojis or a long sequence', () => {
    for (const emoji of ['👍', '❤️', '👍🏽', '👩‍👩‍👧', '🇫🇷', '#️⃣', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🧑🏿‍🚀']) expect(isEmoji(emoji), emoji).to.equal(true);
    for (const text of ['', 'a', '1', '👍👍', '😀x', ' 👍', '‍👍', '👍‍', '🇫', '👩‍👩‍👧‍👦‍👩‍👩‍👧‍👦‍👩‍👩‍👧‍👦']) expect(isEmoji(text), text).to.equal(false);
  });

  it('round-trips: a signed reaction opens with its target, emoji and on/off', async () => {
    const made = await new ChatAuthor(ben).compose({ ...where, text: '', reaction: { to: target, emoji: '🎉', on: true } });
    const opened = await openChatMessage(made.env, { ...where, keys: directoryOf(ben) });
    expect(opened).to.deep.equal(made);
    expect(opened.reaction).to.deep.equal({ to: target, emoji: '🎉', on: true });
    const back = await new ChatAuthor(ben).compose({ ...where, text: '', reaction: { to: target, emoji: '🎉', on: false } });
    expect((await openChatMessage(back.env, { ...where, keys: directoryOf(ben) })).reaction?.on).to.equal(false);
  });

  // The attack: a member signs reactions whose body is not a reaction — to something that is no
  // message id, with two emojis (or a sentence), or with text riding along to show as a message.
  it('refuses, with a typed code, a reaction to a malformed id, a 2-grapheme emoji, or one with text', async () => {
    const keys = directoryOf(ben);
    const open = (env: string) => openChatMessage(env, { ...where, keys });
    expect(await refusal(open(await sealedReaction(ben, { react: { to: 'not-an-id', emoji: '👍', on: true } })))).to.equal('bad-target');
    expect(await refusal(open(await sealedReaction(ben, { react: { to: target, emoji: '👍👍', on: true } })))).to.equal('not-emoji');
    expect(await refusal(open(await sealedReaction(ben, { react: { to: target, emoji: 'x'.repeat(33), on: true } })))).to.equal('not-emoji');
    expect(await refusal(open(await sealedReaction(ben, { text: 'also a message', react: { to: target, emoji: '👍', on: true } })))).to.equal('reaction-has-content');
    expect(await refusal(open(await sealedReaction(ben, { attachments: ['ab'.repeat(32)], react: { to: target, emoji: '👍', on: true } })))).to.equal('reaction-has-content');
    expect(await refusal(open(await sealedReaction(ben, { react: { to: target, emoji: '👍', on: 'yes' } })))).to.equal('malformed');
    // The author's own side refuses the same before signing.
    const author = new ChatAuthor(ben);
    expect(await refusal(author.compose({ ...where, text: '', reaction: { to: 'nope', emoji: '👍', on: true } }))).to.equal('bad-target');
    expect(await refusal(author.compose({ ...where, text: '', reaction: { to: target, emoji: 'ab', on: true } }))).to.equal('not-emoji');
    expect(await refusal(author.compose({ ...where, text: 'hi', reaction: { to: target, emoji: '👍', on: true } }))).to.equal('reaction-has-content');
  });

  // The attack: Ben makes Ann appear to have reacted, by an id in her name or by altering her reaction.
  it('refuses a reaction claiming another author: an id in her name, or her signed reaction altered', async () => {
    const keys = directoryOf(ann, ben);
    const now = Date.now();
    const inHerName = await seal(ben, { ...where, to: '*', type: 'chat', body: { id: chatId(now, ann.fingerprint, 0), text: '', time: now, react: { to: target, emoji: '👎', on: true } }, now });
    expect(await refusal(openChatMessage(inHerName, { ...where, keys }))).to.equal('bad-id');
    const hers = await new ChatAuthor(ann).compose({ ...where, text: '', reaction: { to: target, emoji: '👍', on: true } });
    const bytes = fromBase64Url(hers.env);
    bytes[bytes.length - 5]! ^= 0x01;
    expect(['bad-signature', 'malformed']).to.include(await refusal(openChatMessage(toBase64Url(bytes), { ...where, keys })));
  });

  it('tallies in any order: for one author and emoji the greatest id wins; emojis in first-reacted order', () => {
    const [a, b, c] = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    const stream = [
      reaction(a, 1000, target, '👍'),
      reaction(b, 2000, target, '🎉'),
      reaction(c, 3000, target, '👍'),
      reaction(a, 4000, target, '👍', false),
      reaction(a, 5000, target, '👍'),
      reaction(b, 6000, target, '👍'),
      reaction(c, 7000, target, '🎉', false),
    ];
    const inOrder = new ReactionTally();
    for (const message of stream) inOrder.ingest([message]);
    const reversed = new ReactionTally();
    reversed.ingest([...stream].reverse());
    const expected = [
      { emoji: '🎉', authors: [b] },
      { emoji: '👍', authors: [c, a, b] },
    ];
    expect(inOrder.of(target)).to.deep.equal(expected);
    expect(reversed.of(target)).to.deep.equal(expected);
    // A stale "on" that arrives late changes nothing.
    expect(reversed.ingest([reaction(a, 1500, target, '👍')]).size).to.equal(0);
    expect(reversed.of(target)).to.deep.equal(expected);
    expect(inOrder.of('no-such-id')).to.deep.equal([]);
  });

  it('names the messages whose tally changed, and builds each tally once until it changes', () => {
    const tally = new ReactionTally();
    const other = chatId(1_700_000_000_001, ann.fingerprint, 0);
    const plain: ChatMessage = { id: chatId(10, ben.fingerprint, 0), ns: where.ns, room: where.room, from: ben.fingerprint, text: 'words', time: 10, attachments: [], env: 'x' };
    expect([...tally.ingest([plain, reaction('a'.repeat(40), 1000, target, '👍'), reaction('b'.repeat(40), 1000, other, '❤️')])]).to.have.members([target, other]);
    const built = tally.of(target);
    expect(tally.of(target)).to.equal(built);
    expect([...tally.ingest([reaction('b'.repeat(40), 2000, other, '❤️', false)])]).to.deep.equal([other]);
    expect([...tally.changed]).to.deep.equal([other]);
    expect(tally.of(target)).to.equal(built);
    expect(tally.of(other)).to.deep.equal([]);
    // Taking back what was never on shows nothing new.
    expect(tally.ingest([reaction('c'.repeat(40), 3000, target, '🎉', false)]).size).to.equal(0);
  });

  // The attack: one member reacts to a message with hundreds of different emojis, to fill it with chips.
  it(`counts at most ${MAX_EMOJIS_PER_AUTHOR} emojis per author on a message: its earliest`, () => {
    const tally = new ReactionTally();
    const flooder = 'f'.repeat(40);
    const emojis = [...'😀😁😂😃😄😅😆😇😈😉😊😋😌😍😎😏😐😑😒😓😔😕😖😗😘😙😚😛😜😝😞😟'];
    // Fed newest first: the ten counted are the earliest by id, whatever the order they came in.
    tally.ingest(emojis.map((emoji, at) => reaction(flooder, 1000 + at, target, emoji)).reverse());
    expect(tally.of(target).map(({ emoji }) => emoji)).to.deep.equal(emojis.slice(0, MAX_EMOJIS_PER_AUTHOR));
    // Another author's reaction still counts, even with an emoji past the flooder's ten.
    tally.ingest([reaction(ann.fingerprint, 20_000, target, emojis.at(-1)!)]);
    expect(tally.of(target).length).to.equal(MAX_EMOJIS_PER_AUTHOR + 1);
    expect(tally.of(target).at(-1)).to.deep.equal({ emoji: emojis.at(-1), authors: [ann.fingerprint] });
  });

  it('forgets reactions that left the history', () => {
    const tally = new ReactionTally();
    const on = reaction(ben.fingerprint, 1000, target, '👍');
    const other = reaction(ann.fingerprint, 2000, target, '👍');
    tally.ingest([on, other]);
    expect([...tally.forget([on.id, 'unrelated'])]).to.deep.equal([target]);
    expect(tally.of(target)).to.deep.equal([{ emoji: '👍', authors: [ann.fingerprint] }]);
    tally.forget([other.id]);
    expect(tally.of(target)).to.deep.equal([]);
  });

  // The attack: a member reacts 10,000 times. Each reaction is a message signed by that member, so
  // it counts in that member's share of the cap (history.ts, shareOf: by author), and the trimming
  // takes that member's oldest: nobody else's messages or reactions give way.
  it('a member reacting past the cap gives up its own oldest, never another member\'s messages or reactions', async () => {
    const history = await ChatHistory.open({ ...where, store: await freshBrowserStore('reactions'), cap: 100 });
    const now = Date.now();
    const annsAuthor = new ChatAuthor(ann);
    const anns = [
      ...(await Promise.all([0, 1, 2].map((i) => annsAuthor.compose({ ...where, text: `real ${i}`, now: now - 10_000 + i })))),
      await annsAuthor.compose({ ...where, text: '', reaction: { to: target, emoji: '❤️', on: true }, now: now - 5000 }),
    ];
    await history.addMany(anns);
    const flood: ChatMessage[] = Array.from({ length: 10_000 }, (_, at) => reaction(ben.fingerprint, now - 9000 + at, anns[0]!.id, at % 2 ? '👍' : '👎', at % 4 !== 3));
    const tally = new ReactionTally();
    tally.ingest(anns);
    history.on('trimmed', ({ ids }) => tally.forget(ids));
    // What a batch stored and trimmed at once is not held: the tally takes what is (as ChatSync's `message` events are).
    for (let at = 0; at < flood.length; at += 500) tally.ingest((await history.addMany(flood.slice(at, at + 500))).filter(({ id }) => history.has(id)));
    expect(history.size).to.equal(100);
    for (const message of anns) expect(history.has(message.id), message.text || 'her reaction').to.equal(true);
    expect(tally.of(target)).to.deep.equal([{ emoji: '❤️', authors: [ann.fingerprint] }]);
    // Ben's latest word per emoji stands: his last "👍" (at 9999) took it back, his last "👎" (at 9998) is on.
    expect(tally.of(anns[0]!.id)).to.deep.equal([{ emoji: '👎', authors: [ben.fingerprint] }]);
  });

  it('a reaction survives a reload (real IndexedDB) with its target and emoji', async () => {
    const store = await freshBrowserStore('reactions');
    const history = await ChatHistory.open({ ...where, store });
    const made = await new ChatAuthor(ben).compose({ ...where, text: '', reaction: { to: target, emoji: '👩‍👩‍👧', on: true } });
    await history.add(made);
    const reopened = await ChatHistory.open({ ...where, store });
    expect(reopened.get(made.id)).to.deep.equal(made);
  });
});
