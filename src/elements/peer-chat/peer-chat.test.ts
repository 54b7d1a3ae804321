import { CHAT_CHANNEL } from '../../core/chat/channel.js';
import type { Room } from '../../core/room/room.js';
import { expect } from 'chai';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { connectedTo, roomElement, mountedPerTest } from '../../../test/support/elements.js';
import { ChatAuthor } from '../../core/chat/message.js';
import { FileStore } from '../../core/files/index.js';
import { ChatHistory } from '../../core/chat/history.js';
import { browserStore } from '../../core/platform/storage.js';
import { identityNamed } from '../../../test/support/identities.js';
import { historyStore } from './chat-session.js';
import type { PeerEventMap } from '../events.js';
import type { PeerRoomElement } from '../peer-room/peer-room.js';
import type { ChatEntry, PeerChatElement } from './peer-chat.js';
import './define.js';

describe('<peer-chat>', function () {
  this.timeout(30_000);
  const mount = mountedPerTest();

  async function chatIn(name: string, ns: string, attributes: Record<string, string> = {}): Promise<{ room: PeerRoomElement; chat: PeerChatElement }> {
    const room = await roomElement(name, { ns, room: 'chat' });
    const chat = document.createElement('peer-chat');
    for (const [key, value] of Object.entries(attributes)) chat.setAttribute(key, value);
    room.append(chat);
    mount(room);
    return { room, chat };
  }

  const texts = (chat: PeerChatElement) => [...chat.shadowRoot!.querySelectorAll('[part="text"]')].map((node) => node.textContent);

  /** Resolves once `chat.messages` satisfies `done`, checking after every frame (the test's timeout bounds it). */
  async function until(chat: PeerChatElement, done: (messages: readonly ChatEntry[]) => boolean): Promise<void> {
    while (!done(chat.messages)) await new Promise((resolve) => requestAnimationFrame(resolve));
    await chat.updateComplete;
  }

  it('sends with Enter, shows the message on the other side as text, and turns sent into delivered', async () => {
    const ns = `chat-${Math.random()}`;
    const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
    await Promise.all([connectedTo(ann.room, ben.room.identity!.fingerprint), connectedTo(ben.room, ann.room.identity!.fingerprint)]);
    const input = ann.chat.shadowRoot!.querySelector('textarea')!;
    input.value = '<img src=x onerror="window.chatPwned=1"> hello Ben';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    await until(ben.chat, (messages) => messages.length === 1);
    expect(texts(ben.chat)).to.deep.equal(['<img src=x onerror="window.chatPwned=1"> hello Ben']);
    expect(ben.chat.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { chatPwned?: number }).chatPwned).to.equal(undefined);
    expect(ben.chat.shadowRoot!.querySelector('[part="author"]')!.textContent).to.equal('Ann');
    expect(input.value).to.equal('');
    await until(ann.chat, (messages) => messages[0]?.state === 'delivered');
    // The state is an icon named by it (a word on every message was noise).
    expect(ann.chat.shadowRoot!.querySelector('[part="state"]')!.getAttribute('aria-label')).to.equal('Delivered');
    expect(ann.chat.shadowRoot!.querySelector('[part="state"] svg')).to.not.equal(null);
    expect(await accessibilityViolations(ben.chat)).to.deep.equal([]);
  });

  it('while the reader is scrolled up, marks the first unread message and counts new ones on the jump button', async () => {
    const ns = `chat-${Math.random()}`;
    const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
    await Promise.all([connectedTo(ann.room, ben.room.identity!.fingerprint), connectedTo(ben.room, ann.room.identity!.fingerprint)]);
    await ben.chat.historyLoaded;
    const now = Date.now();
    ben.chat.messages = Array.from({ length: 60 }, (_, i) => ({ id: `old${i}`, from: 'x'.repeat(40), author: 'Someone', text: `old ${i}`, time: now - 60_000 + i, own: false }));
    await ben.chat.updateComplete;
    const log = ben.chat.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    void ann.chat.send('while you were reading');
    await until(ben.chat, (messages) => messages.some((entry) => entry.text === 'while you were reading'));
    const marker = ben.chat.shadowRoot!.querySelector('[part="unread-marker"]');
    expect(marker?.nextElementSibling?.querySelector('[part="text"]')?.textContent).to.equal('while you were reading');
    expect(ben.chat.shadowRoot!.querySelector('[part~="jump"]')!.textContent!.trim()).to.equal('1 new');
    (ben.chat.shadowRoot!.querySelector('[part="jump"]') as HTMLButtonElement).click();
    await until(ben.chat, () => ben.chat.shadowRoot!.querySelector('[part="jump"]') === null);
  });

  it('keeps its history open when its room is moved on the page (out and back in within one task)', async () => {
    const ns = `chat-${Math.random()}`;
    const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
    await Promise.all([connectedTo(ann.room, ben.room.selfId!), ann.chat.historyLoaded]);
    await ann.chat.send('before the move');
    await until(ann.chat, (messages) => messages.length === 1);
    const shown = ann.chat.messages;
    const elsewhere = document.createElement('section');
    mount(elsewhere);
    elsewhere.append(ann.room);
    await ann.chat.updateComplete;
    await ann.chat.historyLoaded;
    // Closed and opened again, the history would have been read back into a new array.
    expect(ann.chat.messages === shown, 'the same history, not reloaded').to.equal(true);
    await ann.chat.send('after the move');
    await until(ben.chat, (messages) => messages.length === 2);
    expect(texts(ben.chat)).to.deep.equal(['before the move', 'after the move']);
  });

  it('Shift+Enter makes a new line instead of sending; an empty message is not sent', async () => {
    const { chat } = await chatIn('Ann', `chat-${Math.random()}`);
    await chat.updateComplete;
    const input = chat.shadowRoot!.querySelector('textarea')!;
    input.value = 'line one';
    const shifted = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true });
    input.dispatchEvent(shifted);
    expect(shifted.defaultPrevented).to.equal(false);
    expect(chat.messages).to.deep.equal([]);
    expect(await chat.send('   ')).to.equal(undefined);
    expect(chat.messages).to.deep.equal([]);
    expect(chat.shadowRoot!.querySelector('[part="empty"]')).to.not.equal(null);
    expect(await accessibilityViolations(chat)).to.deep.equal([]);
  });

  it('queues a message while nobody is connected and sends it when someone is', async () => {
    const ns = `chat-${Math.random()}`;
    const ann = await chatIn('Ann', ns);
    await ann.chat.updateComplete;
    await ann.chat.send('anyone?');
    expect(ann.chat.messages[0]!.state).to.equal('queued');
    const ben = await chatIn('Ben', ns);
    await until(ben.chat, (messages) => messages.some((entry) => entry.text === 'anyone?'));
    await until(ann.chat, (messages) => messages[0]?.state === 'delivered');
  });

  it('lets a listener take over sending by cancelling peer-send', async () => {
    const { chat } = await chatIn('Ann', `chat-${Math.random()}`);
    const taken: string[] = [];
    chat.addEventListener('peer-send', (event) => (event.preventDefault(), taken.push(event.detail.text)), { once: true });
    expect(await chat.send(' mine ')).to.equal(undefined);
    expect(taken).to.deep.equal(['mine']);
    await chat.historyLoaded;
    expect(chat.messages).to.deep.equal([]);
  });

  it('renders only a window of a 10,000-message log, paging older ones in at the top', async () => {
    const { chat } = await chatIn('Ann', `chat-${Math.random()}`);
    await chat.historyLoaded;
    const now = Date.now();
    chat.messages = Array.from({ length: 10_000 }, (_, i) => ({ id: `m${i}`, from: 'x'.repeat(40), author: 'Someone', text: `message ${i}`, time: now + i, own: false }));
    await chat.updateComplete;
    const rendered = () => chat.shadowRoot!.querySelectorAll('[part~="message"]').length;
    expect(rendered()).to.equal(100);
    expect(texts(chat).at(-1)).to.equal('message 9999');
    const log = chat.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    await chat.updateComplete;
    expect(rendered()).to.equal(200);
    expect(texts(chat)[0]).to.equal('message 9800');
    // Scrolled up: the jump-to-latest button shows, and the state is still accessible.
    expect(chat.shadowRoot!.querySelector('[part="jump"]')).to.not.equal(null);
    expect(await accessibilityViolations(chat)).to.deep.equal([]);
  });

  it('keeps the history across a reload: a new <peer-chat> in the same room shows what was sent', async () => {
    const ns = `chat-${Math.random()}`;
    const first = await chatIn('Ann', ns);
    for (const text of ['one', 'two', 'three']) await first.chat.send(text);
    first.room.remove();
    const again = await chatIn('Ann', ns);
    await again.chat.historyLoaded;
    expect(texts(again.chat)).to.deep.equal(['one', 'two', 'three']);
    expect(again.chat.messages.every((entry) => entry.own)).to.equal(true);
  });

  it('a peer that joins later gets what was said before it came, signed by its author', async () => {
    const ns = `chat-${Math.random()}`;
    const ann = await chatIn('Ann', ns);
    await ann.chat.send('before you came');
    await ann.chat.send('and this too');
    const ben = await chatIn('Ben', ns);
    await until(ben.chat, (messages) => messages.length === 2);
    expect(texts(ben.chat)).to.deep.equal(['before you came', 'and this too']);
    expect(ben.chat.messages.map((entry) => entry.from)).to.deep.equal([ann.room.selfId, ann.room.selfId]);
    await until(ann.chat, (messages) => messages.every((entry) => entry.state === 'delivered'));
  });

  it('loads a long stored history and pages older messages in as the reader scrolls up', async () => {
    const ns = `chat-${Math.random()}`;
    const ann = await identityNamed('Ann');
    const ben = await identityNamed('Ben');
    const stored = await ChatHistory.open({ ns, room: 'chat', store: await historyStore(ben.fingerprint, ns, 'chat') });
    const author = new ChatAuthor(ann);
    const start = Date.now() - 3_600_000;
    await stored.addKey(ann.fingerprint, ann.armoredPublicKey);
    await stored.addMany(await Promise.all(Array.from({ length: 250 }, (_, i) => author.compose({ ns, room: 'chat', text: `stored ${i}`, now: start + i * 1000 }))));
    const { chat } = await chatIn('Ben', ns);
    await chat.historyLoaded;
    expect(chat.messages).to.have.length(250);
    expect(texts(chat)).to.have.length(100);
    expect(texts(chat).at(-1)).to.equal('stored 249');
    const log = chat.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    await chat.updateComplete;
    expect(texts(chat)[0]).to.equal('stored 50');
    await stored.clear();
  });

  it('reports a message that fails its checks with peer-chat-rejected, and does not show it', async () => {
    const ns = `chat-${Math.random()}`;
    const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
    await Promise.all([connectedTo(ann.room, ben.room.selfId!), connectedTo(ben.room, ann.room.selfId!), ben.chat.historyLoaded]);
    const rejected = new Promise<PeerEventMap['peer-chat-rejected']['detail']>((resolve) => ben.chat.addEventListener('peer-chat-rejected', (event) => resolve(event.detail), { once: true }));
    // Ann's genuine message, but for another room: replayed here, it must not pass.
    const identity = await identityNamed('Ann');
    const elsewhere = await new ChatAuthor(identity).compose({ ns, room: 'elsewhere', text: 'not for this room' });
    void (ann.room.group as Room).channel(CHAT_CHANNEL).send(ben.room.selfId!, new TextEncoder().encode(JSON.stringify({ t: 'chat-messages', envs: [elsewhere.env], keys: { [identity.fingerprint]: identity.armoredPublicKey } })));
    expect(await rejected).to.deep.include({ from: ann.room.selfId, code: 'wrong-room' });
    expect(ben.chat.messages).to.deep.equal([]);
  });

  describe('attachments', () => {
    const png = () => Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const sha256 = async (bytes: BufferSource) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    async function part(chat: PeerChatElement, name: string): Promise<HTMLElement> {
      for (;;) {
        const found = chat.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
        if (found) return found;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    }

    it('an image sent with sendFiles previews on both sides, and the receiver holds the same bytes', async () => {
      const ns = `chat-${Math.random()}`;
      const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
      await Promise.all([connectedTo(ann.room, ben.room.selfId!), connectedTo(ben.room, ann.room.selfId!)]);
      const bytes = png();
      await ann.chat.sendFiles([new File([bytes], 'dot.png', { type: 'image/png' })], 'a dot');
      await until(ben.chat, (messages) => messages.length === 1);
      expect(ben.chat.messages[0]!.attachments).to.deep.equal([await sha256(bytes)]);
      const image = (await part(ben.chat, 'attachment-image')) as HTMLImageElement;
      expect(image.alt).to.equal('dot.png');
      expect(new Uint8Array(await (await fetch(image.src)).arrayBuffer())).to.deep.equal(bytes);
      expect(await part(ann.chat, 'attachment-image')).to.be.instanceOf(HTMLImageElement);
      expect(await accessibilityViolations(ben.chat)).to.deep.equal([]);
    });

    it('a file dropped on the chat arrives as a download anchor with its name and size', async () => {
      const ns = `chat-${Math.random()}`;
      const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
      await Promise.all([connectedTo(ann.room, ben.room.selfId!), connectedTo(ben.room, ann.room.selfId!), ann.chat.historyLoaded]);
      const transfer = new DataTransfer();
      transfer.items.add(new File(['hello, file'], 'notes.txt', { type: 'text/plain' }));
      const over = new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true });
      ann.chat.dispatchEvent(over);
      expect(over.defaultPrevented).to.equal(true);
      expect(ann.chat.dragging).to.equal(true);
      // A custom state for page styles, not an attribute anyone could set.
      expect(ann.chat.matches(':state(dragging)')).to.equal(true);
      expect(ann.chat.hasAttribute('dragging')).to.equal(false);
      // The overlay says what a drop will do (browsers tell the count while dragging, not the names).
      await ann.chat.updateComplete;
      expect(ann.chat.shadowRoot!.querySelector('[part="drop-overlay"]')!.textContent!.trim()).to.equal('Drop to send 1 file');
      ann.chat.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      expect(ann.chat.dragging).to.equal(false);
      expect(ann.chat.matches(':state(dragging)')).to.equal(false);
      await ann.chat.updateComplete;
      expect(ann.chat.shadowRoot!.querySelector('[part="drop-overlay"]')).to.equal(null);
      ann.chat.setAttribute('dragging', '');
      await ann.chat.updateComplete;
      expect(ann.chat.dragging).to.equal(false);
      expect(ann.chat.matches(':state(dragging)')).to.equal(false);
      ann.chat.removeAttribute('dragging');
      const anchor = (await part(ben.chat, 'attachment-download')) as HTMLAnchorElement;
      expect(anchor.download).to.equal('notes.txt');
      expect(anchor.textContent).to.equal('notes.txt (11 bytes)');
      expect(await (await fetch(anchor.href)).text()).to.equal('hello, file');
    });

    it('a peer\'s HTML or SVG file (even one declared image/png) is never previewed, and its download anchor saves it as application/octet-stream', async () => {
      const ns = `chat-${Math.random()}`;
      const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns)]);
      await Promise.all([connectedTo(ann.room, ben.room.selfId!), connectedTo(ben.room, ann.room.selfId!)]);
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="parent.chatPwned = 1"><rect width="9" height="9"/></svg>';
      const files = [
        new File(['<!doctype html><script>parent.chatPwned = 1</script>'], 'page.html', { type: 'text/html' }),
        new File([svg], 'drawing.svg', { type: 'image/svg+xml' }),
        new File([svg, ' '], 'photo.png', { type: 'image/png' }),
      ];
      await ann.chat.sendFiles(files, 'files');
      for (const chat of [ben.chat, ann.chat]) {
        await until(chat, (messages) => messages.length === 1);
        while (chat.shadowRoot!.querySelectorAll('[part~="attachment-download"]').length < files.length) await new Promise((resolve) => requestAnimationFrame(resolve));
        const anchors = [...chat.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="attachment-download"]')];
        expect(chat.shadowRoot!.querySelectorAll('[part~="attachment-image"]').length, 'no preview').to.equal(0);
        expect(anchors.map((anchor) => anchor.download)).to.deep.equal(['page.html', 'drawing.svg', 'photo.png']);
        for (const anchor of anchors) expect((await fetch(anchor.href)).headers.get('content-type'), anchor.download).to.equal('application/octet-stream');
        // The text reads above its files, not squeezed beside them.
        const text = chat.shadowRoot!.querySelector('[part="text"]')!.getBoundingClientRect();
        const firstFile = chat.shadowRoot!.querySelector('[part="attachment"]')!.getBoundingClientRect();
        expect(text.bottom, 'text above its files').to.be.at.most(firstFile.top + 0.5);
      }
      expect((window as unknown as { chatPwned?: number }).chatPwned).to.equal(undefined);
    });

    it('a file the receiver cannot take shows why where it would be, with a retry only when retrying can help', async () => {
      const ns = `chat-${Math.random()}`;
      const [ann, ben] = await Promise.all([chatIn('Ann', ns), chatIn('Ben', ns, { 'max-file-bytes': '8' })]);
      await Promise.all([connectedTo(ann.room, ben.room.selfId!), connectedTo(ben.room, ann.room.selfId!)]);
      await ann.chat.sendFiles([new File(['more than eight bytes'], 'big.txt', { type: 'text/plain' })]);
      while (!ben.chat.shadowRoot!.querySelector('.attachment.failed')) await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(ben.chat.shadowRoot!.querySelector('.attachment.failed [part~="attachment-error"]')?.textContent).to.equal('This file is larger than this chat accepts (too-large)');
      expect(ben.chat.shadowRoot!.querySelectorAll('[part~="attachment-retry"]').length, 'a retry cannot make it smaller').to.equal(0);
      expect(await accessibilityViolations(ben.chat)).to.deep.equal([]);
    });

    it('a member whose messages name more bytes of files than its share fills only its share: the user\'s own file and the one the user saved stay, the evicted one offers a retry', async () => {
      const ns = `chat-${Math.random()}`;
      const [ben, mal] = await Promise.all([chatIn('Ben', ns), chatIn('Mal', ns)]);
      await Promise.all([connectedTo(ben.room, mal.room.selfId!), connectedTo(mal.room, ben.room.selfId!), ben.chat.historyLoaded, mal.chat.historyLoaded]);
      const MIB = 1024 * 1024;
      const share = 16 * MIB; // FileStore's default share of one sender
      const random = (size: number) => {
        const bytes = new Uint8Array(size);
        for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
        return bytes;
      };
      const anchorOn = async (chat: PeerChatElement, name: string) => {
        for (;;) {
          const anchor = chat.shadowRoot!.querySelector<HTMLAnchorElement>(`[part~="attachment-download"][download="${name}"]`);
          if (anchor) return anchor;
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      };
      const own = random(1024);
      await ben.chat.sendFiles([new File([own], 'own.bin')]);
      // Mal's first file: Ben saves it (a click on its download anchor), so it is Ben's from then on.
      const saved = random(6 * MIB);
      await mal.chat.sendFiles([new File([saved], 'saved.bin')]);
      const savedAnchor = await anchorOn(ben.chat, 'saved.bin');
      savedAnchor.addEventListener('click', (event) => event.preventDefault()); // no real download in the test browser
      savedAnchor.click();
      // Then four more, one message each: 24 MiB, more than Mal's share.
      const flood: Uint8Array<ArrayBuffer>[] = [];
      for (let i = 0; i < 4; i++) {
        const bytes = random(6 * MIB);
        flood.push(bytes);
        await mal.chat.sendFiles([new File([bytes], `flood-${i}.bin`)]);
        await anchorOn(ben.chat, `flood-${i}.bin`);
      }
      // A file is evicted as the download that needs its room begins, so before that one is shown.
      await ben.chat.updateComplete;

      const store = new FileStore(await browserStore(`files:${ben.room.selfId!}`, 'peerkit-files'));
      const held = await Promise.all([own, saved, ...flood].map(async (bytes) => store.has(await sha256(bytes))));
      expect(held, 'own, saved, then Mal\'s flood: its newest within its share').to.deep.equal([true, true, false, false, true, true]);
      expect(await store.pushUsage(mal.room.selfId!)).to.be.at.most(share);
      const failed = [...ben.chat.shadowRoot!.querySelectorAll('.attachment.failed')];
      expect(failed.map((figure) => figure.querySelector('[part~="attachment-error"]')?.textContent)).to.deep.equal(Array<string>(2).fill('No room left on this device to keep this file (quota)'));
      expect(failed.every((figure) => figure.querySelector('[part~="attachment-retry"]')), 'each evicted file can be fetched again').to.equal(true);
    });

    it('refuses a file over max-file-bytes with a FileError, sending nothing', async () => {
      const { room, chat } = await chatIn('Ann', `chat-${Math.random()}`, { 'max-file-bytes': '4' });
      await chat.historyLoaded;
      try {
        await chat.sendFiles([new File(['too big'], 'big.txt')]);
        expect.fail('sent a file over the limit');
      } catch (error) {
        expect((error as { code?: string }).code).to.equal('too-large');
      }
      expect(chat.messages).to.deep.equal([]);
      expect(room.selfId).to.be.a('string');
    });
  });
});
