import { expect } from 'chai';
import { mountedPerTest } from '../../../test/support/elements.js';
import type { ChatEntry, PeerChatElement } from './peer-chat.js';
import './define.js';

describe('<peer-chat> layout', () => {
  const mount = mountedPerTest();
  const now = Date.now();
  const many: ChatEntry[] = Array.from({ length: 80 }, (_, i) => ({ id: `m${i}`, from: 'x'.repeat(40), author: 'Someone', text: `message ${i}`, time: now + i, own: false }));

  function box(chat: PeerChatElement, part: string): DOMRect {
    return chat.shadowRoot!.querySelector(`[part="${part}"]`)!.getBoundingClientRect();
  }

  /** The log's height inside its padding and border (what --peer-chat-height sets, as in 0.1). */
  function logContentHeight(chat: PeerChatElement): number {
    const log = chat.shadowRoot!.querySelector('[part="log"]')!;
    const style = getComputedStyle(log);
    const edges = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'] as const;
    return log.getBoundingClientRect().height - edges.reduce((sum, edge) => sum + parseFloat(style[edge]), 0);
  }

  async function chatIn(container: HTMLElement): Promise<PeerChatElement> {
    const chat = document.createElement('peer-chat');
    chat.messages = many;
    container.append(chat);
    mount(container);
    await chat.updateComplete;
    return chat;
  }

  it('with no height from its container, the log is 20rem (or --peer-chat-height) however many messages it holds', async () => {
    const container = document.createElement('div');
    const chat = await chatIn(container);
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    expect(logContentHeight(chat)).to.equal(20 * rem);
    chat.style.setProperty('--peer-chat-height', '150px');
    expect(logContentHeight(chat)).to.equal(150);
  });

  it('fills a container with a height, and the free space of a flex column beside other content', async () => {
    const sized = document.createElement('div');
    sized.style.cssText = 'display: grid; height: 700px';
    const chat = await chatIn(sized);
    expect(chat.getBoundingClientRect().height).to.equal(700);
    expect(box(chat, 'composer').bottom).to.equal(chat.getBoundingClientRect().bottom);

    const column = document.createElement('div');
    column.style.cssText = 'display: flex; flex-direction: column; height: 500px';
    const header = Object.assign(document.createElement('h2'), { textContent: 'Room' });
    column.append(header);
    const inColumn = await chatIn(column);
    expect(inColumn.getBoundingClientRect().bottom).to.equal(column.getBoundingClientRect().bottom);
    expect(inColumn.getBoundingClientRect().top).to.be.at.least(header.getBoundingClientRect().bottom);
    // Smaller than the 20rem default: the log gives way rather than overflowing the container.
    column.style.height = '200px';
    expect(inColumn.getBoundingClientRect().bottom).to.equal(column.getBoundingClientRect().bottom);
  });

  it('opens a log set by hand at its newest message', async () => {
    const chat = await chatIn(document.createElement('div'));
    const log = chat.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
    expect(log.scrollHeight, 'the log overflows').to.be.greaterThan(log.clientHeight * 2);
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.lessThan(2);
    expect(chat.shadowRoot!.querySelector('[part~="jump"]'), 'no "jump to latest": the reader is at the newest').to.equal(null);
  });

  /** After the browser has laid out and painted twice: resize observers have run, and what they scrolled is done. */
  const twoFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

  it('stays at the newest message when the last one grows (a photo loaded, a reaction); a reader scrolled up stays put', async () => {
    const grower = document.createElement('div');
    grower.style.blockSize = '10px';
    const chat = document.createElement('peer-chat');
    chat.renderMessage = (entry) => (entry.id === 'm79' ? grower : entry.text);
    const container = document.createElement('div');
    chat.messages = many;
    container.append(chat);
    mount(container);
    await chat.updateComplete;
    const log = chat.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
    const toEnd = () => log.scrollHeight - log.scrollTop - log.clientHeight;
    expect(toEnd()).to.be.lessThan(2);
    // Later, as a photo loads or a reaction arrives: after the log's own scroll has been handled.
    await twoFrames();
    grower.style.blockSize = '240px';
    await twoFrames();
    expect(toEnd(), 'still at the end').to.be.lessThan(2);

    log.scrollTop = 100;
    log.dispatchEvent(new Event('scroll'));
    await chat.updateComplete;
    grower.style.blockSize = '400px';
    await twoFrames();
    expect(log.scrollTop, 'the reader above stays where they were').to.equal(100);
  });

  it('puts "jump to latest" at the bottom end of the log, inside it, whatever the composer\'s height', async () => {
    const chat = await chatIn(document.createElement('div'));
    const log = chat.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    await chat.updateComplete;
    const textarea = chat.shadowRoot!.querySelector('textarea')!;
    for (const rows of [2, 8]) {
      textarea.rows = rows;
      const jump = box(chat, 'jump');
      const logBox = box(chat, 'log');
      expect(jump.bottom).to.be.lessThan(logBox.bottom);
      expect(logBox.bottom - jump.bottom).to.be.lessThan(24);
      expect(jump.right).to.be.lessThan(logBox.right);
      expect(logBox.right - jump.right).to.be.lessThan(24);
    }
  });
});
