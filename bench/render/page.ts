/**
 * One side of bench/render, driven by run.ts: `<peer-chat>` given N messages (first render, then
 * appends), next to a baseline that renders every message as plain DOM, as a log without
 * windowing does. Times include script, style and layout (forced by reading the layout).
 */
import type { ChatEntry, PeerChatElement } from '../../src/elements/peer-chat/peer-chat.js';
import '../../src/elements/peer-chat/define.js';

const authors = ['ABCDEF0123456789ABCDEF0123456789ABCDEF01', '0123456789ABCDEF0123456789ABCDEF01234567', 'FEDCBA9876543210FEDCBA9876543210FEDCBA98'];
const author = authors[0]!;

/** A conversation: authors take turns every three messages (so rows form groups), a third of the groups are the reader's own. */
function messages(count: number): ChatEntry[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const group = Math.floor(i / 3);
    const own = group % 3 === 0;
    return { id: `m${String(i).padStart(6, '0')}`, from: authors[group % 3]!, author: `Someone ${group % 3}`, text: `message number ${i}: some words of chat text`, time: now - (count - i) * 1000, own, ...(own ? { state: 'delivered' as const } : {}) };
  });
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

/** Scrolls a log of `count` back to its first message, a page at a time: the rows rendered at most, and the mean time of a page. */
async function scrollBack(count: number): Promise<{ pages: number; pageMs: number; maxRows: number }> {
  const chat = document.createElement('peer-chat') as PeerChatElement;
  document.body.append(chat);
  chat.messages = messages(count);
  await chat.updateComplete;
  const log = chat.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
  const rows = () => chat.shadowRoot!.querySelectorAll('[part~="message"]').length;
  const firstShown = () => chat.shadowRoot!.querySelector('[part="text"]')?.textContent ?? '';
  let pages = 0;
  let total = 0;
  let maxRows = rows();
  while (!firstShown().startsWith('message number 0:') && pages < count) {
    total += await timed(async () => {
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      await chat.updateComplete;
    }, () => log);
    pages++;
    maxRows = Math.max(maxRows, rows());
  }
  chat.remove();
  return { pages, pageMs: total / Math.max(1, pages), maxRows };
}

(window as unknown as { bench: object }).bench = { peerChat, plainDom, scrollBack };
(window as unknown as { benchReady: boolean }).benchReady = true;
