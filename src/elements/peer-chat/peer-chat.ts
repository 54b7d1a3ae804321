/**
 * `<peer-chat>`: a message log and a composer. Inside a `<peer-room>` it keeps the room's history
 * (signed messages in IndexedDB, loaded on start, written before anything is sent) and keeps it in
 * sync with every peer it links with, so a page that was away sees what it missed. It renders a
 * window of the newest messages (older ones page in when the reader scrolls to the top), so a log
 * of 10,000 costs what 100 do. Text is always rendered as text. The `messages` property can also
 * be set by hand, to show a log from elsewhere.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
// Types only: the core arrives with chat-session.js when the chat first meets a running room.
import type { ChatSyncEventMap } from '../../core/chat/sync.js';
import type { ChatMessage } from '../../core/chat/message.js';
import type { KeyValueStore } from '../../core/platform/storage.js';
import { CustomStates } from '../custom-states.js';
import { PeerElement } from '../peer-element.js';
import { ArrowDown, Paperclip } from 'lucide';
import { button } from '../blocks/button.js';
import { buttonStyles } from '../blocks/button.styles.js';
import { LocalizeController } from '../localize/localize-controller.js';
import type { Format } from '../localize/format.js';
import type { DeliveryState, PeerChatStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import type { RoomState } from '../room-context.js';
import { RoomFollower } from '../room-follower.js';
import { ChatAttachments, type AttachmentView } from './attachments.js';
import type { ChatSession } from './chat-session.js';
import { peerChatStyles } from './peer-chat.styles.js';

export type { DeliveryState, PeerChatStrings };

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
  /** SHA-256 digests (hex) of attached files. */
  readonly attachments?: readonly string[];
}

/** Codes a retry cannot fix: the file is over this chat's limit. */
const FINAL_FAILURES: ReadonlySet<string> = new Set(['too-large']);

/** The longest message the composer takes (the core's limit, MAX_CHAT_TEXT). */
const MAX_TEXT = 16_384;

/** A promise of the chat's session, for sends made before the room started. */
interface Readiness {
  readonly promise: Promise<ChatSession>;
  resolve(session: ChatSession): void;
  settled: boolean;
}
function readiness(): Readiness {
  let settle!: (session: ChatSession) => void;
  const ready: Readiness = {
    promise: new Promise<ChatSession>((resolve) => (settle = resolve)),
    resolve: (session) => {
      ready.settled = true;
      settle(session);
    },
    settled: false,
  };
  return ready;
}

/** How many of the newest messages render at first, and how many more each scroll to the top adds. */
const PAGE = 100;

/**
 * A message's time as shown, in full (its tooltip) and as `datetime`, computed once per message
 * and language: formatting each on every re-render of the window cost milliseconds.
 */
interface FormattedTime {
  readonly format: Format;
  readonly shown: string;
  readonly full: string;
  readonly iso: string;
}
const formattedTimes = new WeakMap<ChatEntry, FormattedTime>();
function timeOf(entry: ChatEntry, format: Format): FormattedTime {
  let formatted = formattedTimes.get(entry);
  if (formatted?.format !== format) {
    const date = new Date(entry.time);
    formatted = { format, shown: format.time(date), full: format.dateTime(date), iso: date.toISOString() };
    formattedTimes.set(entry, formatted);
  }
  return formatted;
}

/**
 * @tagname peer-chat
 * @summary A message log with delivery states and a composer.
 *
 * @fires peer-send - The user is sending a message (cancelable: cancel to handle sending yourself). `detail: {text}`
 * @fires peer-error - The history could not be opened, or an attachment could not be kept (too large, storage full). `detail: {code, message}`
 * @fires peer-chat-rejected - A peer passed on a chat message that failed its checks (forged, altered, untrusted author); it was not stored. `detail: {from, code, reason}`
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
 * @csspart attach - The "attach files" button (an icon button that opens the file picker).
 * @csspart attachment - One attached file: its preview or download anchor, progress, or error.
 * @csspart attachment-image - The inline preview of an attached raster image (PNG, JPEG, GIF, WebP, AVIF, BMP whose bytes decode as one; never SVG).
 * @csspart attachment-download - The anchor (`<a download>`) that saves an attached file (never opened as a page).
 * @csspart attachment-progress - Transfer progress of an attachment (either direction).
 * @csspart attachment-cancel - Stops an attachment's transfer.
 * @csspart attachment-retry - Fetches a failed attachment again (not shown when retrying cannot help).
 * @csspart attachment-error - Why an attachment is not shown.
 *
 * @cssstate dragging - Files are being dragged over the chat (`peer-chat:state(dragging)`).
 *
 * @cssprop --peer-chat-height - Height of the message log when the chat's container sets no height (default 20rem); in a container with a height, the chat fills it.
 */
export class PeerChatElement extends PeerElement {
  static override styles = [peerChatStyles, buttonStyles];

  static override properties = {
    for: { type: String },
    historyCap: { type: Number, attribute: 'history-cap' },
    maxFileBytes: { type: Number, attribute: 'max-file-bytes' },
    messages: { attribute: false },
    strings: { attribute: false },
  };

  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  declare for: string | undefined;
  /** Most messages the room's history keeps on this device (default 10,000); the oldest go first. */
  declare historyCap: number | undefined;
  /** Largest attachment sent or fetched, in bytes (default 100 MiB). */
  declare maxFileBytes: number | undefined;
  /** Every message, oldest first. Set it to show a log from elsewhere. */
  declare messages: readonly ChatEntry[];
  declare strings: Partial<PeerChatStrings>;
  /** Where the history is kept; default IndexedDB (pair mode: memory). Set before the room starts. */
  store: KeyValueStore | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #states = new CustomStates(this);
  #dragging = false;
  /** Re-renders when the room's session, key or status change; not on every link's RTT. */
  readonly #follower = new RoomFollower(this, (state) => [state?.group, state?.identity, state?.status]);
  /** How many of the newest messages are rendered. */
  #window = PAGE;
  #atBottom = true;
  #unread = 0;
  /** Id of the first message that arrived while the reader was away from the bottom. */
  #firstUnread: string | undefined;
  /** History and sync for the room's current session, and the session (group) they belong to. */
  #chat: (ChatSession & { readonly group: object; readonly attachments: ChatAttachments; readonly unlisten: () => void }) | undefined;
  #attaching: object | undefined;
  /** Messages received since the last merge into `messages`. */
  readonly #arriving: ChatEntry[] = [];
  #ready = readiness();

  constructor() {
    super();
    this.messages = [];
    this.strings = {};
    this.historyCap = undefined;
    this.maxFileBytes = undefined;
    this.store = undefined;
    this.addEventListener('dragover', (event) => this.#onDragOver(event));
    this.addEventListener('dragleave', () => this.#setDragging(false));
    this.addEventListener('drop', (event) => this.#onDrop(event));
  }

  /** Follows the room's session: a new one (or none) means another history and sync. */
  protected override updated(): void {
    const room = this.#follower.state;
    const group = room?.group;
    if (group === this.#chat?.group || group === this.#attaching) return;
    this.#detach();
    if (group && room.identity) {
      this.#attach(group, room).catch((error: Error) => {
        if (this.#attaching === group) this.#attaching = undefined;
        this.emit('peer-error', { code: 'history-failed', message: `chat history could not be opened: ${error.message}` });
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moved with its room (out and back in within one task), the history stays open, as the room's
    // session does; left elsewhere without the room, the next update closes it.
    queueMicrotask(() => {
      if (!this.isConnected) this.#detach();
    });
  }

  /**
   * Sends `text` to everyone in the room: signed, stored in the history, then pushed to every
   * linked peer (peers that are away get it when they next link). Resolves to the message's id;
   * undefined for empty text or when a `peer-send` listener took over. Waits for the room to start.
   */
  async send(text: string): Promise<string | undefined> {
    const trimmed = text.trim();
    if (!trimmed) return undefined;
    if (!this.emit('peer-send', { text: trimmed }, { cancelable: true })) return undefined;
    const { sync } = this.#chat ?? (await this.#ready.promise);
    return (await sync.send(trimmed)).id;
  }

  /**
   * Sends files (with optional text) as one message: each is hashed and kept here, the message
   * names them by digest, and peers fetch them from whoever has them (small ones are pushed).
   * Rejects with a FileError (`too-large`, `quota`…) when a file cannot be kept.
   */
  async sendFiles(files: readonly File[], text = ''): Promise<string | undefined> {
    if (files.length === 0) return undefined;
    await this.#ready.promise;
    const chat = this.#chat;
    if (!chat) throw new Error('the room stopped before the files were sent');
    const digests = await Promise.all(files.map((file) => chat.attachments.add(file)));
    return (await chat.sync.send(text.trim(), digests)).id;
  }

  /** Resolves once the room's history is loaded and shown (the room must be started). */
  get historyLoaded(): Promise<void> {
    return this.#ready.promise.then(() => this.updateComplete).then(() => undefined);
  }

  /** Files are being dragged over the chat (read-only); styled with `:state(dragging)`. */
  get dragging(): boolean {
    return this.#dragging;
  }

  #setDragging(dragging: boolean): void {
    if (dragging === this.#dragging) return;
    this.#dragging = dragging;
    this.#states.toggle('dragging', dragging);
    this.requestUpdate();
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

  #strings(): Bound<PeerChatStrings> {
    return this.#localize.strings('chat', this.strings);
  }

  #log(): HTMLElement | null {
    return this.renderRoot.querySelector('[part="log"]');
  }

  /** The state of the room this chat shows (the snapshot its `<peer-room>` provides). */
  get roomState(): RoomState | undefined {
    return this.#follower.state;
  }

  async #attach(group: NonNullable<RoomState['group']>, room: RoomState): Promise<void> {
    this.#attaching = group;
    const { openChatSession } = await import('./chat-session.js');
    const session = await openChatSession({ identity: room.identity!, group, keyring: room.keyring, policy: room.trust, store: this.store, cap: this.historyCap, maxFileBytes: this.maxFileBytes });
    // The room moved on (or the chat left the page) while the history loaded.
    if (this.#attaching !== group || this.#follower.state?.group !== group) {
      session.sync.close();
      void session.files.close();
      return;
    }
    this.#attaching = undefined;
    const { sync, history, files } = session;
    const attachments = new ChatAttachments(files, () => this.requestUpdate());
    const onMessage = (event: Event) => this.#receive((event as ChatSyncEventMap['message']).detail.message);
    const onDelivered = (event: Event) => this.#setState((event as ChatSyncEventMap['delivered']).detail.id, 'delivered');
    const onRejected = (event: Event) => this.emit('peer-chat-rejected', (event as ChatSyncEventMap['rejected']).detail);
    sync.addEventListener('message', onMessage);
    sync.addEventListener('delivered', onDelivered);
    sync.addEventListener('rejected', onRejected);
    this.#chat = {
      ...session,
      group,
      attachments,
      unlisten: () => {
        attachments.close();
        void files.close();
        sync.removeEventListener('message', onMessage);
        sync.removeEventListener('delivered', onDelivered);
        sync.removeEventListener('rejected', onRejected);
        sync.close();
      },
    };
    this.messages = history.after(undefined).map((message) => this.#entryOf(message));
    this.scrollToBottom();
    this.#ready.resolve(session);
    // Links that came up before this chat did: reconcile with them now.
    sync.syncWith((this.#follower.state?.peers ?? []).filter((peer) => peer.state === 'connected').map((peer) => peer.id));
  }

  #detach(): void {
    this.#attaching = undefined;
    if (!this.#chat) return;
    this.#chat.unlisten();
    this.#chat = undefined;
    // Sends still waiting keep waiting for the next session; a used-up promise is replaced.
    if (this.#ready.settled) this.#ready = readiness();
  }

  #entryOf(message: ChatMessage): ChatEntry {
    const room = this.#follower.state;
    const own = message.from === room?.selfId;
    const author = own ? '' : (room?.keyring?.get(message.from)?.name ?? room?.peers.find((peer) => peer.id === message.from)?.name ?? '');
    return { id: message.id, from: message.from, author, text: message.text, time: message.time, own, ...(message.attachments.length ? { attachments: message.attachments } : {}) };
  }

  /** A message new to this device (sent here, pushed, or synced): into the log at its place. */
  #receive(message: ChatMessage): void {
    let entry = this.#entryOf(message);
    if (entry.own) {
      const linked = this.#follower.state?.peers.some((peer) => peer.state === 'connected') ?? false;
      entry = { ...entry, state: linked ? 'sent' : 'queued' };
    }
    this.#insert(entry);
    if (entry.own || this.#atBottom) this.scrollToBottom();
    else {
      this.#unread++;
      this.#firstUnread ??= entry.id;
    }
  }

  /** Queued for one merge: a synced batch of 100 makes one new `messages` array, not 100 copies. */
  #insert(entry: ChatEntry): void {
    if (this.#arriving.push(entry) === 1) queueMicrotask(() => this.#mergeArriving());
  }

  /** Ids sort by time on every peer: arrivals merge in at their places (usually the end). */
  #mergeArriving(): void {
    if (this.#arriving.length === 0) return;
    const arriving = this.#arriving.splice(0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const messages = this.messages;
    const merged: ChatEntry[] = [];
    let at = 0;
    for (const entry of arriving) {
      while (at < messages.length && messages[at]!.id < entry.id) merged.push(messages[at++]!);
      if (messages[at]?.id === entry.id || merged.at(-1)?.id === entry.id) continue;
      merged.push(entry);
    }
    while (at < messages.length) merged.push(messages[at++]!);
    this.messages = merged;
  }

  #setState(id: string, state: DeliveryState): void {
    this.#mergeArriving();
    const at = this.messages.findLastIndex((entry) => entry.id === id && entry.own);
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
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    void this.send(text);
  }

  #onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    this.#sendChosen(files);
  }

  /** Files the user picked or dropped: a failure is the user's to see, as a `peer-error`. */
  #sendChosen(files: File[]): void {
    this.sendFiles(files).catch((error: Error & { code?: string }) => this.emit('peer-error', { code: error.code ?? 'file', message: error.message }));
  }

  #onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    // Accepting the drop: without preventDefault the browser would open the file instead.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.#setDragging(true);
  }

  #onDrop(event: DragEvent): void {
    this.#setDragging(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    this.#sendChosen(files);
  }

  #renderAttachment(view: AttachmentView, strings: Bound<PeerChatStrings>) {
    const { manifest, progress } = view;
    const percent = progress && progress.total > 0 ? Math.floor((progress.bytes / progress.total) * 100) : 0;
    const said = progress ? strings.transfer(progress.direction, percent) : '';
    const transfer =
      progress && percent < 100
        ? html`<span part="attachment-progress" class="progress"
            ><progress max="100" value=${percent} aria-label=${said}></progress> ${said}
            <button type="button" part="attachment-cancel" @click=${() => this.#chat?.attachments.cancel(view.digest)}>${strings.cancel}</button></span
          >`
        : nothing;
    if (view.state === 'ready' && view.url) {
      // Saving it is the user's act: from then on the file is the user's, not the author's to lose.
      const opened = () => this.#chat?.attachments.open(view.digest);
      const label = strings.download(manifest?.name ?? '', manifest?.size ?? 0);
      return html`<figure part="attachment" class="attachment">
        ${view.previewUrl ? html`<img part="attachment-image" src=${view.previewUrl} alt=${manifest?.name ?? ''} loading="lazy" />` : nothing}
        <a part="attachment-download" href=${view.url} download=${manifest?.name || view.digest.slice(0, 16)} @click=${opened} @auxclick=${opened}>${label}</a>
        ${transfer}
      </figure>`;
    }
    if (view.state === 'failed') {
      const code = view.error ?? 'storage';
      return html`<figure part="attachment" class="attachment failed">
        <span part="attachment-error">${strings.attachmentFailed(code)}</span>
        ${FINAL_FAILURES.has(code) ? nothing : html`<button type="button" part="attachment-retry" @click=${() => this.#chat?.attachments.retry(view.digest)}>${strings.retry}</button>`}
      </figure>`;
    }
    return html`<figure part="attachment" class="attachment">${transfer === nothing ? html`<span>${strings.fetching}</span>` : transfer}</figure>`;
  }

  protected override render() {
    const strings = this.#strings();
    const format = this.#localize.format;
    const shown = this.messages.slice(-this.#window);
    return html`
      <div part="log" class="log ${this.#dragging ? 'dragging' : ''}" role="log" aria-live="polite" aria-label=${strings.label} tabindex="0" @scroll=${this.#onScroll}>
        ${shown.length === 0 ? html`<p part="empty" class="empty">${strings.empty}</p>` : nothing}
        ${repeat(
          shown,
          (entry) => `${entry.from}/${entry.id}`,
          (entry) => {
            const time = timeOf(entry, format);
            return html`
            ${entry.id === this.#firstUnread ? html`<div part="unread-marker" class="unread" role="separator">${strings.unread}</div>` : nothing}
            <article part=${entry.own ? 'message message-own' : 'message'} class="message ${entry.own ? 'own' : ''}">
              <header>
                <span part="author" class="author">${entry.own ? strings.you : entry.author || entry.from.slice(0, 8).toUpperCase()}</span>
                <time part="time" datetime=${time.iso} title=${time.full}>${time.shown}</time>
                ${entry.own && entry.state ? html`<span part="state" class="state ${entry.state}">${strings.state[entry.state]}</span>` : nothing}
              </header>
              ${entry.text ? html`<p part="text" class="text">${entry.text}</p>` : nothing}
              ${entry.attachments?.length && this.#chat ? entry.attachments.map((digest) => this.#renderAttachment(this.#chat!.attachments.view(digest, entry.own ? undefined : entry.from), strings)) : nothing}
            </article>
          `;
          },
        )}
      </div>
      ${this.#atBottom ? nothing : button({ variant: 'primary', icon: ArrowDown, label: strings.jumpToLatest(this.#unread), part: 'jump', className: 'jump', onClick: () => this.scrollToBottom() })}
      <form part="composer" class="composer" @submit=${this.#onSubmit}>
        <textarea part="input" rows="2" aria-label=${strings.placeholder} placeholder=${strings.placeholder} maxlength=${MAX_TEXT} @keydown=${this.#onKeydown}></textarea>
        <input type="file" multiple hidden @change=${this.#onPick} />
        ${button({ iconOnly: true, icon: Paperclip, label: strings.attach, title: strings.attach, part: 'attach', onClick: () => this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click() })}
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
