/**
 * `<peer-chat>`: a message log and a composer. It renders a window of the newest messages (older
 * ones page in when the reader scrolls to the top), so a log of 10,000 costs what 100 do. Text is
 * always rendered as text. Inside a `<peer-room>` it sends and receives through the room; the
 * `messages` property can also be fed from elsewhere (a history store).
 */
import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { PeerElement } from '../peer-element.js';
import { RoomFollower } from '../room-follower.js';
import { peerChatStyles } from './peer-chat.styles.js';

export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'failed';

export interface ChatEntry {
  readonly id: string;
  /** Author's peer id. */
  readonly from: string;
  /** Author's display name, when known. */
  readonly author: string;
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly own: boolean;
  /** Own messages only. */
  readonly state?: DeliveryState;
}

export interface PeerChatStrings {
  readonly label: string;
  readonly empty: string;
  readonly placeholder: string;
  readonly send: string;
  readonly you: string;
  readonly unread: string;
  readonly jumpToLatest: (unread: number) => string;
  readonly state: Record<DeliveryState, string>;
}

const defaultStrings: PeerChatStrings = {
  label: 'Messages',
  empty: 'No messages yet. Say hello.',
  placeholder: 'Write a message (Enter sends, Shift+Enter for a new line)',
  send: 'Send',
  you: 'You',
  unread: 'New messages',
  jumpToLatest: (unread) => (unread > 0 ? `${unread} new ↓` : 'Latest ↓'),
  state: { queued: 'Queued', sent: 'Sent', delivered: 'Delivered', failed: 'Failed' },
};

/** Chat frames inside room messages; the signed, synced history of the chat issue replaces them. */
type ChatFrame = { t: 'chat'; id: string; text: string; time: number } | { t: 'ack'; id: string };
const MAX_TEXT = 16_384;

function parseFrame(data: string): ChatFrame | undefined {
  try {
    const frame = JSON.parse(data) as Partial<ChatFrame> & Record<string, unknown>;
    if (frame.t === 'chat' && typeof frame.id === 'string' && typeof frame.text === 'string' && frame.text.length <= MAX_TEXT && typeof frame.time === 'number') {
      return { t: 'chat', id: frame.id.slice(0, 64), text: frame.text, time: frame.time };
    }
    if (frame.t === 'ack' && typeof frame.id === 'string') return { t: 'ack', id: frame.id.slice(0, 64) };
  } catch {
    // Not a chat frame: some other use of the room's messages.
  }
  return undefined;
}

/** How many of the newest messages render at first, and how many more each scroll to the top adds. */
const PAGE = 100;

/**
 * A message's time as shown and as `datetime`, computed once per message: `toLocaleTimeString`
 * builds a formatter per call, which made every re-render of the window cost milliseconds.
 */
const timeFormat = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
const formattedTimes = new WeakMap<ChatEntry, { shown: string; iso: string }>();
function timeOf(entry: ChatEntry): { shown: string; iso: string } {
  let formatted = formattedTimes.get(entry);
  if (!formatted) {
    const date = new Date(entry.time);
    formatted = { shown: timeFormat.format(date), iso: date.toISOString() };
    formattedTimes.set(entry, formatted);
  }
  return formatted;
}

/**
 * @tagname peer-chat
 * @summary A message log with delivery states and a composer.
 *
 * @fires peer-send - The user sent a message (cancelable: cancel to handle sending yourself). `detail: {id, text}`
 *
 * @csspart log - The scrolling message list (`role="log"`).
 * @csspart message - One message; also `message-own` for this peer's.
 * @csspart author - A message's author.
 * @csspart time - A message's time.
 * @csspart text - A message's text.
 * @csspart state - Delivery state of an own message.
 * @csspart unread-marker - The divider before the first unread message.
 * @csspart jump - The "new messages" button shown when scrolled up.
 * @csspart composer - The composer form.
 * @csspart input - The text area.
 * @csspart send - The send button.
 * @csspart empty - The empty state.
 *
 * @cssprop --peer-font - Font family.
 * @cssprop --peer-text - Text colour.
 * @cssprop --peer-muted - Secondary text colour.
 * @cssprop --peer-surface - Background of own messages' text.
 * @cssprop --peer-border - Borders.
 * @cssprop --peer-accent - Buttons, focus ring, unread marker.
 * @cssprop --peer-danger - Failed messages.
 * @cssprop --peer-chat-height - Height of the message log (default 20rem).
 */
export class PeerChatElement extends PeerElement {
  static override styles = peerChatStyles;

  static override properties = {
    for: { type: String },
    messages: { attribute: false },
    strings: { attribute: false },
  };

  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  declare for: string | undefined;
  /** Every message, oldest first. Set it to show history from elsewhere. */
  declare messages: readonly ChatEntry[];
  declare strings: Partial<PeerChatStrings>;

  readonly #follower = new RoomFollower(this, {
    'peer-message': (event) => this.#receive((event as CustomEvent<{ from: string; data: string }>).detail),
    'peer-connection-change': () => this.#flushQueued(),
  });
  /** How many of the newest messages are rendered. */
  #window = PAGE;
  #atBottom = true;
  #unread = 0;
  /** Id of the first message that arrived while the reader was away from the bottom. */
  #firstUnread: string | undefined;
  #counter = 0;

  constructor() {
    super();
    this.messages = [];
    this.strings = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('for')) this.#follower.refresh();
  }

  /** Sends `text` to everyone in the room; returns the message's id. */
  send(text: string): string | undefined {
    const trimmed = text.trim();
    if (!trimmed) return undefined;
    const id = `${Date.now().toString(36)}-${(this.#counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    if (!this.emit('peer-send', { id, text: trimmed }, { cancelable: true })) return id;
    const room = this.#follower.room;
    const connected = room?.peers.some((peer) => peer.state === 'connected') ?? false;
    this.#append({ id, from: room?.selfId ?? '', author: this.#strings().you, text: trimmed, time: Date.now(), own: true, state: connected ? 'sent' : 'queued' });
    if (connected) room!.broadcast(JSON.stringify({ t: 'chat', id, text: trimmed, time: Date.now() } satisfies ChatFrame));
    this.scrollToBottom();
    return id;
  }

  focusInput(): void {
    this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }

  scrollToBottom(): void {
    void this.updateComplete.then(() => {
      const log = this.#log();
      if (log) log.scrollTop = log.scrollHeight;
      this.#atBottom = true;
      this.#unread = 0;
      this.#firstUnread = undefined;
      this.requestUpdate();
    });
  }

  #strings(): PeerChatStrings {
    return { ...defaultStrings, ...this.strings };
  }

  #log(): HTMLElement | null {
    return this.renderRoot.querySelector('[part="log"]');
  }

  #receive({ from, data }: { from: string; data: string }): void {
    const frame = parseFrame(data);
    if (!frame) return;
    if (frame.t === 'ack') {
      this.#setState(frame.id, 'delivered', (entry) => entry.own);
      return;
    }
    if (this.messages.some((entry) => entry.id === frame.id && entry.from === from)) return;
    const author = this.#follower.room?.peers.find((peer) => peer.id === from)?.name ?? '';
    this.#append({ id: frame.id, from, author, text: frame.text, time: frame.time, own: false });
    this.#follower.room?.send(from, JSON.stringify({ t: 'ack', id: frame.id } satisfies ChatFrame));
    if (this.#atBottom) this.scrollToBottom();
    else {
      this.#unread++;
      this.#firstUnread ??= frame.id;
    }
  }

  /** Messages written while nobody was connected go out once someone is. */
  #flushQueued(): void {
    const room = this.#follower.room;
    if (!room?.peers.some((peer) => peer.state === 'connected')) return;
    for (const entry of this.messages) {
      if (!entry.own || entry.state !== 'queued') continue;
      room.broadcast(JSON.stringify({ t: 'chat', id: entry.id, text: entry.text, time: entry.time } satisfies ChatFrame));
      this.#setState(entry.id, 'sent', () => true);
    }
  }

  #append(entry: ChatEntry): void {
    this.messages = [...this.messages, entry];
  }

  #setState(id: string, state: DeliveryState, where: (entry: ChatEntry) => boolean): void {
    const at = this.messages.findIndex((entry) => entry.id === id && where(entry));
    if (at < 0 || this.messages[at]!.state === state) return;
    const next = [...this.messages];
    next[at] = { ...next[at]!, state };
    this.messages = next;
  }

  #onScroll(event: Event): void {
    const log = event.target as HTMLElement;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 8;
    if (atBottom !== this.#atBottom || (atBottom && this.#unread > 0)) {
      this.#atBottom = atBottom;
      if (atBottom) this.#unread = 0;
      this.requestUpdate();
    }
    // Near the top with older messages not rendered: page them in, keeping the reader's place.
    if (log.scrollTop < 40 && this.#window < this.messages.length) {
      const before = log.scrollHeight;
      this.#window += PAGE;
      this.requestUpdate();
      void this.updateComplete.then(() => (log.scrollTop += log.scrollHeight - before));
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    (event.target as HTMLTextAreaElement).form?.requestSubmit();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector('textarea')!;
    if (this.send(input.value)) input.value = '';
  }

  protected override render() {
    const strings = this.#strings();
    const shown = this.messages.slice(-this.#window);
    return html`
      <div part="log" class="log" role="log" aria-live="polite" aria-label=${strings.label} tabindex="0" @scroll=${this.#onScroll}>
        ${shown.length === 0 ? html`<p part="empty" class="empty">${strings.empty}</p>` : nothing}
        ${repeat(
          shown,
          (entry) => `${entry.from}/${entry.id}`,
          (entry) => {
            const time = timeOf(entry);
            return html`
            ${entry.id === this.#firstUnread ? html`<div part="unread-marker" class="unread" role="separator">${strings.unread}</div>` : nothing}
            <article part=${entry.own ? 'message message-own' : 'message'} class="message ${entry.own ? 'own' : ''}">
              <header>
                <span part="author" class="author">${entry.own ? strings.you : entry.author || entry.from.slice(0, 8).toUpperCase()}</span>
                <time part="time" datetime=${time.iso}>${time.shown}</time>
                ${entry.own && entry.state ? html`<span part="state" class="state ${entry.state}">${strings.state[entry.state]}</span>` : nothing}
              </header>
              <p part="text" class="text">${entry.text}</p>
            </article>
          `;
          },
        )}
      </div>
      ${this.#atBottom ? nothing : html`<button part="jump" class="jump" type="button" @click=${() => this.scrollToBottom()}>${strings.jumpToLatest(this.#unread)}</button>`}
      <form part="composer" class="composer" @submit=${this.#onSubmit}>
        <textarea part="input" rows="2" aria-label=${strings.placeholder} placeholder=${strings.placeholder} maxlength=${MAX_TEXT} @keydown=${this.#onKeydown}></textarea>
        <button part="send" type="submit">${strings.send}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-chat': PeerChatElement;
  }
}
