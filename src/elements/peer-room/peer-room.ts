import { ContextProvider } from '@lit/context';
import { html, nothing } from 'lit';
// Types only: the core itself arrives with room-session.js, loaded on first connect.
import type { Identity } from '../../core/identity/identity.js';
import type { Keyring, KeyringEventMap } from '../../core/identity/keyring.js';
import type { Pairing } from '../../core/pair/pairing.js';
import type { Room, RoomEventMap } from '../../core/room/room.js';
import type { SignalingTransport, TransportEventMap } from '../../core/signaling/transport.js';
import type { Joining, JoinRoomError } from '../../core/join-room.js';
import { button } from '../blocks/button.js';
import { icon } from '../blocks/icon.js';
import { ShieldCheck } from 'lucide';
import { PeerRelativeTimeElement } from '../blocks/relative-time.js';
import { CustomStates } from '../custom-states.js';
import { roomContext, type PeerView, type RoomActions, type RoomState } from '../room-context.js';
import { PeerElement, defineElement } from '../peer-element.js';
import { LocalizeController } from '../localize/localize-controller.js';
import type { PeerRoomStrings, PeerTrustBadge, RoomFailure, RoomProblem, RoomStatus, ServerProblem } from '../localize/strings.js';
import { peerRoomStyles } from './peer-room.styles.js';

export type { PeerTrustBadge, PeerView, RoomFailure, RoomProblem, RoomStatus, ServerProblem, PeerRoomStrings };

/** joinRoom failures worth trying again by themselves: the server may come back, or be fixed. */
const RETRIED = new Set<string>(['server-rejected', 'server-unreachable', 'server-timeout', 'ice-unavailable']);
/** joinRoom failures that waiting does not fix: said in the alert, tried again only when the user asks. */
const FAILURES = new Set<string>(['join-refused', 'invalid-options', 'keys-unavailable']);

function isServerProblem(problem: RoomProblem): problem is ServerProblem {
  return RETRIED.has(problem.code);
}

let alertDefined: Promise<void> | undefined;

/**
 * `<peer-alert>` loads with the first problem a room shows: a page whose room works never pays for
 * it. Should the module fail to load, the message and buttons still show, unstyled, and the next
 * render asks again.
 */
function defineAlert(): Promise<void> {
  return (alertDefined ??= import('../blocks/alert.js').then(
    (blocks) => defineElement('peer-alert', blocks.PeerAlertElement),
    () => {
      alertDefined = undefined;
    },
  ));
}

type Session = { transport: SignalingTransport; group: Room | Pairing; stop: () => void };

/**
 * Joins a room (or, in pair mode, looks for a stranger) and shares it with the
 * elements inside it through @lit/context; elements elsewhere on the page reach it with
 * `for="<its id>"`. With `server` it signals through the peerkit server; without, through
 * BroadcastChannel (pages of this origin in this browser, no server at all).
 *
 * @tagname peer-room
 * @summary A room of peers: signaling, links, and the state the other elements show.
 *
 * @fires peer-join - A peer entered the room (pair mode: became the partner). `detail: {id}`
 * @fires peer-leave - A peer left. `detail: {id}`
 * @fires peer-connection-change - A link's state, RTT or path changed. `detail: {id, state, rtt, path}`
 * @fires peer-message - A message arrived. `detail: {from, data, via}` (`via`: the peer that relayed it, in a large room)
 * @fires peer-signal-rejected - A signal failed its checks (forged, replayed, untrusted…). `detail: {from, code, message}`
 * @fires peer-error - Signaling or a link failed, or the server is out of reach (`code`: `server-rejected`, `server-unreachable`, `server-timeout`; once per problem, retrying goes on). `detail: {code, message, status?}`
 * @fires peer-key-changed - A known name arrived with a different key (tofu warns; maybe an impostor). `detail: {name, previous, next}`
 * @fires peer-status-change - The signaling connection's state changed. `detail: {status}`
 * @fires peer-rotate - A large room replaced a slow link with one to a closer peer. `detail: {dropped, added, rtt, estimate}`
 * @fires peer-session-change - The room's session (`group`: its Room or Pairing) started or stopped. `detail: {active}`
 *
 * @slot - Content that uses the room (`<peer-list>`, `<peer-chat>`…).
 *
 * @csspart status - The status line.
 * @csspart status-dot - The coloured dot before it.
 * @csspart next - The "next stranger" button (pair mode).
 * @csspart relay-only - "IP address hidden", while links go through the TURN server only (`ice-transport-policy="relay"`, pair mode's default with TURN).
 * @csspart button - Every button (`next`, `retry`, `change-server`).
 * @csspart alert - The alert (`<peer-alert>`) shown while something keeps the room from working: why, when it tries again, and what the user can do.
 * @csspart alert-message - What is wrong, in the alert.
 * @csspart next-attempt - When the room tries again by itself ("Next attempt in 8 seconds"), in the alert.
 * @csspart retry - The alert's "Retry now" button (calls `retry()`).
 * @csspart change-server - The alert's "Change server…" button (calls `changeServer()`), when the server is the problem.
 * @csspart content - The slotted content; `aria-busy="true"` while the room connects or joins.
 *
 * @cssstate idle - Not started, or stopped (`peer-room:state(idle)`); one status state at a time, as `status` says.
 * @cssstate connecting - Reaching the signaling server.
 * @cssstate open - Connected to the signaling server (or BroadcastChannel).
 * @cssstate reconnecting - The connection dropped; trying again.
 * @cssstate closed - The connection closed.
 * @cssstate error - The server is out of reach, or the room could not start (its alert says why and offers a way out).
 */
export class PeerRoomElement extends PeerElement {
  static override styles = peerRoomStyles;

  static override properties = {
    server: { type: String },
    ns: { type: String },
    room: { type: String },
    mode: { type: String },
    trust: { type: String },
    iceServers: { type: String, attribute: 'ice-servers' },
    iceTransportPolicy: { type: String, attribute: 'ice-transport-policy' },
    displayName: { type: String, attribute: 'display-name' },
    maxLinks: { type: Number, attribute: 'max-links' },
    serverFallback: { type: Number, attribute: 'server-fallback' },
    shareLocation: { type: Boolean, attribute: 'share-location' },
    noStatus: { type: Boolean, attribute: 'no-status', reflect: true },
    peers: { attribute: false },
    strings: { attribute: false },
  };

  /** The peerkit server's URL. Without it, peers meet over BroadcastChannel (same browser). */
  declare server: string | undefined;
  /** Namespace: an app's own space on a shared server. */
  declare ns: string;
  /** The room within the namespace (mesh mode). */
  declare room: string;
  /** `mesh`: everyone links with everyone. `pair`: one stranger at a time (needs `server`). */
  declare mode: 'mesh' | 'pair';
  /** Whose signals are accepted: `any`, `tofu` (trust on first use) or `known` (trusted keys only). */
  declare trust: 'any' | 'tofu' | 'known';
  /** `server` to use the server's `/ice` (STUN, TURN credentials), or a comma-separated list of ICE URLs. */
  declare iceServers: string | undefined;
  /**
   * `relay`: links go through the TURN server only, so nobody in the room learns this device's IP
   * address (needs a TURN server: `ice-servers="server"` on a server with a TURN secret). `all`:
   * direct paths too. Default: `relay` in pair mode when the server offers TURN, else `all`.
   */
  declare iceTransportPolicy: 'all' | 'relay' | undefined;
  /** The name in a newly created key (default "Anonymous"); an existing key keeps its own. */
  declare displayName: string | undefined;
  /**
   * Most links this peer keeps (default 8). In a larger room each peer links to a few others and
   * messages are relayed, so a room of hundreds stays light for every browser.
   */
  declare maxLinks: number | undefined;
  /**
   * Milliseconds a link may take to form before chat and channels go through the server instead
   * (encrypted to the peer, which shows "via server" in `<peer-list>`), until a direct or TURN path
   * forms. Default 5000; `0` never. For networks where WebRTC is blocked.
   */
  declare serverFallback: number | undefined;
  /**
   * Sends a coarse location (about 10 km) with the latency reports, so the server can suggest
   * nearby peers. The browser asks the user first; set it only when your app has their consent.
   */
  declare shareLocation: boolean;
  /** Hides the status line (connection state, peer count, "next stranger") and its alert: the page shows them itself (`peer-status-change`, `peer-error`, `retry()`). */
  declare noStatus: boolean;
  /** Everyone in the room but this peer, as the elements show them. */
  declare peers: readonly PeerView[];
  /** Overrides for the visible strings (localization). */
  declare strings: Partial<PeerRoomStrings>;

  /** The key this page uses; loaded from (or created in) IndexedDB unless set before connecting. */
  identity: Identity | undefined;
  /** The address book trust is checked against; the default IndexedDB one unless set. */
  keyring: Keyring | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #states = new CustomStates(this);
  /** Answers the context requests of the elements that show this room, with its state. */
  readonly #provider = new ContextProvider(this, { context: roomContext });
  /** What followers may do: this element's public methods, bound once. */
  readonly #actions: RoomActions = Object.freeze({
    send: (to: string, data: string) => this.send(to, data),
    broadcast: (data: string) => this.broadcast(data),
    next: () => this.next(),
    setTrust: (id: string, trust: 'trusted' | 'unknown' | 'blocked') => this.setTrust(id, trust),
  });
  #status: RoomStatus = 'idle';
  readonly #views = new Map<string, PeerView>();
  /** Who is in the room's call, as a `<peer-call>` inside the room last said (`peer-call-change`). */
  #callMembers: ReadonlySet<string> = new Set();
  #session: Session | undefined;
  /** Bumped by every stop: a start that finds it changed after an await gives up. */
  #generation = 0;
  #searching = false;
  /** The configuration the running session was started with. */
  #sessionKey: string | undefined;
  /** What keeps the room from working, shown in the alert; cleared once joined (or the server greets us again), or the configuration changes. */
  #problem: RoomProblem | undefined;
  /** When the next automatic attempt starts (ms since the epoch), while one is scheduled: the room's own, or the transport's reconnect. */
  #retryAt: number | undefined;
  /** Clears `#retryAt` when it comes, so the alert says an attempt is under way rather than "1 second ago". */
  #retryAtTimer: ReturnType<typeof setTimeout> | undefined;
  /** A start (joinRoom) is under way. */
  #joining = false;
  /** The user asked for the attempt under way (`retry()`) and it has not ended: its button shows it is busy; automatic attempts change nothing the live region holds. */
  #retryRequested = false;
  /** Focus was in the alert before this update: if the alert goes, focus goes to the status line rather than the page. */
  #alertHadFocus = false;
  /** Waits between starts that failed on the server (made with the core, on first need). */
  #retries: { next(): number; reset(): void } | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.ns = 'peerkit';
    this.room = 'lobby';
    this.mode = 'mesh';
    this.trust = 'tofu';
    this.noStatus = false;
    this.#states.toggle(this.#status, true);
    this.peers = [];
    this.strings = {};
    // identity and keyring are not assigned here: set on the tag before its module loaded, they stay.
    this.#publish();
    this.addEventListener('peer-call-change', ({ detail }) => {
      this.#callMembers = new Set(detail.members);
      for (const [id, view] of this.#views) this.#views.set(id, this.#viewOf(id, view));
      this.peers = Object.freeze([...this.#views.values()]);
    });
  }

  /** The signaling connection's state (read-only); styled with `:state(<status>)`. */
  get status(): RoomStatus {
    return this.#status;
  }

  /** The state the room shares with the elements that show it (a frozen object, replaced on each change). */
  get snapshot(): RoomState {
    return this.#provider.value!;
  }

  /** The running Room (mesh) or Pairing (pair), once joined. */
  get group(): Room | Pairing | undefined {
    return this.#session?.group;
  }

  /** This page's peer id (its key's fingerprint), once the identity is loaded. */
  get selfId(): string | undefined {
    return this.identity?.fingerprint;
  }

  send(to: string, data: string): void {
    this.#session?.group.send(to, data);
  }

  broadcast(data: string): void {
    this.#session?.group.broadcast(data);
  }

  /** Pair mode: drop the partner and look for another stranger. */
  async next(): Promise<void> {
    const group = this.#session?.group;
    if (group && 'next' in group) await group.next();
  }

  /** Sets a peer's trust in the address book, and shows it. */
  async setTrust(id: string, trust: 'trusted' | 'unknown' | 'blocked'): Promise<void> {
    if (!this.keyring?.get(id)) return;
    await this.keyring.setTrust(id, trust);
    this.#update(id, {});
  }

  /**
   * Tries again now instead of waiting for the next automatic attempt. Joined and then cut off from
   * the server, the room reconnects its session (links to peers stay up); otherwise (the server out
   * of reach from the start, a refused join, a closed connection) it starts over with fresh waits.
   * Does nothing while connected without a problem, while a start is under way, or before the room started.
   */
  retry(): void {
    if (!this.isConnected || this.#sessionKey === undefined || this.#joining) return;
    if (this.#status === 'open' && !this.#problem) return;
    const transport = this.#session?.transport;
    if (transport?.reconnectNow && transport.state === 'reconnecting') {
      // Joined, and the server went away: reconnect the same session, so links to peers stay up.
      this.#retryRequested = true;
      this.#expectAttemptAt(undefined);
      transport.reconnectNow();
      return;
    }
    clearTimeout(this.#retryTimer);
    this.#retries?.reset();
    this.#generation++;
    this.#dropSession();
    this.#views.clear();
    this.#callMembers = new Set();
    this.peers = [];
    this.#searching = false;
    this.#retryRequested = true;
    this.#run(this.#generation);
  }

  /**
   * Asks for another server in a dialog (a `wss:`, `ws:`, `https:` or `http:` URL, checked as
   * `server` is read) and, when the user confirms one, sets the `server` attribute: the room
   * connects there. Resolves true if the server changed. `opener` gets the focus back afterwards.
   */
  async changeServer(opener?: HTMLElement): Promise<boolean> {
    const strings = this.#localize.strings('room', this.strings);
    // Both load on first use: a page whose server works never pays for the dialog.
    const [{ requestText }, { serverBase }] = await Promise.all([import('../blocks/dialog.js'), import('./room-session.js')]);
    const answer = await requestText({
      heading: strings.changeServerHeading,
      message: strings.changeServerMessage,
      label: strings.serverAddress,
      type: 'text',
      autocomplete: 'url',
      confirmLabel: strings.changeServerConfirm,
      validate: (value) => {
        try {
          serverBase(value);
          return undefined;
        } catch {
          return strings.serverInvalid;
        }
      },
      ...(opener ? { opener } : {}),
    });
    if (answer === undefined) return false;
    this.setAttribute('server', answer.trim());
    return true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The session starts after the coming update, so properties set right after appending count.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moved (taken out and put back in the same task, as a framework re-parenting it does): the
    // session goes on. The stop waits for the microtask checkpoint and is skipped if the room is
    // back on the page by then; removed for longer, it leaves the room.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  /**
   * (Re)starts after an update when connected and the configuration differs from the running
   * session's: once however many attributes changed together, and never from willUpdate (no side
   * effects while rendering).
   */
  protected override willUpdate(): void {
    this.#alertHadFocus = Boolean(this.shadowRoot?.activeElement?.closest('[part~="alert"]'));
  }

  protected override updated(): void {
    this.#publish();
    // The alert went (joined, or another server) while it had focus: the status line says what happened instead.
    if (this.#alertHadFocus && !this.shadowRoot!.querySelector('[part~="alert"]')) this.shadowRoot!.querySelector<HTMLElement>('[part="status"]')?.focus();
    // Right after the update rather than inside it: starting changes the status, which is an update of its own.
    if (this.isConnected && this.#configuration() !== this.#sessionKey) queueMicrotask(() => this.#restartIfChanged());
  }

  #configuration(): string {
    return JSON.stringify([this.server, this.ns, this.room, this.mode, this.trust, this.iceServers, this.iceTransportPolicy, this.displayName, this.maxLinks, this.serverFallback, this.shareLocation]);
  }

  #restartIfChanged(): void {
    const key = this.#configuration();
    if (!this.isConnected || key === this.#sessionKey) return;
    this.#stop();
    this.#sessionKey = key;
    this.#retries?.reset();
    this.#run(this.#generation);
  }

  #run(generation: number): void {
    void this.#start(generation).catch((error: unknown) => this.#failed(error as Error));
  }

  async #start(generation: number): Promise<void> {
    this.#expectAttemptAt(undefined);
    this.#setJoining(true);
    try {
      await this.#join(generation);
    } finally {
      if (generation === this.#generation) this.#setJoining(false);
    }
  }

  async #join(generation: number): Promise<void> {
    this.#setStatus('connecting');
    const session = await import('./room-session.js');
    this.#retries ??= new session.Backoff({ firstMs: 1000, maxMs: 30_000 });
    const abort = new AbortController();
    const { server, ns, room, mode, trust, iceServers, iceTransportPolicy, maxLinks, serverFallback, shareLocation, identity, keyring, displayName } = this;
    const options = session.joinOptions({ server, ns, room, mode, trust, iceServers, iceTransportPolicy, identity, keyring, displayName, maxLinks, serverFallback, shareLocation: Boolean(shareLocation) });
    try {
      await session.joinRoom({ ...options, signal: abort.signal, onJoining: (joining) => this.#adopt(joining, abort, generation) });
      if (generation !== this.#generation) return;
      this.#retries.reset();
      // Joined: whatever kept the room out is over.
      this.#problem = undefined;
      this.#setStatus(this.#session?.transport.state ?? 'open');
      this.requestUpdate();
    } catch (error) {
      // Stopped, or a newer start took over: nothing of this one is shown.
      if (generation !== this.#generation) return;
      this.#dropSession();
      if (!(error instanceof session.JoinRoomError) || !RETRIED.has(error.code)) throw error;
      // joinRoom left nothing behind; the server may come back (or be fixed): start again, later.
      // (The transport told its own failures as they happened, with their cause; not a join timeout.)
      if (error.code === 'ice-unavailable' || !this.#problem || !isServerProblem(this.#problem)) {
        this.#showProblem({ code: error.code as ServerProblem['code'], message: error.message, ...(error.status === undefined ? {} : { status: error.status }) });
      }
      const delay = this.#retries.next();
      this.#expectAttemptAt(Date.now() + delay);
      this.#retryTimer = setTimeout(() => {
        if (generation === this.#generation && this.isConnected) this.#run(generation);
      }, delay);
    }
  }

  /** The next automatic attempt starts at `at` (or none is scheduled: undefined), as the alert's countdown says. */
  #expectAttemptAt(at: number | undefined): void {
    this.#retryAt = at;
    clearTimeout(this.#retryAtTimer);
    if (at !== undefined) this.#retryAtTimer = setTimeout(() => this.#expectAttemptAt(undefined), Math.max(0, at - Date.now()));
    this.requestUpdate();
  }

  #setJoining(joining: boolean): void {
    this.#joining = joining;
    if (!joining) this.#retryRequested = false;
    this.requestUpdate();
  }

  /** The room and transport joinRoom made, before it joins: wired to the element from the first event. */
  #adopt(joining: Joining, abort: AbortController, generation: number): void {
    this.identity = joining.identity;
    this.keyring = joining.keyring;
    // A newer start (an attribute changed meanwhile) took over: this one gives up.
    if (generation !== this.#generation || !this.isConnected) {
      abort.abort();
      return;
    }
    const { room: group, transport } = joining;
    const listeners = this.#listen(transport, group, joining.keyring);
    this.#session = {
      transport,
      group,
      stop: () => {
        listeners();
        abort.abort();
        void group.leave();
        transport.close();
      },
    };
    this.#setStatus(transport.state === 'open' ? 'open' : 'connecting');
    this.requestUpdate();
    this.emit('peer-session-change', { active: true });
  }

  /** The room could not start and waiting will not fix it: said in the alert, and once as `peer-error`. */
  #failed(error: Error): void {
    const { code, status } = error as Partial<JoinRoomError>;
    const failure: RoomFailure = { code: code !== undefined && FAILURES.has(code) ? (code as RoomFailure['code']) : 'start-failed', message: error.message, ...(status === undefined ? {} : { status }) };
    this.#showProblem(failure);
  }

  #dropSession(): void {
    const session = this.#session;
    this.#session = undefined;
    if (!session) return;
    session.stop();
    this.requestUpdate();
    this.emit('peer-session-change', { active: false });
  }

  /** Something keeps the room from working: said in the alert, and once per problem as `peer-error`. */
  #showProblem(problem: RoomProblem): void {
    const known = this.#problem;
    this.#problem = problem;
    this.#setStatus('error');
    this.requestUpdate();
    if (known?.code !== problem.code || known?.status !== problem.status) this.emit('peer-error', problem);
  }

  #stop(): void {
    this.#generation++;
    this.#sessionKey = undefined;
    this.#problem = undefined;
    this.#expectAttemptAt(undefined);
    clearTimeout(this.#retryTimer);
    this.#dropSession();
    this.#views.clear();
    this.peers = [];
    this.#searching = false;
    this.#setStatus('idle');
  }

  /** Wires the core's events to the element's state and `peer-*` events; returns the unwiring. */
  #listen(transport: SignalingTransport, group: Room | Pairing, keyring: Keyring): () => void {
    const undo: (() => void)[] = [];
    const on = <T extends Event>(target: EventTarget, type: string, handler: (event: T) => void) => {
      const listener = (event: Event) => handler(event as T);
      target.addEventListener(type, listener);
      undo.push(() => target.removeEventListener(type, listener));
    };
    on<TransportEventMap['state']>(transport, 'state', ({ detail }) => {
      // A join that fails closes its transport on the way out: how it failed is what the room shows, not "closed".
      if (detail.state === 'closed' && this.#joining) return;
      if (detail.state === 'open') {
        this.#retryRequested = false;
        this.#expectAttemptAt(undefined);
        // Back after an outage. (While joining, the join's own end decides: it may still be refused.)
        if (!this.#joining) this.#problem = undefined;
      }
      this.#setStatus(detail.state);
    });
    // Joined, then the server went away: the transport reconnects by itself and says when it tries next.
    on<TransportEventMap['retry']>(transport, 'retry', ({ detail }) => {
      // While joining, these are the transport's quick first retries: the join's end says what comes next.
      if (this.#joining) return;
      this.#retryRequested = false;
      this.#expectAttemptAt(detail.at);
    });
    // String codes are the server out of reach (ConnectFailureCode); numbers reach peer-error through the group.
    on<TransportEventMap['transport-error']>(transport, 'transport-error', ({ detail }) => {
      if (typeof detail.code === 'string') this.#showProblem({ ...detail, code: detail.code });
    });
    on<RoomEventMap['peerlist']>(group, 'peerlist', ({ detail }) => this.#reconcile(detail.ids));
    on<RoomEventMap['peer']>(group, 'peer', ({ detail }) => {
      this.#searching = false;
      this.#reconcile(group.peers);
      this.#update(detail.id, { state: 'connected', path: group.linkInfo(detail.id)?.path ?? 'unknown' });
    });
    // The path is known with the state when a link goes through the server; a WebRTC one's comes with its first RTT.
    on<RoomEventMap['link-state']>(group, 'link-state', ({ detail }) => this.#update(detail.id, { state: detail.state, path: group.linkInfo(detail.id)?.path ?? 'unknown' }));
    on<RoomEventMap['rtt']>(group, 'rtt', ({ detail }) => this.#update(detail.id, { rtt: detail.rtt, path: detail.path }));
    on<RoomEventMap['message']>(group, 'message', ({ detail }) => this.emit('peer-message', detail));
    on<RoomEventMap['rotate']>(group, 'rotate', ({ detail }) => this.emit('peer-rotate', detail));
    on<RoomEventMap['signal-rejected']>(group, 'signal-rejected', ({ detail }) => this.emit('peer-signal-rejected', detail));
    on<CustomEvent<{ code: number | string; message: string }>>(group, 'error', ({ detail }) => {
      // The room passes the transport's errors on: the server out of reach is told above, once.
      if (!RETRIED.has(String(detail.code))) this.emit('peer-error', detail);
    });
    on<KeyringEventMap['key-changed']>(keyring, 'key-changed', ({ detail }) => {
      this.emit('peer-key-changed', detail);
      this.#reconcile(group.peers);
    });
    on(group, 'searching', () => {
      this.#searching = true;
      this.requestUpdate();
    });
    return () => undo.forEach((run) => run());
  }

  #reconcile(ids: readonly string[]): void {
    const present = new Set(ids);
    // The room may have grown into (or shrunk out of) a partial mesh: who is `indirect` changes.
    for (const [id, view] of this.#views) this.#views.set(id, this.#viewOf(id, view));
    for (const id of [...this.#views.keys()]) {
      if (present.has(id)) continue;
      this.#views.delete(id);
      this.emit('peer-leave', { id });
    }
    for (const id of ids) {
      if (this.#views.has(id)) continue;
      this.#views.set(id, this.#viewOf(id, {}));
      this.emit('peer-join', { id });
    }
    this.peers = Object.freeze([...this.#views.values()]);
  }

  #update(id: string, change: Partial<Pick<PeerView, 'state' | 'rtt' | 'path'>>): void {
    const before = this.#views.get(id);
    if (!before) return;
    const after = this.#viewOf(id, { ...before, ...change });
    this.#views.set(id, after);
    this.peers = Object.freeze([...this.#views.values()]);
    if (after.state !== before.state || after.rtt !== before.rtt || after.path !== before.path) {
      this.emit('peer-connection-change', { id, state: after.state === 'joining' ? 'connecting' : after.state, rtt: after.rtt, path: after.path });
    }
  }

  /** A peer as shown: link facts from the core, name and trust from the address book. */
  #viewOf(id: string, known: Partial<PeerView>): PeerView {
    const entry = this.keyring?.get(id);
    const trust: PeerTrustBadge = entry?.trust === 'trusted' || entry?.trust === 'blocked' ? entry.trust : entry?.keyChangedFrom ? 'key-changed' : 'unknown';
    return Object.freeze({ id, name: entry?.name ?? '', trust, state: this.#stateOf(id, known.state), rtt: known.rtt, path: known.path ?? 'unknown', ...(this.#callMembers.has(id) ? { inCall: true } : {}) });
  }

  /** A peer without a link of its own is `indirect` in a partial mesh, `joining` otherwise. */
  #stateOf(id: string, known: PeerView['state'] | undefined): PeerView['state'] {
    const group = this.#session?.group;
    const linkless = known === undefined || known === 'joining' || known === 'indirect' || known === 'closed';
    if (!linkless || !group || !('mesh' in group)) return known ?? 'joining';
    const state = group.linkState(id);
    if (state === 'connecting' || state === 'connected' || state === 'reconnecting') return state;
    if (group.mesh === 'partial') return 'indirect';
    return known === 'indirect' ? 'joining' : (known ?? 'joining');
  }

  /** Replaces the followers' snapshot when anything in it changed (after each update). */
  #publish(): void {
    const state: RoomState = {
      status: this.#status,
      problem: this.#problem,
      mode: this.mode,
      trust: this.trust,
      peers: this.peers,
      searching: this.#searching,
      selfId: this.selfId,
      identity: this.identity,
      keyring: this.keyring,
      group: this.#session?.group,
      actions: this.#actions,
    };
    const previous = this.#provider.value;
    if (previous && (Object.keys(state) as (keyof RoomState)[]).every((key) => previous[key] === state[key])) return;
    this.#provider.setValue(Object.freeze(state));
  }

  #setStatus(status: RoomStatus): void {
    // Trying again (a new transport connecting, a failed one closed) does not hide why it failed.
    if (this.#problem && status !== 'open' && status !== 'idle') status = 'error';
    if (this.#status === status) return;
    this.#states.toggle(this.#status, false);
    this.#states.toggle(status, true);
    this.#status = status;
    this.requestUpdate();
    this.emit('peer-status-change', { status });
  }

  protected override render() {
    const strings = this.#localize.strings('room', this.strings);
    const pair = this.mode === 'pair';
    const busy = this.#joining || this.status === 'connecting' || this.status === 'reconnecting';
    return html`
      ${this.noStatus
        ? nothing
        : html`<div part="status" class="status" role="status" tabindex="-1">
              <span part="status-dot" class="dot ${this.status}" aria-hidden="true"></span>
              <span>${strings.status[this.status]}</span>
              <span class="count" dir="auto">· ${pair && this.#searching ? strings.searching : strings.peers(this.peers.length)}</span>
              ${this.#session?.group?.iceTransportPolicy === 'relay'
                ? html`<span part="relay-only" class="relay-only" title=${strings.relayOnlyDetail}>${icon(ShieldCheck)}<span>${strings.relayOnly}</span></span>`
                : nothing}
              ${pair ? button({ label: strings.next, variant: 'primary', size: 's', part: 'button next', className: 'next', disabled: this.status !== 'open', onClick: () => void this.next() }) : nothing}
            </div>
            ${this.#renderAlert(strings)}`}
      <div part="content" class="content" aria-busy=${busy ? 'true' : 'false'}><slot></slot></div>
    `;
  }

  /** The alert while something keeps the room from working: what, when it tries again, and a way out. */
  #renderAlert(strings: PeerRoomStrings) {
    const problem = this.#problem;
    if (!problem && this.status !== 'closed') return nothing;
    void defineAlert();
    defineElement('peer-relative-time', PeerRelativeTimeElement);
    const fromServer = problem !== undefined && isServerProblem(problem);
    const message = problem === undefined ? strings.connectionClosed : isServerProblem(problem) ? strings.serverProblem(problem) : strings.failure(problem);
    // Retrying the same settings cannot fix them; another server can (pair mode needs one, a URL may be no server's).
    const retryable = problem?.code !== 'invalid-options';
    const offerServer = fromServer || problem?.code === 'invalid-options';
    // A warning while the room heals itself (it keeps trying); danger when only the user can fix it.
    return html`<peer-alert part="alert" class="alert" variant=${fromServer ? 'warning' : 'danger'}>
      <span part="alert-message">${message}</span>
      <span part="next-attempt" class="next-attempt" aria-live="off">${this.#renderNextAttempt(strings, fromServer)}</span>
      <span slot="action" class="alert-actions">
        ${retryable ? button({ label: strings.retryNow, size: 's', part: 'button retry', loading: this.#retryRequested, onClick: () => this.retry() }) : nothing}
        ${offerServer ? button({ label: strings.changeServer, size: 's', part: 'button change-server', onClick: (event) => void this.changeServer(event.currentTarget as HTMLElement) }) : nothing}
      </span>
    </peer-alert>`;
  }

  /**
   * When the room tries again. It sits in an `aria-live="off"` span: the alert's live region says
   * the problem once, not every tick of the countdown or every attempt.
   */
  #renderNextAttempt(strings: PeerRoomStrings, fromServer: boolean) {
    if (this.#retryAt !== undefined) return html`${strings.nextAttempt} <peer-relative-time .datetime=${this.#retryAt}></peer-relative-time>`;
    if (fromServer && (this.#joining || this.#session)) return strings.attempting;
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-room': PeerRoomElement;
  }
}
