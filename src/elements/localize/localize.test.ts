import { expect } from 'chai';
import { Identity } from '../../core/identity/identity.js';
import { Keyring } from '../../core/identity/keyring.js';
import { memoryStore } from '../../core/platform/storage.js';
import { connectedTo, domCondition, mountedPerTest, roomElement } from '../../../test/support/elements.js';
import { identityNamed } from '../../../test/support/identities.js';
import { en } from '../locales/en.js';
import { de } from '../locales/de.js';
import type { ChatEntry, PeerChatElement } from '../peer-chat/peer-chat.js';
import type { PeerIdentityElement } from '../peer-identity/peer-identity.js';
import type { PeerListElement } from '../peer-list/peer-list.js';
import type { PeerRelativeTimeElement } from '../blocks/relative-time.js';
import type { PeerRoomElement } from '../peer-room/peer-room.js';
import { formatFor } from './format.js';
import type { Translation } from './strings.js';
import { boundSection, loadTranslation, registerTranslation, translationFor } from './translations.js';
import '../peer-room/define.js';
import '../peer-list/define.js';
import '../peer-chat/define.js';
import '../peer-identity/define.js';

const countOf = (room: PeerRoomElement) => room.shadowRoot!.querySelector('[part="status"] .count')!.textContent;
/** A list outside any room: its empty state is a sentence that stays put while the test runs. */
const emptyText = (list: PeerListElement) => list.shadowRoot!.querySelector('[part="empty"]')!.textContent!.trim();

/** A list with no room around it, with these attributes. */
function emptyList(attributes: Record<string, string> = {}): PeerListElement {
  const list = document.createElement('peer-list');
  for (const [name, value] of Object.entries(attributes)) list.setAttribute(name, value);
  return list;
}

/** Every word a person sees or hears in `root`'s shadow trees: text, and the attributes that name things. */
function shownText(root: Element): string[] {
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof Element) {
      if (node.tagName === 'STYLE') return;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'label']) {
        const value = node.getAttribute(attribute);
        if (value) texts.push(value);
      }
      if (node.shadowRoot) node.shadowRoot.childNodes.forEach(visit);
    } else if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) texts.push(node.textContent!.trim());
    node.childNodes.forEach(visit);
  };
  visit(root);
  return texts;
}

/** Sample arguments for each function term, so every sentence of a table can be listed. */
const SAMPLES: Record<string, unknown[][]> = {
  serverProblem: (['server-rejected', 'server-unreachable', 'server-timeout', 'ice-unavailable'] as const).map((code) => [{ code, message: '', status: 404 }]),
  peers: [[1], [2]],
  rtt: [[12]],
  jumpToLatest: [[0], [1], [3]],
  reaction: [['👍', ['Cid'], false], ['👍', ['Cid', 'Dan'], true]],
  typing: [[[]], [['Cid']], [['Cid', 'Dan']], [['Cid', 'Dan', 'Eve', 'Fay']]],
  seenBy: [[['Cid']], [['Cid', 'Dan']]],
  announce: [['Cid', 'Hallo']],
  announceMany: [[1], [3]],
  filesOnly: [[1], [3]],
  dropFiles: [[0], [1], [3]],
  download: [['', 2048]],
  transfer: [['send', 50], ['receive', 50]],
  attachmentFailed: [['quota'], ['too-large'], ['bad-digest'], ['expired'], ['timeout'], ['offer-mismatch'], ['cancelled'], ['whatever']],
  failed: [['invalid-key'], ['unsupported-key'], ['exists'], ['whatever']],
};

/** Every sentence `translation` can show. */
function sentences(translation: Translation): string[] {
  const out: string[] = [];
  for (const section of ['room', 'list', 'chat', 'identity', 'verify', 'alert', 'copyButton', 'dialog', 'presence'] as const) {
    for (const [key, term] of Object.entries(boundSection(section, translation, formatFor(translation.$code)))) {
      if (typeof term === 'string') out.push(term);
      else if (typeof term === 'function') for (const args of SAMPLES[key] ?? [['Cid']]) out.push((term as (...args: unknown[]) => string)(...args));
      else out.push(...Object.values(term as Record<string, string>));
    }
  }
  return out;
}

/** Words of three letters or more; runs of hex letters are left out (a fingerprint's "ADD" is no English). */
const wordsOf = (texts: string[]) => new Set(texts.flatMap((text) => text.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((word) => !/^[a-f]+$/.test(word)));

describe('localization', function () {
  this.timeout(60_000);
  const mount = mountedPerTest();
  afterEach(() => {
    document.documentElement.removeAttribute('lang');
    document.documentElement.removeAttribute('dir');
  });

  // First in the file: no German table is registered on this page yet.
  it('loads German by itself (a lazy chunk) the first time an element is shown in German', async () => {
    const list = emptyList({ lang: 'de' });
    mount(list);
    await list.updateComplete;
    await domCondition(list.shadowRoot!, () => emptyText(list) === 'Noch niemand da');
    expect(await loadTranslation('de-DE')).to.equal(true);
    expect(await loadTranslation('fr')).to.equal(false);
  });

  describe('Format (Intl, per locale)', () => {
    it('pluralizes: "1 peer" / "2 peers" in English, "1 Peer" / "2 Peers" and "1 neue Nachricht" / "3 neue Nachrichten" in German', () => {
      const english = boundSection('room', en, formatFor('en'));
      expect([english.peers(0), english.peers(1), english.peers(2), english.peers(1234)]).to.deep.equal(['0 peers', '1 peer', '2 peers', '1,234 peers']);
      const german = boundSection('room', de, formatFor('de'));
      expect([german.peers(1), german.peers(2), german.peers(1234)]).to.deep.equal(['1 Peer', '2 Peers', '1.234 Peers']);
      const chat = boundSection('chat', de, formatFor('de'));
      expect([chat.jumpToLatest(1), chat.jumpToLatest(3), chat.jumpToLatest(0)]).to.deep.equal(['1 neue Nachricht', '3 neue Nachrichten', 'Zur neuesten']);
      // A language with more plural forms than English picks its own (Polish: one, few, many).
      const polish = formatFor('pl');
      const forms = { one: '# plik', few: '# pliki', many: '# plików', other: '# pliku' };
      expect([1, 2, 5].map((count) => polish.plural(count, forms))).to.deep.equal(['1 plik', '2 pliki', '5 plików']);
    });

    it('formats sizes, percentages, durations and dates for the locale', () => {
      const english = formatFor('en');
      const german = formatFor('de');
      expect([english.bytes(11), english.bytes(1536), english.bytes(2_300_000), english.bytes(999_960)]).to.deep.equal(['11 bytes', '1.5 kB', '2.3 MB', '1 MB']);
      expect([german.bytes(11), german.bytes(1536)]).to.deep.equal(['11 Byte', '1,5 kB']);
      expect([english.percent(0.5), german.percent(0.5)]).to.deep.equal(['50%', '50\u00a0%']);
      // Mid-June at noon UTC is 15 June in every time zone the tests may run in.
      const june = Date.UTC(2026, 5, 15, 12);
      expect(english.dateTime(june)).to.contain('June').and.to.contain('2026');
      expect(german.dateTime(june)).to.contain('Juni').and.to.contain('2026');
      expect(german.relativeTime(june - 120_000, june)).to.equal('vor 2 Minuten');
      expect(english.relativeTime(june + 3 * 86_400_000, june)).to.equal('in 3 days');
    });

    it('names days as headings ("Today", "Gestern", a weekday and date; the year only when it is not this one) and joins lists', () => {
      const english = formatFor('en');
      const german = formatFor('de');
      const june = new Date(2026, 5, 15, 12).getTime();
      expect([english.day(june, june), english.day(june - 86_400_000, june + 3_600_000)]).to.deep.equal(['Today', 'Yesterday']);
      expect([german.day(june, june), german.day(june - 86_400_000, june)]).to.deep.equal(['Heute', 'Gestern']);
      expect(english.day(june - 3 * 86_400_000, june)).to.equal('Friday, June 12');
      expect(english.day(new Date(2025, 11, 31, 23).getTime(), june)).to.equal('Wednesday, December 31, 2025');
      expect(english.list(['Ann', 'Ben', 'Cy'])).to.equal('Ann, Ben, and Cy');
      expect(german.list(['Ann', 'Ben'])).to.equal('Ann und Ben');
    });

    it('formats a lang that is no BCP 47 tag as English instead of throwing', () => {
      expect(formatFor('not a tag!').locale).to.equal('en');
      expect(formatFor('').number(1234)).to.equal('1,234');
    });
  });

  describe('translations', () => {
    it('falls back to English term by term: a missing, mistyped or throwing term shows English, never a key', () => {
      const broken = {
        ...de,
        $code: 'x-broken',
        room: { ...de.room, next: undefined, status: { ...de.room.status, open: undefined }, peers: () => undefined },
        chat: { ...de.chat, send: 42, jumpToLatest: () => { throw new Error('translator bug'); } },
      } as unknown as Translation;
      const room = boundSection('room', broken, formatFor('de'));
      expect(room.next).to.equal('Next stranger');
      expect(room.status.open).to.equal('Connected');
      expect(room.status.idle).to.equal('Nicht verbunden');
      expect(room.peers(2)).to.equal('2 peers');
      const chat = boundSection('chat', broken, formatFor('de'));
      expect(chat.send).to.equal('Send');
      expect(chat.jumpToLatest(2)).to.equal('2 new');
      expect(chat.label).to.equal('Nachrichten');
    });

    it('finds a regional variant, else its language, else English', () => {
      registerTranslation(de, { ...de, $code: 'de-CH', $name: 'Deutsch (Schweiz)', chat: { ...de.chat, send: 'Abschicken' } });
      expect(translationFor('de-CH').chat.send).to.equal('Abschicken');
      expect(translationFor('de-CH-u-nu-latn').chat.send).to.equal('Abschicken');
      expect(translationFor('de-AT')).to.equal(de);
      expect(translationFor('fr')).to.equal(en);
    });
  });

  describe('in the elements', () => {
    before(() => registerTranslation(de));

    it('re-renders when <html lang> changes, and back', async () => {
      const list = emptyList();
      const room = await roomElement('Ann', { ns: `l10n-${Math.random()}` });
      mount(list);
      mount(room);
      await Promise.all([list.updateComplete, room.updateComplete]);
      expect(emptyText(list)).to.equal('No peers yet');
      expect(countOf(room)).to.equal('· 0 peers');
      document.documentElement.lang = 'de';
      await domCondition(list.shadowRoot!, () => emptyText(list) !== 'No peers yet');
      expect(emptyText(list)).to.equal('Noch niemand da');
      await domCondition(room.shadowRoot!, () => countOf(room) === '· 0 Peers');
      document.documentElement.lang = 'en';
      await domCondition(list.shadowRoot!, () => emptyText(list) === 'No peers yet');
      await domCondition(room.shadowRoot!, () => countOf(room) === '· 0 peers');
    });

    it('an element with its own lang (or inside an ancestor with one) differs from the document, across shadow roots', async () => {
      document.documentElement.lang = 'en';
      const own = emptyList({ lang: 'de' });
      const plain = emptyList();
      // An app's component with a shadow root: the list inside takes the language of its host's ancestors.
      const widget = document.createElement('div');
      widget.setAttribute('lang', 'de-AT');
      const inner = emptyList();
      widget.attachShadow({ mode: 'open' }).append(inner);
      for (const element of [own, plain, widget]) mount(element);
      await Promise.all([own.updateComplete, plain.updateComplete, inner.updateComplete]);
      expect(emptyText(own)).to.equal('Noch niemand da');
      expect(emptyText(plain)).to.equal('No peers yet');
      expect(emptyText(inner)).to.equal('Noch niemand da');
      // The document's language changing leaves an element with its own alone.
      document.documentElement.lang = 'de';
      await domCondition(plain.shadowRoot!, () => emptyText(plain) === 'Noch niemand da');
      own.lang = 'en';
      await domCondition(own.shadowRoot!, () => emptyText(own) === 'No peers yet');
      expect(emptyText(plain)).to.equal('Noch niemand da');
      // An ancestor's lang changing (inside the shadow root the element sits in) re-renders it too.
      const wrapper = document.createElement('section');
      const nested = emptyList();
      wrapper.append(nested);
      widget.shadowRoot!.append(wrapper);
      await nested.updateComplete;
      expect(emptyText(nested)).to.equal('Noch niemand da');
      wrapper.lang = 'en';
      await domCondition(nested.shadowRoot!, () => emptyText(nested) === 'No peers yet');
    });

    it('formats message times per locale: relative on a group\'s first message, the time of day on the rest, the full date as the tooltip', async () => {
      const june = Date.UTC(2026, 5, 15, 12);
      const entries: ChatEntry[] = [
        { id: 'a', from: 'f'.repeat(40), author: 'Ben', text: 'Hallo', time: june, own: false },
        { id: 'b', from: 'f'.repeat(40), author: 'Ben', text: 'noch da?', time: june + 60_000, own: false },
      ];
      const english = document.createElement('peer-chat');
      const german = document.createElement('peer-chat');
      german.lang = 'de';
      for (const chat of [english, german]) {
        chat.messages = entries;
        mount(chat);
      }
      await Promise.all([english.updateComplete, german.updateComplete]);
      const relative = (chat: PeerChatElement) => chat.shadowRoot!.querySelector<PeerRelativeTimeElement>('peer-relative-time')!;
      await Promise.all([relative(english).updateComplete, relative(german).updateComplete]);
      const first = (chat: PeerChatElement) => relative(chat).shadowRoot!.querySelector('time')!;
      expect(first(english).title).to.contain('June');
      expect(first(german).title).to.contain('Juni');
      expect(first(german).textContent).to.equal(formatFor('de').relativeTime(june));
      expect(first(german).getAttribute('datetime')).to.equal(new Date(june).toISOString());
      const next = german.shadowRoot!.querySelector('time.gutter-time')!;
      expect(next.textContent).to.equal(new Intl.DateTimeFormat('de', { hour: '2-digit', minute: '2-digit' }).format(june + 60_000));
      expect(next.getAttribute('title')).to.contain('Juni');
    });

    it('dir="rtl" on an ancestor reaches the shadow content and lays the composer out right to left', async () => {
      const wrapper = document.createElement('div');
      wrapper.dir = 'rtl';
      wrapper.style.width = '480px';
      const chat = document.createElement('peer-chat');
      wrapper.append(chat);
      mount(wrapper);
      await chat.updateComplete;
      const input = chat.shadowRoot!.querySelector('textarea')!;
      const send = chat.shadowRoot!.querySelector('[part="send"]')!;
      expect(getComputedStyle(input).direction).to.equal('rtl');
      expect(input.matches(':dir(rtl)')).to.equal(true);
      // In a right-to-left row the text box comes first on the right, the send button after it on the left.
      expect(send.getBoundingClientRect().right).to.be.at.most(input.getBoundingClientRect().left + 1);
      wrapper.dir = 'ltr';
      await chat.updateComplete;
      expect(send.getBoundingClientRect().left).to.be.at.least(input.getBoundingClientRect().right - 1);
    });

    it('keeps the safety number in the same order on an RTL page as on an LTR one (two screens are compared side by side)', async () => {
      const wrapper = document.createElement('div');
      wrapper.dir = 'rtl';
      const element = document.createElement('peer-identity');
      element.store = memoryStore();
      await Identity.create({ name: 'Ada', store: element.store });
      element.keyring = await Keyring.open({ store: memoryStore() });
      const cid = await identityNamed('Cid');
      await element.keyring.add(cid.exportPublicKey());
      wrapper.append(element);
      mount(wrapper);
      await element.loaded;
      await element.verify(cid.fingerprint);
      const groups = [...element.shadowRoot!.querySelectorAll('[part="safety-number"] span')].map((group) => group.getBoundingClientRect());
      expect(groups).to.have.length(12);
      expect(groups[0]!.left).to.be.below(groups[1]!.left);
      expect(groups[0]!.top).to.equal(groups[1]!.top);
    });

    it('shows no English word anywhere (text, labels, titles, placeholders) when the elements are in German', async () => {
      const german = document.createElement('div');
      german.lang = 'de';
      mount(german);
      const ns = `l10n-${Math.random()}`;
      const ann = await roomElement('Ann', { ns, room: 'r' });
      const list = document.createElement('peer-list');
      const chat = document.createElement('peer-chat');
      chat.store = memoryStore();
      ann.append(list, chat);
      german.append(ann);
      const ben = await roomElement('Ben', { ns, room: 'r' });
      mount(ben);
      await connectedTo(ann, ben.identity!.fingerprint);
      await chat.historyLoaded;
      await chat.send('Hallo');
      const now = Date.now();
      chat.messages = [
        ...chat.messages,
        ...(['queued', 'sent', 'delivered', 'failed'] as const).map((state, at): ChatEntry => ({ id: `z${at}`, from: ann.selfId!, author: '', text: 'Hallo', time: now, own: true, state })),
        { id: 'z9', from: ben.selfId!, author: 'Ben', text: 'Hallo', time: now, own: false },
      ];
      await list.verify(ben.selfId!);
      // An empty room's list, and the identity element with no key and with a key and a contact.
      const alone = await roomElement('Dee', { ns: `l10n-${Math.random()}` });
      alone.append(document.createElement('peer-list'));
      const none = document.createElement('peer-identity');
      none.store = memoryStore();
      none.keyring = await Keyring.open({ store: memoryStore() });
      const ready = document.createElement('peer-identity');
      ready.store = memoryStore();
      await Identity.create({ name: 'Ada', store: ready.store });
      ready.keyring = await Keyring.open({ store: memoryStore() });
      await ready.keyring.add((await identityNamed('Cid')).exportPublicKey());
      german.append(alone, none, ready);
      await Promise.all([none.loaded, ready.loaded]);
      await Promise.all([ann, list, chat, alone, none, ready].map((element) => element.updateComplete));
      await (ready as PeerIdentityElement).verify((await identityNamed('Cid')).fingerprint);

      const shown = shownText(german);
      const seen = wordsOf(shown);
      // The sweep saw the elements in all these states (or it proves nothing).
      for (const word of ['verbunden', 'vertrauen', 'sperren', 'überprüfen', 'senden', 'zugestellt', 'fehlgeschlagen', 'wartet', 'adressbuch', 'erstellen', 'sicherheitsnummer', 'dateien', 'teilnehmende']) {
        expect(seen, word).to.include(word);
      }
      const english = wordsOf(sentences(en));
      const germanWords = wordsOf(sentences(de));
      const leftovers = [...seen].filter((word) => english.has(word) && !germanWords.has(word));
      expect(leftovers, shown.join(' | ')).to.deep.equal([]);
      expect((list as PeerListElement).shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    });
  });
});
