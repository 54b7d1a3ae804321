import { expect } from 'chai';
import { html } from 'lit';
import { chatId } from '../../core/chat/message.js';
import { memoryStore, type KeyValueStore } from '../../core/platform/storage.js';
import { sendKeys } from '../../../test/support/browser-input.js';
import { connectedTo, domCondition, mountedPerTest, roomElement } from '../../../test/support/elements.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import type { PeerRoomElement } from '../peer-room/peer-room.js';
import { PeerChatError, type ChatEntry, type PeerChatElement } from './peer-chat.js';
import './define.js';

const BEN = 'b'.repeat(40);
const CAT = 'c'.repeat(40);

describe('<peer-chat> reading and writing', function () {
  this.timeout(30_000);
  const mount = mountedPerTest();

  let counter = 0;
  const said = (from: string, author: string, text: string, time: number): ChatEntry => ({ id: chatId(time, from, counter++), from, author, text, time, own: false });

  function standalone(messages: readonly ChatEntry[]): PeerChatElement {
    const chat = document.createElement('peer-chat');
    chat.messages = messages;
    mount(chat);
    return chat;
  }

  async function chatIn(name: string, ns: string, store?: KeyValueStore): Promise<{ room: PeerRoomElement; chat: PeerChatElement }> {
    const room = await roomElement(name, { ns, room: 'ux' });
    const chat = document.createElement('peer-chat');
    if (store) chat.store = store;
    room.append(chat);
    mount(room);
    return { room, chat };
  }

  const shadow = (chat: PeerChatElement) => chat.shadowRoot!;
  const all = (chat: PeerChatElement, selector: string) => [...shadow(chat).querySelectorAll<HTMLElement>(selector)];

  it('groups consecutive messages of one author (one avatar and name), and starts a new group after a pause or another author', async () => {
    const start = new Date(2026, 5, 15, 12).getTime();
    const chat = standalone([
      said(BEN, 'Ben', 'one', start),
      said(BEN, 'Ben', 'two', start + 60_000),
      said(BEN, 'Ben', 'three', start + 120_000),
      said(CAT, 'Cat', 'four', start + 130_000),
      said(BEN, 'Ben', 'after a long pause', start + 130_000 + 6 * 60_000),
    ]);
    await chat.updateComplete;
    expect(all(chat, '[part="author"]').map((node) => node.textContent)).to.deep.equal(['Ben', 'Cat', 'Ben']);
    expect(all(chat, '[part="avatar"]')).to.have.length(3);
    // The rest of a group shows its time of day, named with its author for screen readers.
    const rest = all(chat, 'article.message:not(.first)');
    expect(rest).to.have.length(2);
    expect(rest[0]!.getAttribute('aria-label')).to.contain('Ben');
    expect(rest[0]!.querySelector('time.gutter-time')).to.not.equal(null);
  });

  it('puts a day divider before the first message of each day: "Yesterday", "Today"', async () => {
    const now = Date.now();
    const chat = standalone([said(BEN, 'Ben', 'old', now - 86_400_000), said(BEN, 'Ben', 'new', now)]);
    await chat.updateComplete;
    expect(all(chat, '[part="day-divider"]').map((node) => node.textContent!.trim())).to.deep.equal(['Yesterday', 'Today']);
  });

  it('scrolling back through 10,000 messages reaches the first and never renders more than 300 rows; jump to latest comes back', async () => {
    const start = Date.now() - 10_000_000;
    const chat = standalone(Array.from({ length: 10_000 }, (_, i) => said(BEN, 'Ben', `message ${i}`, start + i * 1000)));
    await chat.updateComplete;
    const log = shadow(chat).querySelector<HTMLElement>('[part="log"]')!;
    const rows = () => all(chat, '[part~="message"]');
    let most = 0;
    const firstText = () => all(chat, '[part="text"]')[0]!.textContent;
    for (let step = 0; step < 200 && firstText() !== 'message 0'; step++) {
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      await chat.updateComplete;
      most = Math.max(most, rows().length);
    }
    expect(all(chat, '[part="text"]')[0]!.textContent).to.equal('message 0');
    expect(most).to.be.at.most(300);
    expect(rows().length).to.be.at.most(300);
    shadow(chat).querySelector<HTMLButtonElement>('[part~="jump"]')!.click();
    await domCondition(shadow(chat), () => all(chat, '[part="text"]').at(-1)?.textContent === 'message 9999');
    expect(rows().length).to.be.at.most(300);
  });

  it('keeps the reader\'s place when older messages page in: the row in view stays where it was', async () => {
    const start = Date.now() - 1_000_000;
    const chat = standalone(Array.from({ length: 500 }, (_, i) => said(i % 2 ? BEN : CAT, i % 2 ? 'Ben' : 'Cat', `line ${i}`, start + i * 1000)));
    await chat.updateComplete;
    const log = shadow(chat).querySelector<HTMLElement>('[part="log"]')!;
    log.scrollTop = 10;
    const firstShown = all(chat, '[part="text"]').find((node) => node.getBoundingClientRect().bottom > log.getBoundingClientRect().top)!;
    const text = firstShown.textContent;
    const before = firstShown.getBoundingClientRect().top;
    log.dispatchEvent(new Event('scroll'));
    await chat.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const again = all(chat, '[part="text"]').find((node) => node.textContent === text)!;
    expect(all(chat, '[part="text"]')[0]!.textContent).to.equal('line 300');
    expect(Math.abs(again.getBoundingClientRect().top - before)).to.be.lessThan(2);
  });

  it('without a room, the composer is disabled and says why, and send() rejects with no-room instead of waiting', async () => {
    const chat = standalone([]);
    await chat.updateComplete;
    const input = shadow(chat).querySelector('textarea')!;
    expect(input.disabled).to.equal(true);
    const hint = shadow(chat).querySelector('[part="composer-hint"]')!;
    expect(hint.textContent).to.equal('Not connected to a room: messages cannot be sent.');
    expect(input.getAttribute('aria-describedby')).to.equal(hint.id);
    const error = await chat.send('hello').then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(PeerChatError);
    expect((error as PeerChatError).code).to.equal('no-room');
  });

  it('a send that fails keeps its text in the log with retry and edit; edit puts the text back in the composer', async () => {
    const { chat } = await chatIn('Ann', `ux-${Math.random()}`);
    await chat.historyLoaded;
    const errors: string[] = [];
    chat.addEventListener('peer-error', (event) => errors.push(String(event.detail.code)));
    const input = shadow(chat).querySelector('textarea')!;
    // Over the core's limit (the attribute stops typing, not a value set by a script or an IME).
    const long = `keep me ${'x'.repeat(16_400)}`;
    input.value = long;
    input.form!.requestSubmit();
    expect(input.value).to.equal('');
    await domCondition(shadow(chat), () => shadow(chat).querySelector('[part="send-error"]') !== null);
    const failed = shadow(chat).querySelector('[part~="message-pending"]')!;
    expect(failed.querySelector('[part="text"]')!.textContent).to.equal(long);
    expect(failed.querySelector('[part="send-error"]')!.getAttribute('role')).to.equal('alert');
    expect(errors).to.deep.equal(['too-long']);
    expect(failed.querySelector('[part~="retry"]')).to.not.equal(null);
    input.value = 'draft';
    failed.querySelector<HTMLButtonElement>('[part~="edit"]')!.click();
    await chat.updateComplete;
    expect(input.value).to.equal(`draft\n${long}`);
    expect(shadow(chat).querySelector('[part~="message-pending"]')).to.equal(null);
    expect(shadow(chat).activeElement).to.equal(input);
  });

  it('shows a skeleton and aria-busy while the history loads, then the messages', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = memoryStore();
    const slow: KeyValueStore = { ...inner, getItem: async (key) => (await gate, inner.getItem(key)), keys: async () => (await gate, inner.keys()) };
    const { chat } = await chatIn('Ann', `ux-${Math.random()}`, slow);
    await domCondition(shadow(chat), () => shadow(chat).querySelector('[part="skeleton"]') !== null);
    const log = shadow(chat).querySelector('[part="log"]')!;
    expect(log.getAttribute('aria-busy')).to.equal('true');
    expect(shadow(chat).querySelector('[part="empty"]')).to.equal(null);
    release();
    await chat.historyLoaded;
    expect(shadow(chat).querySelector('[part="skeleton"]')).to.equal(null);
    expect(log.getAttribute('aria-busy')).to.equal('false');
    expect(shadow(chat).querySelector('[part="empty"]')).to.not.equal(null);
  });

  it('reads out only new messages from others: not its own, not the history, not delivery changes (the log itself is not live)', async () => {
    const ns = `ux-${Math.random()}`;
    const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
    await Promise.all([connectedTo(ann.room, ben.room.selfId!), connectedTo(ben.room, ann.room.selfId!), ann.chat.historyLoaded, ben.chat.historyLoaded]);
    expect(shadow(ben.chat).querySelector('[part="log"]')!.getAttribute('aria-live')).to.equal('off');
    await ann.chat.send('hello Ben');
    await domCondition(shadow(ben.chat), () => ben.chat.announcement !== '');
    expect(ben.chat.announcement).to.equal('\u2068Ann\u2069: hello Ben');
    expect(shadow(ben.chat).querySelector('[part="announcer"]')!.textContent).to.equal(ben.chat.announcement);
    // Ann's own message turning delivered is not read to Ann.
    await domCondition(shadow(ann.chat), () => ann.chat.messages[0]?.state === 'delivered');
    expect(ann.chat.announcement).to.equal('');
  });

  it('reads a burst as one line: "3 new messages"', async () => {
    const ns = `ux-${Math.random()}`;
    const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
    await Promise.all([connectedTo(ann.room, ben.room.selfId!), connectedTo(ben.room, ann.room.selfId!), ann.chat.historyLoaded, ben.chat.historyLoaded]);
    await Promise.all(['one', 'two', 'three'].map((text) => ann.chat.send(text)));
    await domCondition(shadow(ben.chat), () => ben.chat.announcement !== '');
    expect(ben.chat.announcement).to.equal('3 new messages');
  });

  it('one tab stop in the log: arrow keys move between messages, Home and End go to either end', async () => {
    const start = Date.now() - 100_000;
    const chat = standalone(Array.from({ length: 5 }, (_, i) => said(BEN, 'Ben', `m${i}`, start + i * 1000)));
    await chat.updateComplete;
    const stops = () => all(chat, '[part="log"] [tabindex="0"]');
    expect(stops().map((node) => node.querySelector('[part="text"]')!.textContent)).to.deep.equal(['m4']);
    stops()[0]!.focus();
    const focused = () => (shadow(chat).activeElement as HTMLElement | null)?.querySelector('[part="text"]')?.textContent;
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()).to.equal('m3');
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal('m0');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal('m1');
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal('m4');
    await chat.updateComplete;
    expect(stops()).to.have.length(1);
    expect(await accessibilityViolations(chat)).to.deep.equal([]);
  });

  it('renders a message with renderMessage (as text, never HTML), and projects the header and empty slots', async () => {
    const chat = document.createElement('peer-chat');
    chat.innerHTML = '<h2 slot="header">Team room</h2><p slot="empty">Nothing here yet</p>';
    mount(chat);
    await chat.updateComplete;
    const slotted = (name: string) => shadow(chat).querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!.assignedElements().map((node) => node.textContent);
    expect(slotted('header')).to.deep.equal(['Team room']);
    expect(slotted('empty')).to.deep.equal(['Nothing here yet']);
    chat.renderMessage = (entry) => html`<strong class="mine">${entry.text.toUpperCase()}</strong>`;
    chat.messages = [said(BEN, 'Ben', '<img src=x onerror="window.customPwned=1"> hi', Date.now())];
    await chat.updateComplete;
    const custom = shadow(chat).querySelector('[part="custom"] strong.mine')!;
    expect(custom.textContent).to.equal('<IMG SRC=X ONERROR="WINDOW.CUSTOMPWNED=1"> HI');
    expect(shadow(chat).querySelector('img')).to.equal(null);
    expect(shadow(chat).querySelector('[part="author"]')!.textContent).to.equal('Ben');
  });

  it('opens the reaction picker from the keyboard; Escape closes it and puts focus back on its button', async () => {
    const { chat } = await chatIn('Ann', `ux-${Math.random()}`);
    await chat.historyLoaded;
    await chat.send('pick one');
    await domCondition(shadow(chat), () => shadow(chat).querySelector('[part~="add-reaction"]') !== null);
    shadow(chat).querySelector<HTMLElement>('[part~="add-reaction"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await chat.updateComplete;
    expect(shadow(chat).querySelector('[part="reaction-picker"]')).to.not.equal(null);
    await sendKeys({ press: 'Tab' });
    expect(shadow(chat).activeElement!.closest('[part="reaction-picker"]')).to.not.equal(null);
    await sendKeys({ press: 'Escape' });
    await chat.updateComplete;
    expect(shadow(chat).querySelector('[part="reaction-picker"]')).to.equal(null);
    expect(shadow(chat).activeElement!.matches('[part~="add-reaction"]')).to.equal(true);
  });

  describe('between peers', () => {
    async function pair(): Promise<{ ann: { room: PeerRoomElement; chat: PeerChatElement }; ben: { room: PeerRoomElement; chat: PeerChatElement } }> {
      const ns = `ux-${Math.random()}`;
      const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
      await Promise.all([connectedTo(ann.room, ben.room.selfId!), connectedTo(ben.room, ann.room.selfId!), ann.chat.historyLoaded, ben.chat.historyLoaded]);
      return { ann, ben };
    }

    it('a reaction picked in the UI shows on both sides, named with who reacted; pressing the chip again takes it back', async () => {
      const { ann, ben } = await pair();
      await ann.chat.send('lunch at one?');
      await domCondition(shadow(ben.chat), () => all(ben.chat, '[part="text"]').length === 1);
      shadow(ben.chat).querySelector<HTMLButtonElement>('[part~="add-reaction"]')!.click();
      await ben.chat.updateComplete;
      const picks = all(ben.chat, '[part="reaction-picker"] button');
      expect(picks.map((pick) => pick.textContent)).to.include('👍');
      picks.find((pick) => pick.textContent === '👍')!.click();
      const chip = (chat: PeerChatElement) => shadow(chat).querySelector<HTMLButtonElement>('[part="reaction"]');
      await domCondition(shadow(ann.chat), () => chip(ann.chat) !== null);
      expect(chip(ann.chat)!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('👍 1');
      expect(chip(ann.chat)!.getAttribute('aria-pressed')).to.equal('false');
      expect(chip(ann.chat)!.getAttribute('aria-label')).to.equal('👍 1: \u2068Ben\u2069');
      await domCondition(shadow(ben.chat), () => chip(ben.chat) !== null);
      expect(chip(ben.chat)!.getAttribute('aria-pressed')).to.equal('true');
      // Focus stayed with the message's reaction controls, not lost to the page.
      expect(shadow(ben.chat).activeElement?.closest('article')?.querySelector('[part="text"]')?.textContent).to.equal('lunch at one?');
      // Reactions are not messages in the log.
      expect(ann.chat.messages).to.have.length(1);
      chip(ben.chat)!.click();
      await domCondition(shadow(ann.chat), () => chip(ann.chat) === null);
      expect(await accessibilityViolations(ann.chat)).to.deep.equal([]);
    });

    it('shows who is typing (the name isolated), and stops when they send', async () => {
      const { ann, ben } = await pair();
      const input = shadow(ben.chat).querySelector('textarea')!;
      input.value = 'hel';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      const typing = () => shadow(ann.chat).querySelector('[part="typing"]')!.textContent;
      await domCondition(shadow(ann.chat), () => typing() !== '');
      expect(typing()).to.equal('\u2068Ben\u2069 is typing…');
      input.value = 'hello';
      input.form!.requestSubmit();
      // "Stopped" goes on the typing channel, the message on chat's: either may come first.
      await domCondition(shadow(ann.chat), () => typing() === '' && all(ann.chat, '[part="text"]').length === 1);
      expect(all(ann.chat, '[part="text"]').map((node) => node.textContent)).to.deep.equal(['hello']);
    });

    it('says "Seen by" under the sender\'s newest message the reader has seen', async () => {
      const { ann, ben } = await pair();
      await ann.chat.send('first');
      await ann.chat.send('second');
      await domCondition(shadow(ben.chat), () => all(ben.chat, '[part="text"]').length === 2);
      const seen = () => all(ann.chat, '[part="seen-by"]');
      const under = () => seen()[0]?.closest('article')?.querySelector('[part="text"]')?.textContent;
      // Ben may see "first" before "second" arrives: the mark is under "first" for a moment, then moves.
      await domCondition(shadow(ann.chat), () => seen().length === 1 && under() === 'second');
      expect(seen()[0]!.textContent).to.equal('Seen by \u2068Ben\u2069');
    });
  });
});
