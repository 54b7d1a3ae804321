import { html, nothing, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
// Types only: the core arrives with chat-session.js when the chat first meets a running room.
import type { ChatSyncEventMap } from '../../core/chat/sync.js';
import type { ChatTypingEventMap } from '../../core/chat/typing.js';
import { isChatId } from '../../core/chat/ids.js';
import type { ChatHistoryEventMap } from '../../core/chat/history.js';
import type { ReactionTally } from '../../core/chat/reaction-tally.js';
import type { ChatMessage } from '../../core/chat/message.js';
import type { KeyValueStore } from '../../core/platform/storage.js';
import { CustomStates } from '../custom-states.js';
import { PeerElement } from '../peer-element.js';
import { ArrowDown, Paperclip, Upload } from 'lucide';
import { button } from '../blocks/button.js';
import { buttonStyles } from '../blocks/button.styles.js';
import { icon, iconStyles } from '../blocks/icon.js';
import { LocalizeController } from '../localize/localize-controller.js';
import { isolate } from '../localize/isolate.js';
import type { DeliveryState, PeerChatStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import type { RoomState } from '../room-context.js';
import { RoomFollower } from '../room-follower.js';
import { LazyPart } from '../lazy-part.js';
import { adoptLateStyles } from '../styles/late-styles.js';
import { visuallyHiddenStyles } from '../styles/visually-hidden.js';
import { ChatAnnouncer } from './announcer.js';
import type { ChatAttachments } from './attachments.js';
import type { ChatEntry, MessageRenderer } from './chat-entry.js';
import type { ChatSession } from './chat-session.js';
import { MessageWindow } from './message-window.js';
import { LogFocus } from './log-focus.js';
import { NONE, ReactionViews, SeenViews } from './social-views.js';
import { PendingSends, type PendingSend } from './pending-sends.js';
import { peerChatStyles } from './peer-chat.styles.js';

export type { ChatEntry, DeliveryState, MessageRenderer, PeerChatStrings };

/** The longest message the composer takes (the core's limit, MAX_CHAT_TEXT). */
const MAX_TEXT = 16_384;

/** Why a send was refused before it started. */
export type PeerChatErrorCode = 'no-room';

export class PeerChatError extends Error {
  override readonly name = 'PeerChatError';
  constructor(
    readonly code: PeerChatErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

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

/** The log's rows, loaded once there is a row to show (log-rows.ts). */
type LogRows = typeof import('./log-rows.js');

/** What a peer without a name is called: the start of its fingerprint. */
const unnamed = (id: string) => id.slice(0, 8).toUpperCase();

/** How many of the newest messages render at first, and how many more each scroll to an end adds. */
const PAGE = 100;
/** Most messages rendered at once, however far the reader scrolls. */
const MAX_ROWS = 300;

/**
 * A message log and a composer. Inside a `<peer-room>` it keeps the room's history
 * (signed messages in IndexedDB, loaded on start, written before anything is sent) and keeps it in
 * sync with every peer it links with, so a page that was away sees what it missed. It renders a
 * window of the newest messages (older ones page in when the reader scrolls to the top), so a log
 * of 10,000 costs what 100 do. Text is always rendered as text. The `messages` property can also
 * be set by hand, to show a log from elsewhere.
 *
 * @tagname peer-chat
 * @summary A message log with delivery states, reactions and a composer.
 *
 * @fires peer-send - The user is sending a message (cancelable: cancel to handle sending yourself). `detail: {text}`
 * @fires peer-error - The history could not be opened, a send failed (its text stays in the log with retry), an attachment could not be kept (too large, storage full), or the code that draws the rows could not be loaded (`load-failed`). `detail: {code, message}`
 * @fires peer-chat-rejected - A peer passed on a chat message that failed its checks (forged, altered, untrusted author); it was not stored. `detail: {from, code, reason}`
 *
 * @slot header - Above the log: a title, the room's name, actions.
 * @slot empty - Shown in the log while it has no messages (default: "No messages yet. Say hello.").
 *
 * @csspart log - The scrolling message list (`role="log"`; arrow keys move between messages).
 * @csspart message - One message; also `message-own` for this peer's, `message-pending` for one not yet sent.
 * @csspart avatar - The author's avatar, on the first message of a group.
 * @csspart author - A message's author.
 * @csspart time - A message's time: relative on the first of a group, the time of day on the others.
 * @csspart text - A message's text.
 * @csspart custom - What `renderMessage` returned.
 * @csspart state - Delivery state of an own message (an icon named by its state).
 * @csspart reaction - A reaction chip: the emoji and how many reacted (pressed when the user did).
 * @csspart add-reaction - The button that opens the reaction picker.
 * @csspart reaction-picker - The reactions to choose from.
 * @csspart seen-by - "Seen by …" under the newest own message others have seen.
 * @csspart send-error - Why a message was not sent, with retry and edit.
 * @csspart day-divider - The date between two days' messages.
 * @csspart unread-marker - The divider before the first unread message.
 * @csspart skeleton - Placeholder rows while the history loads.
 * @csspart jump - The "new messages" button shown when scrolled up.
 * @csspart drop-overlay - What shows while files are dragged over the chat.
 * @csspart typing - Who is typing, above the composer.
 * @csspart composer - The composer form.
 * @csspart composer-hint - Why the composer is disabled, when it is.
 * @csspart input - The text area.
 * @csspart send - The send button.
 * @csspart empty - The empty state.
 * @csspart announcer - The visually hidden live region that reads new messages from others.
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
 * @cssstate loading - The history is loading (`peer-chat:state(loading)`).
 *
 * @cssprop --peer-chat-height - Height of the message log when the chat's container sets no height (default 20rem); in a container with a height, the chat fills it.
 */
export class PeerChatElement extends PeerElement {
  static override styles = [peerChatStyles, buttonStyles, iconStyles, visuallyHiddenStyles];

  static override properties = {
    for: { type: String },
    historyCap: { type: Number, attribute: 'history-cap' },
    maxFileBytes: { type: Number, attribute: 'max-file-bytes' },
    messages: { attribute: false },
    strings: { attribute: false },
    renderMessage: { attribute: false },
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
  /**
   * Renders a message's content yourself (its text and attachments): return a lit template, a DOM
   * node or a string. The chat keeps the author, time, grouping, state, reactions and keyboard
   * navigation around it. Show the author's text as text (never as HTML): another member wrote it.
   */
  declare renderMessage: MessageRenderer | undefined;
  /** Where the history is kept; default IndexedDB (pair mode: memory). Set before the room starts. */
  store: KeyValueStore | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #states = new CustomStates(this);
  readonly #announcer = new ChatAnnouncer(this, (count, author, text) => {
    const strings = this.#strings();
    return count === 1 ? strings.announce(isolate(author), text) : strings.announceMany(count);
  });
  #dragging = false;
  /** Files being dragged over the chat (0 when the browser does not say). */
  #draggedFiles = 0;
  /** Re-renders when the room's session, key or status change; not on every link's RTT. */
  readonly #follower = new RoomFollower(this, (state) => [state?.group, state?.identity, state?.status]);
  readonly #window = new MessageWindow(PAGE, MAX_ROWS);
  #atBottom = true;
  #unread = 0;
  /** Id of the first message that arrived while the reader was away from the bottom. */
  #firstUnread: string | undefined;
  readonly #focus = new LogFocus(this, () => this.#log(), (id) => this.#markSeen(id));
  /** The message whose reaction picker is open. */
  #pickerFor: string | undefined;
  /** History and sync for the room's current session, and the session (group) they belong to. */
  #chat: (ChatSession & { readonly group: object; readonly attachments: ChatAttachments; readonly tally: ReactionTally; readonly unlisten: () => void }) | undefined;
  readonly #reactionViews = new ReactionViews();
  readonly #seenViews = new SeenViews();
  #attaching: object | undefined;
  /** Messages received since the last merge into `messages`. */
  readonly #arriving: ChatEntry[] = [];
  readonly #pending = new PendingSends();
  readonly #pendingActions = { retry: (pending: PendingSend) => void this.#sendTyped(pending.text, pending), edit: (pending: PendingSend) => this.#edit(pending) };
  /** Peers typing now, in the order they started. */
  #typingPeers: readonly string[] = NONE;
  /** Counts changes of any attachment's view: rows with attachments render again when it moves. */
  #attachmentsVersion = 0;
  #ready = readiness();
  /** Messages were set by hand while the reader followed the newest: scroll there once the rows are drawn. */
  #showNewest = false;
  /** The rows' code and styles. */
  readonly #rows = new LazyPart<LogRows>(this, {
    load: () => import('./log-rows.js'),
    what: "the chat's rows",
    loaded: (rows) => adoptLateStyles(this, rows.messageRowStyles),
    failed: (message) => this.emit('peer-error', { code: 'load-failed', message }),
  });

  constructor() {
    super();
    this.messages = [];
    this.strings = {};
    this.historyCap = undefined;
    this.maxFileBytes = undefined;
    this.renderMessage = undefined;
    this.store = undefined;
    this.addEventListener('dragover', (event) => this.#onDragOver(event));
    this.addEventListener('dragleave', (event) => {
      // Leaving for one of the chat's own children is not leaving the chat.
      if (!(event.relatedTarget instanceof Node && this.contains(event.relatedTarget)) && !this.#inShadow(event.relatedTarget)) this.#setDragging(false);
    });
    this.addEventListener('drop', (event) => this.#onDrop(event));
  }

  /**
   * While the reader follows the newest, what grows at the end (a photo that loaded, a reaction, a
   * "seen by" line) or shrinks the log (a taller composer) keeps the log at its end; a reader who
   * scrolled up stays where they are.
   */
  readonly #keepAtEnd = new ResizeObserver(() => {
    const log = this.#log();
    if (this.#atBottom && log) log.scrollTop = log.scrollHeight;
  });

  protected override firstUpdated(): void {
    this.#keepAtEnd.observe(this.#log()!);
    this.#keepAtEnd.observe(this.renderRoot.querySelector('.rows')!);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Messages set by hand, or a send typed before the room started: the rows' code comes now.
    if (!this.#rows.module && (this.messages.length > 0 || this.#pending.items.length > 0)) this.#rows.prefetch();
    // A log set by hand opens at its newest message, as the room's history does (#attach), while
    // the reader follows the newest.
    if (changed.has('messages') && !this.#chat && this.#atBottom) this.#showNewest = true;
  }

  /** Resolves once what was set is on screen: with the rows drawn, when their code had to load first. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    return (await this.#rows.settled()) ? super.getUpdateComplete() : complete;
  }

  /** Follows the room's session: a new one (or none) means another history and sync. */
  protected override updated(): void {
    if (this.#showNewest && this.#rows.module) {
      this.#showNewest = false;
      this.scrollToBottom();
    }
    const room = this.#follower.state;
    const group = room?.group;
    if (group === this.#chat?.group || group === this.#attaching) return;
    this.#detach();
    if (group && room.identity) {
      this.#attach(group, room).catch((error: Error) => {
        if (this.#attaching === group) this.#setLoading(undefined);
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
   * undefined for empty text or when a `peer-send` listener took over. Waits for the room's
   * session to start; rejects with a `PeerChatError` (`no-room`) when the chat has no room.
   */
  async send(text: string): Promise<string | undefined> {
    const trimmed = text.trim();
    if (!trimmed) return undefined;
    if (!this.emit('peer-send', { text: trimmed }, { cancelable: true })) return undefined;
    if (!this.#chat && !this.#follower.state) throw new PeerChatError('no-room', 'this chat is in no <peer-room> (nest it in one, or set for="<room id>")');
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
    if (!this.#chat && !this.#follower.state) throw new PeerChatError('no-room', 'this chat is in no <peer-room>');
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

  /** What the chat's live region last read out (new messages from others only). */
  get announcement(): string {
    return this.#announcer.said;
  }

  #setDragging(dragging: boolean, files = 0): void {
    if (dragging === this.#dragging && files === this.#draggedFiles) return;
    this.#dragging = dragging;
    this.#draggedFiles = files;
    this.#states.toggle('dragging', dragging);
    this.requestUpdate();
  }

  #setLoading(group: object | undefined): void {
    this.#attaching = group;
    this.#states.toggle('loading', group !== undefined);
    // Called from updated() as the session starts: the next render is asked for once this one is done.
    void this.updateComplete.then(() => this.requestUpdate());
  }

  #inShadow(node: EventTarget | null): boolean {
    return node instanceof Node && this.renderRoot.contains(node);
  }

  focusInput(): void {
    this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }

  scrollToBottom(): void {
    this.#window.latest();
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const log = this.#log();
      if (log) log.scrollTop = log.scrollHeight;
      this.#focus.followView();
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
    this.#setLoading(group);
    const [{ openChatSession }, { ReactionTally }, { ChatAttachments }] = await Promise.all([import('./chat-session.js'), import('../../core/chat/reaction-tally.js'), this.#rows.load()]);
    const session = await openChatSession({ identity: room.identity!, group, keyring: room.keyring, policy: room.trust, store: this.store, cap: this.historyCap, maxFileBytes: this.maxFileBytes });
    // The room moved on (or the chat left the page) while the history loaded.
    if (this.#attaching !== group || this.#follower.state?.group !== group) {
      session.sync.close();
      session.typing.close();
      void session.files.close();
      return;
    }
    this.#setLoading(undefined);
    const { sync, history, files, typing } = session;
    const attachments = new ChatAttachments(files, () => {
      this.#attachmentsVersion++;
      this.requestUpdate();
    });
    // Reactions are messages too (signed, stored, synced): counted under their message, not shown as one.
    const tally = new ReactionTally();
    const onMessage = (event: Event) => {
      const { message } = (event as ChatSyncEventMap['message']).detail;
      if (message.reaction) this.#reactionsChanged(tally.ingest([message]));
      else this.#receive(message);
    };
    const onTrimmed = (event: ChatHistoryEventMap['trimmed']) => this.#reactionsChanged(tally.forget(event.detail.ids));
    const onSeen = () => {
      this.#seenViews.bump();
      this.requestUpdate();
    };
    history.addEventListener('trimmed', onTrimmed);
    sync.addEventListener('seen', onSeen);
    const onDelivered = (event: Event) => this.#setState((event as ChatSyncEventMap['delivered']).detail.id, 'delivered');
    const onRejected = (event: Event) => this.emit('peer-chat-rejected', (event as ChatSyncEventMap['rejected']).detail);
    sync.addEventListener('message', onMessage);
    sync.addEventListener('delivered', onDelivered);
    sync.addEventListener('rejected', onRejected);
    const onTyping = (event: ChatTypingEventMap['change']) => {
      this.#typingPeers = event.detail.peers;
      this.requestUpdate();
    };
    typing.addEventListener('change', onTyping);
    this.#chat = {
      ...session,
      group,
      attachments,
      tally,
      unlisten: () => {
        history.removeEventListener('trimmed', onTrimmed);
        sync.removeEventListener('seen', onSeen);
        attachments.close();
        void files.close();
        sync.removeEventListener('message', onMessage);
        sync.removeEventListener('delivered', onDelivered);
        sync.removeEventListener('rejected', onRejected);
        sync.close();
        typing.removeEventListener('change', onTyping);
        typing.close();
        this.#typingPeers = NONE;
      },
    };
    const stored = history.after(undefined);
    tally.ingest(stored);
    this.#reactionViews.clear();
    this.messages = stored.filter((message) => !message.reaction).map((message) => this.#entryOf(message));
    this.scrollToBottom();
    this.#ready.resolve(session);
    // Links that came up before this chat did: reconcile with them now.
    sync.syncWith((this.#follower.state?.peers ?? []).filter((peer) => peer.state === 'connected').map((peer) => peer.id));
  }

  #detach(): void {
    if (this.#attaching) this.#setLoading(undefined);
    if (!this.#chat) return;
    this.#chat.unlisten();
    this.#chat = undefined;
    // Sends still waiting keep waiting for the next session; a used-up promise is replaced.
    if (this.#ready.settled) this.#ready = readiness();
  }

  #entryOf(message: ChatMessage): ChatEntry {
    const own = message.from === this.#follower.state?.selfId;
    return { id: message.id, from: message.from, author: own ? '' : this.#knownName(message.from), text: message.text, time: message.time, own, ...(message.attachments.length ? { attachments: message.attachments } : {}) };
  }

  /** A peer's name as this user knows it (address book, then the room), or '' when nobody said one. */
  #knownName(id: string): string {
    const room = this.#follower.state;
    return room?.keyring?.get(id)?.name || room?.peers.find((peer) => peer.id === id)?.name || '';
  }

  /** A peer's name to show: the known one, else the start of its fingerprint. */
  #nameOf(id: string): string {
    return this.#knownName(id) || unnamed(id);
  }

  #authorName(entry: ChatEntry): string {
    return entry.author || unnamed(entry.from);
  }

  /** A message new to this device (sent here, pushed, or synced): into the log at its place. */
  #receive(message: ChatMessage): void {
    let entry = this.#entryOf(message);
    if (entry.own) {
      const linked = this.#follower.state?.peers.some((peer) => peer.state === 'connected') ?? false;
      entry = { ...entry, state: linked ? 'sent' : 'queued' };
    } else {
      this.#announcer.incoming(this.#authorName(entry), entry.text || this.#strings().filesOnly(entry.attachments?.length ?? 0));
    }
    this.#insert(entry);
    if (entry.own || this.#atBottom) {
      this.#focus.followNewest();
      this.scrollToBottom();
    }
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
    const length = this.messages.length;
    const toEnd = log.scrollHeight - log.scrollTop - log.clientHeight;
    const atBottom = toEnd < 8 && this.#window.following;
    if (atBottom !== this.#atBottom || (atBottom && this.#unread > 0)) {
      this.#atBottom = atBottom;
      // The unread marker stays where it is: reaching the bottom, the reader still sees where the new ones began.
      if (atBottom) this.#unread = 0;
      this.requestUpdate();
    }
    this.#focus.followView();
    // Near an end with more messages past it: page them in, keeping the reader's place.
    if (log.scrollTop < 40 && this.#window.hasOlder) this.#page(log, () => this.#window.older(length));
    else if (toEnd < 40 && this.#window.hasNewer(length)) this.#page(log, () => this.#window.newer(length));
  }

  /** Changes the window, then scrolls so the row the reader was looking at stays where it was. */
  #page(log: HTMLElement, change: () => void): void {
    const top = log.getBoundingClientRect().top;
    const anchor = [...log.querySelectorAll<HTMLElement>('article[data-id]')].find((row) => row.getBoundingClientRect().bottom > top);
    const before = anchor?.getBoundingClientRect().top ?? 0;
    change();
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const again = anchor && log.querySelector<HTMLElement>(`article[data-id="${CSS.escape(anchor.dataset.id!)}"]`);
      if (again) log.scrollTop += again.getBoundingClientRect().top - before;
    });
  }

  /** Escape closes the reaction picker (focus back on its button); arrow keys, Home and End move between messages. */
  #onLogKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.#pickerFor !== undefined) {
      const id = this.#pickerFor;
      this.#pickerFor = undefined;
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`article[data-id="${CSS.escape(id)}"] [part~="add-reaction"]`)?.focus());
      return;
    }
    this.#focus.onKeydown(event);
  }

  /** Typing tells the room (at most every few seconds); an emptied input tells it the writer stopped. */
  #onInput(event: InputEvent): void {
    const typing = this.#chat?.typing;
    if (!typing) return;
    if ((event.target as HTMLTextAreaElement).value.trim()) typing.typing();
    else typing.stopped();
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
    this.#chat?.typing.stopped();
    void this.#sendTyped(text);
  }

  /**
   * Sends what the user typed, showing it in the log until it is in the history: a send that fails
   * stays there, with its text, a retry and an edit, instead of vanishing with the composer's text.
   */
  async #sendTyped(text: string, retrying?: PendingSend): Promise<void> {
    const pending = this.#pending.start(text, retrying);
    this.scrollToBottom();
    try {
      await this.send(text);
      this.#pending.remove(pending);
    } catch (error) {
      const reason = (error as Error).message;
      this.#pending.failed(pending, reason);
      this.emit('peer-error', { code: (error as { code?: string }).code ?? 'send-failed', message: reason });
    }
    this.requestUpdate();
  }

  /** A failed message's text back in the composer (after what is there), and out of the log. */
  #edit(pending: PendingSend): void {
    const input = this.renderRoot.querySelector('textarea');
    if (!input) return;
    input.value = input.value.trim() ? `${input.value}\n${pending.text}` : pending.text;
    this.#pending.remove(pending);
    this.requestUpdate();
    input.focus();
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
    // While dragging, browsers tell how many files (not their names, which only the drop reveals).
    this.#setDragging(true, [...event.dataTransfer.items].filter((item) => item.kind === 'file').length);
  }

  #onDrop(event: DragEvent): void {
    this.#setDragging(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    this.#sendChosen(files);
  }

  /** Why the composer cannot send, or undefined when it can. */
  #blocked(strings: Bound<PeerChatStrings>): string | undefined {
    const room = this.#follower.state;
    if (this.#chat) return undefined;
    if (!room) return strings.noRoom;
    if (!room.identity) return strings.noKey;
    return undefined;
  }

  #reactionsChanged(ids: ReadonlySet<string>): void {
    if (this.#reactionViews.changed(ids)) this.requestUpdate();
  }

  #reactionsOf(entry: ChatEntry) {
    const me = this.#follower.state?.selfId;
    return this.#reactionViews.of(entry, this.#chat?.tally, me, (author) => (author === me ? this.#strings().you : this.#nameOf(author)));
  }

  /** Tells the room what this reader has seen: the newest message in view, while the page is visible. */
  #markSeen(id: string | undefined): void {
    // Messages set by hand (not from the history) have ids of their own making: nothing to tell the room.
    if (id && isChatId(id) && document.visibilityState === 'visible') this.#chat?.sync.markSeen(id);
  }

  /** Reacts (or takes a reaction back); focus stays on the message's reaction controls. */
  #react(entry: ChatEntry, emoji: string, on: boolean): void {
    const sync = this.#chat?.sync;
    this.#pickerFor = undefined;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const row = this.renderRoot.querySelector<HTMLElement>(`article[data-id="${CSS.escape(entry.id)}"]`);
      const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
      if (row && (!active || !row.contains(active))) row.querySelector<HTMLElement>('[part~="add-reaction"]')?.focus();
    });
    sync?.react(entry.id, emoji, on).catch((error: Error & { code?: string }) => this.emit('peer-error', { code: error.code ?? 'reaction-failed', message: error.message }));
  }

  protected override render() {
    const strings = this.#strings();
    const format = this.#localize.format;
    const messages = this.messages;
    const { start, end } = this.#window.range(messages.length);
    const indices = Array.from({ length: end - start }, (_, i) => start + i);
    const rows = this.#rows.module;
    // The history is loading, or there are rows to show and their code is on its way.
    const loading = (this.#attaching !== undefined && !this.#chat) || (!rows && (messages.length > 0 || this.#pending.items.length > 0));
    const blocked = this.#blocked(strings);
    // The log's one tab stop: the message the reader last moved to, else the newest shown.
    const active = this.#focus.tabStop(indices.map((i) => messages[i]!.id));
    const canReact = this.#chat !== undefined;
    this.#seenViews.compute(messages, start, end, this.#chat?.sync, (peer) => this.#nameOf(peer));
    return html`
      <slot name="header"></slot>
      <div
        part="log"
        class="log"
        role="log"
        aria-live="off"
        aria-label=${strings.label}
        aria-busy=${loading ? 'true' : 'false'}
        tabindex=${indices.length === 0 && this.#pending.items.length === 0 ? 0 : -1}
        @scroll=${this.#onScroll}
        @keydown=${this.#onLogKeydown}
        @focusin=${(event: FocusEvent) => this.#focus.onFocusin(event)}
      >
        ${loading && (messages.length === 0 || !rows)
          ? html`<div part="skeleton" class="skeleton" role="img" aria-label=${strings.loading}>${[0, 1, 2].map(() => html`<div class="bone"><span class="disc"></span><span class="lines"><span></span><span></span></span></div>`)}</div>`
          : indices.length === 0 && this.#pending.items.length === 0
            ? html`<div part="empty" class="empty"><slot name="empty">${strings.empty}</slot></div>`
            : nothing}
        <div class="rows">
        ${rows ? repeat(
          indices,
          (i) => messages[i]!.id,
          (i) => {
            const entry = messages[i]!;
            const previous = messages[i - 1];
            const isActive = entry.id === active;
            const unreadMarker = entry.id === this.#firstUnread;
            const pickerOpen = this.#pickerFor === entry.id;
            const reactions = this.#reactionsOf(entry);
            const seenBy = this.#seenViews.of(entry);
            // A row renders again only when something it shows changed: appending one message to a
            // window of 300 re-renders one row (two when it joins the previous one's group), not 300.
            return guard([entry, previous, isActive, unreadMarker, pickerOpen, reactions, seenBy, strings, format, this.renderMessage, canReact, entry.attachments ? this.#attachmentsVersion : 0], () =>
              rows.messageRow(entry, previous, {
                strings,
                format,
                active: isActive,
                unreadMarker,
                attachments: this.#chat?.attachments,
                render: this.renderMessage,
                reactions,
                canReact,
                pickerOpen,
                seenBy,
                react: (emoji, on) => this.#react(entry, emoji, on),
                togglePicker: (open) => {
                  this.#pickerFor = open ? entry.id : undefined;
                  this.requestUpdate();
                },
                authorName: (row) => this.#authorName(row),
              }),
            );
          },
        ) : nothing}
        ${rows && this.#window.following ? this.#pending.items.map((pending) => rows.pendingRow(pending, strings, this.#pendingActions)) : nothing}
        </div>
      </div>
      ${this.#dragging
        ? html`<div part="drop-overlay" class="drop-overlay" aria-hidden="true">${icon(Upload)}<span>${strings.dropFiles(this.#draggedFiles)}</span></div>`
        : nothing}
      ${this.#atBottom ? nothing : button({ variant: 'primary', icon: ArrowDown, label: strings.jumpToLatest(this.#unread), part: 'jump', className: 'jump', onClick: () => this.scrollToBottom() })}
      <p part="typing" class="typing">${strings.typing(this.#typingPeers.map((id) => isolate(this.#nameOf(id))))}</p>
      <form part="composer" class="composer" @submit=${this.#onSubmit}>
        ${blocked ? html`<p part="composer-hint" id="composer-hint" class="hint">${blocked}</p>` : nothing}
        <textarea
          part="input"
          rows="2"
          aria-label=${strings.placeholder}
          aria-describedby=${blocked ? 'composer-hint' : nothing}
          placeholder=${strings.placeholder}
          maxlength=${MAX_TEXT}
          ?disabled=${blocked !== undefined}
          @keydown=${this.#onKeydown}
          @input=${this.#onInput}
          @blur=${() => this.#chat?.typing.stopped()}
        ></textarea>
        <input type="file" multiple hidden @change=${this.#onPick} />
        ${button({ iconOnly: true, icon: Paperclip, label: strings.attach, title: strings.attach, part: 'attach', disabled: blocked !== undefined, onClick: () => this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click() })}
        ${button({ variant: 'primary', type: 'submit', label: strings.send, part: 'send', disabled: blocked !== undefined })}
      </form>
      ${this.#announcer.render()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-chat': PeerChatElement;
  }
}
