import { expect } from 'chai';
import { ChatAuthor, chatId, type ChatMessage } from './message.js';
import { ChatHistory } from './history.js';
import { sliceOf } from './ids.js';
import { sealSlice } from './slice-seal.js';
import type { Identity } from '../identity/identity.js';
import { freshBrowserStore, identityNamed } from '../../../test/support/identities.js';

const where = { ns: 'peerkit-test', room: 'history' };

describe('chat history', function () {
  this.timeout(20_000);
  let ann: Identity;
  let ben: Identity;

  before(async () => {
    [ann, ben] = await Promise.all([identityNamed('Ann'), identityNamed('Ben')]);
  });

  async function messages(count: number, start = 1_000_000): Promise<ChatMessage[]> {
    const authors = [new ChatAuthor(ann), new ChatAuthor(ben)];
    const made: ChatMessage[] = [];
    for (let i = 0; i < count; i++) made.push(await authors[i % 2]!.compose({ ...where, text: `message ${i}`, now: start + i * 10 }));
    return made;
  }

  it('survives reopening (real IndexedDB) in the same order, and drops duplicates', async () => {
    const store = await freshBrowserStore('history');
    const history = await ChatHistory.open({ ...where, store });
    const sent = await messages(5);
    // Out of order, and one twice: the order is the ids', the duplicate is refused.
    for (const message of [sent[3]!, sent[0]!, sent[4]!, sent[1]!, sent[2]!]) expect(await history.add(message)).to.equal(true);
    expect(await history.add(sent[2]!)).to.equal(false);
    const reopened = await ChatHistory.open({ ...where, store });
    expect(reopened.latest(10).map((message) => message.text)).to.deep.equal(sent.map((message) => message.text));
    expect(reopened.get(sent[0]!.id)).to.deep.equal(sent[0]);
  });

  it('pages older messages in, and lists what came after an id (what a peer lacks)', async () => {
    const history = await ChatHistory.open({ ...where, store: await freshBrowserStore('history') });
    const sent = await messages(10);
    for (const message of sent) await history.add(message);
    expect(history.latest(3).map((message) => message.text)).to.deep.equal(['message 7', 'message 8', 'message 9']);
    expect(history.before(sent[7]!.id, 3).map((message) => message.text)).to.deep.equal(['message 4', 'message 5', 'message 6']);
    expect(history.after(sent[7]!.id).map((message) => message.text)).to.deep.equal(['message 8', 'message 9']);
    expect(history.after(undefined).length).to.equal(10);
    expect(history.newestId).to.equal(sent[9]!.id);
  });

  it('keeps at most its cap, dropping the oldest from memory and from storage', async () => {
    const store = await freshBrowserStore('history');
    const history = await ChatHistory.open({ ...where, store, cap: 3 });
    const trimmed: string[] = [];
    history.on('trimmed', ({ ids }) => trimmed.push(...ids));
    const sent = await messages(5);
    for (const message of sent) await history.add(message);
    expect(history.size).to.equal(3);
    expect(trimmed).to.deep.equal([sent[0]!.id, sent[1]!.id]);
    const reopened = await ChatHistory.open({ ...where, store, cap: 3 });
    expect(reopened.latest(10).map((message) => message.id)).to.deep.equal(sent.slice(2).map((message) => message.id));
  });

  it('stores a slice of time per record: a batch of 100 is a few writes, and all of it reopens', async () => {
    const store = await freshBrowserStore('history');
    const writes: string[] = [];
    const counted = { ...store, setItem: <T>(key: string, value: T) => (writes.push(key), store.setItem(key, value)) };
    const history = await ChatHistory.open({ ...where, store: counted });
    // 100 messages 1 s apart span about three 47-second slices.
    const spaced = await Promise.all(Array.from({ length: 100 }, (_, i) => new ChatAuthor(i % 2 ? ben : ann).compose({ ...where, text: `spaced ${i}`, now: 1_700_000_000_000 + i * 1000 })));
    expect(await history.addMany(spaced)).to.have.length(100);
    expect(writes.length).to.be.within(2, 4);
    expect(new Set(writes).size).to.equal(writes.length);
    const reopened = await ChatHistory.open({ ...where, store });
    expect(reopened.latest(100).map((message) => message.text)).to.deep.equal(spaced.map((message) => message.text));
  });

  it('keeps an author\'s slice seal while it holds their messages there: the fuller one wins, it reopens, and it goes with them', async () => {
    const store = await freshBrowserStore('history');
    // One share for everyone: past the cap, the oldest go first, whoever wrote them.
    const options = { ...where, store, cap: 2, shareOf: () => 'everyone' };
    const history = await ChatHistory.open(options);
    const [first, second] = await Promise.all([0, 1].map((i) => new ChatAuthor(ann).compose({ ...where, text: `sealed ${i}`, now: 1_700_000_000_000 + i })));
    const slice = sliceOf(first!.id);
    const ofOne = await sealSlice(ann, where, slice, [first!.env]);
    const ofTwo = await sealSlice(ann, where, slice, [first!.env, second!.env]);
    // No message of Ann's in that slice is held yet: nothing to pass the seal on with.
    expect(await history.keepSeal(ofTwo)).to.equal(false);
    await history.addMany([first!, second!]);
    expect(await history.keepSeal(ofTwo)).to.equal(true);
    // An older seal that lists fewer does not replace it.
    expect(await history.keepSeal(ofOne)).to.equal(false);
    // The attack: Ann re-signs the same list again and again (each seal new bytes): none is kept,
    // so she cannot make this page write to storage for every frame she sends.
    expect(await history.keepSeal(await sealSlice(ann, where, slice, [first!.env, second!.env]))).to.equal(false);
    expect(history.sealOf(ann.fingerprint, slice)).to.deep.equal(ofTwo);
    expect((await ChatHistory.open(options)).sealOf(ann.fingerprint, slice)).to.deep.equal(ofTwo);
    // Ben's two later messages push Ann's out of the cap: her seal goes with them, here and in storage.
    await history.addMany(await Promise.all([0, 1].map((i) => new ChatAuthor(ben).compose({ ...where, text: `later ${i}`, now: 1_800_000_000_000 + i }))));
    expect(history.sealOf(ann.fingerprint, slice)).to.equal(undefined);
    expect((await ChatHistory.open(options)).sealOf(ann.fingerprint, slice)).to.equal(undefined);
  });

  it('refuses a message for another room', async () => {
    const history = await ChatHistory.open({ ...where, store: await freshBrowserStore('history') });
    const elsewhere = await new ChatAuthor(ann).compose({ ns: where.ns, room: 'elsewhere', text: 'x' });
    try {
      await history.add(elsewhere);
      expect.fail('stored a message of another room');
    } catch (error) {
      expect(error).to.be.instanceOf(RangeError);
    }
  });

  // The attack: one member stores more messages than the cap (all valid, dated as late as the clock
  // skew allows). Trimming the oldest overall pushed every real message out, and each new real
  // message was trimmed the moment it was stored.
  it('shares the cap fairly: one author flooding the room gives up its own oldest, nobody else\'s', async () => {
    const history = await ChatHistory.open({ ...where, store: await freshBrowserStore('history'), cap: 100 });
    const now = Date.now();
    const real = await Promise.all([0, 1, 2].map((i) => new ChatAuthor(ann).compose({ ...where, text: `real ${i}`, now: now - 1000 + i })));
    await history.addMany(real);
    const flooder = new ChatAuthor(ben);
    const flood: ChatMessage[] = [];
    for (let i = 0; i < 150; i++) flood.push(await flooder.compose({ ...where, text: `flood ${i}`, now: now + 110_000 + i }));
    const trimmed: string[] = [];
    history.on('trimmed', ({ ids }) => trimmed.push(...ids));
    await history.addMany(flood);
    expect(history.size).to.equal(100);
    for (const message of real) expect(history.has(message.id), message.text).to.equal(true);
    // A new real message stays too; the flooder's oldest go.
    const later = await new ChatAuthor(ann).compose({ ...where, text: 'still here', now: now + 1 });
    expect(await history.add(later)).to.equal(true);
    expect(history.has(later.id)).to.equal(true);
    expect(trimmed.every((id) => flood.some((message) => message.id === id))).to.equal(true);
    expect(history.has(flood[0]!.id)).to.equal(false);
    expect(history.has(flood.at(-1)!.id)).to.equal(true);
  });

  it('trims the same messages on every peer that holds the same ones (ties by fingerprint)', async () => {
    const made = await messages(40);
    const one = await ChatHistory.open({ ...where, store: await freshBrowserStore('history'), cap: 25 });
    const two = await ChatHistory.open({ ...where, store: await freshBrowserStore('history'), cap: 25 });
    await one.addMany(made);
    for (const message of [...made].reverse()) await two.add(message);
    expect(two.after(undefined).map((message) => message.id)).to.deep.equal(one.after(undefined).map((message) => message.id));
  });

  // The attack: keys cost nothing, so a member signs with many throwaway keys. Shared per author,
  // the cap then trimmed each real author down to the attacker's count per key.
  it('with the authors a page has not met in one share, many throwaway keys compete as one author', async () => {
    const now = Date.now();
    const real = [...(await messages(40, now - 60_000))];
    const met = new Set([ann.fingerprint, ben.fingerprint]);
    // Unsigned stand-ins: the history stores what the sync verified and does not check signatures itself.
    const sybils = Array.from({ length: 200 }, (_, at): ChatMessage => {
      const from = at.toString(16).padStart(40, 'f');
      return { id: chatId(now - 30_000 + at, from, 0), ns: where.ns, room: where.room, from, text: `sybil ${at}`, time: now - 30_000 + at, attachments: [], env: 'x' };
    });
    const fair = await ChatHistory.open({ ...where, store: await freshBrowserStore('history'), cap: 100, shareOf: (author) => (met.has(author) ? author : 'strangers') });
    await fair.addMany(real);
    await fair.addMany(sybils);
    expect(fair.size).to.equal(100);
    for (const message of real) expect(fair.has(message.id), message.text).to.equal(true);
    // Per author alone, the real authors are trimmed down to almost nothing.
    const perAuthor = await ChatHistory.open({ ...where, store: await freshBrowserStore('history'), cap: 100 });
    await perAuthor.addMany(real);
    await perAuthor.addMany(sybils);
    expect(real.filter((message) => perAuthor.has(message.id)).length).to.be.below(5);
  });
});
