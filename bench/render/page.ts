/**
 * One side of bench/render, driven by run.ts: `<peer-chat>` given N messages (first render, then
 * appends), next to a baseline that renders every message as plain DOM, as a log without
 * windowing does. Times include script, style and layout (forced by reading the layout).
 */
import type { ChatEntry, PeerChatElement } from '../../src/elements/peer-chat/peer-chat.js';
import '../../src/elements/peer-chat/define.js';

const author = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';

function messages(count: number): ChatEntry[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({ id: `m${i}`, from: author, author: 'Someone', text: `message number ${i}: some words of chat text`, time: now + i, own: i % 3 === 0, ...(i % 3 === 0 ? { state: 'delivered' as const } : {}) }));
}

/**
 * Script, style and layout of `work`: reading a layout property afterwards makes the browser
 * finish style and layout synchronously (paint is left out: it happens off the main thread).
 */
async function timed(work: () => unknown, layoutOf: () => Element): Promise<number> {
  const start = performance.now();
  await work();
  void layoutOf().getBoundingClientRect().height;
  return performance.now() - start;
}

async function peerChat(count: number, appends: number): Promise<{ first: number; append: number }> {
  const chat = document.createElement('peer-chat') as PeerChatElement;
  document.body.append(chat);
  const all = messages(count);
  const log = () => chat.shadowRoot!.querySelector('[part="log"]')!;
  const first = await timed(async () => {
    chat.messages = all;
    await chat.updateComplete;
    log().scrollTop = log().scrollHeight;
  }, log);
  let total = 0;
  for (let i = 0; i < appends; i++) {
    total += await timed(async () => {
      chat.messages = [...chat.messages, { id: `new${i}`, from: author, author: 'Someone', text: `appended ${i}`, time: Date.now(), own: false }];
      await chat.updateComplete;
      log().scrollTop = log().scrollHeight;
    }, log);
  }
  chat.remove();
  return { first, append: total / appends };
}

/** Every message as DOM, the way a log without windowing renders. */
async function plainDom(count: number, appends: number): Promise<{ first: number; append: number }> {
  const log = document.createElement('div');
  log.style.cssText = 'height: 20rem; overflow-y: auto';
  document.body.append(log);
  const row = (entry: ChatEntry) => {
    const article = document.createElement('article');
    const header = document.createElement('header');
    header.textContent = `${entry.author} ${new Date(entry.time).toLocaleTimeString()}`;
    const text = document.createElement('p');
    text.textContent = entry.text;
    article.append(header, text);
    return article;
  };
  const all = messages(count);
  const first = await timed(() => {
    log.append(...all.map(row));
    log.scrollTop = log.scrollHeight;
  }, () => log);
  let total = 0;
  for (let i = 0; i < appends; i++) {
    total += await timed(() => {
      log.append(row({ id: `new${i}`, from: author, author: 'Someone', text: `appended ${i}`, time: Date.now(), own: false }));
      log.scrollTop = log.scrollHeight;
    }, () => log);
  }
  log.remove();
  return { first, append: total / appends };
}

(window as unknown as { bench: object }).bench = { peerChat, plainDom };
(window as unknown as { benchReady: boolean }).benchReady = true;
