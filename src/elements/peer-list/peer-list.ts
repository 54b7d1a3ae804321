import { html, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { PeerElement } from '../peer-element.js';
import { SafetyNumberDialog } from '../safety-number-dialog.js';
import { LocalizeController } from '../localize/localize-controller.js';
import type { PeerListStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import type { PeerView, RoomState } from '../room-context.js';
import { LazyPart } from '../lazy-part.js';
import { RoomFollower } from '../room-follower.js';
import { columnsOf } from './peer-list-columns.js';
import { gridMove, type GridPosition } from './peer-list-grid.js';
import { peerListStyles } from './peer-list.styles.js';

export type { PeerListStrings };

type Strings = Bound<PeerListStrings>;

/** The rows, loaded when the room first has a peer to show (peer-row.ts). */
type PeerRows = typeof import('./peer-row.js');

/**
 * Everyone in a `<peer-room>` with name, short fingerprint, trust badge (and
 * actions to verify by safety number, trust or block), connection state, path and round-trip time. It takes the room from
 * the nearest `<peer-room>` ancestor, or from `for="<room id>"` anywhere on the page.
 *
 * It is an ARIA grid (the APG "Layout Grid"): one row per peer, one cell per fact or action, one
 * tab stop for the whole list, arrow keys between cells (see peer-list-grid.ts).
 *
 * @tagname peer-list
 * @summary The peers of a room, their trust and their links.
 *
 * @fires peer-error - The code of the verify dialog or of the rows could not be loaded (`load-failed`; tried again on next use). `detail: {code, message}`
 *
 * @slot empty - Shown when nobody else is in the room.
 *
 * @csspart list - The grid (`role="grid"`).
 * @csspart peer - One row (`role="row"`), named by the peer's name.
 * @csspart name - A peer's name.
 * @csspart fingerprint - A peer's short fingerprint (the full one is its title).
 * @csspart trust - The trust badge; also `trust-trusted`, `trust-unknown`, `trust-key-changed`, `trust-blocked`.
 * @csspart state - Connection state and path.
 * @csspart rtt - The round-trip time (its own cell, so the row's name does not change with it).
 * @csspart action - The verify, trust and block buttons.
 * @csspart verify-dialog - The dialog that verifies a peer.
 * @csspart safety-number - The safety number in the dialog: 12 groups of 5 digits.
 * @csspart safety-qr - The QR code (SVG) in the dialog.
 * @csspart button - The dialog's buttons.
 * @csspart verify-mark - The "Mark verified" button in the dialog.
 * @csspart empty - The empty state.
 */
export class PeerListElement extends PeerElement {
  static override styles = peerListStyles;

  static override properties = {
    for: { type: String },
    strings: { attribute: false },
  };

  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  declare for: string | undefined;
  /** Overrides for the visible strings (localization). */
  declare strings: Partial<PeerListStrings>;

  /**
   * The cell holding the grid's one tab stop, by peer id (so it stays with the peer when rows are
   * added, removed or reordered) and column index (so it stays in its column between rows).
   */
  #focus: { id: string; column: number } | undefined;
  /** Where the focused peer's row was: its neighbour takes the focus when that peer leaves. */
  #focusRow = 0;
  /** Whether focus was in the grid when this update began: if the render removed the focused cell, it goes back in. */
  #focusWasInGrid = false;

  readonly #localize = new LocalizeController(this);
  /** Re-renders when the peers, this page's id or the address book change (not on a status change). */
  readonly #follower = new RoomFollower(this, (state) => [state?.peers, state?.selfId, state?.keyring]);
  readonly #verifyDialog = new SafetyNumberDialog(this, {
    markVerified: async (id) => this.#follower.state?.actions.setTrust(id, 'trusted'),
    isVerified: (id) => this.#follower.state?.keyring?.get(id)?.trust === 'trusted',
  });

  readonly #rows = new LazyPart<PeerRows>(this, { load: () => import('./peer-row.js'), what: "the list's rows", failed: (message) => this.emit('peer-error', { code: 'load-failed', message }) });
  readonly #rowActions = { verify: (id: string, opener: HTMLElement) => void this.verify(id, opener) };

  constructor() {
    super();
    this.strings = {};
  }

  protected override willUpdate(): void {
    if (!this.#rows.module && this.#follower.state?.peers.length) this.#rows.prefetch();
  }

  /** Resolves once what was set is on screen: with the rows drawn, when their code had to load first. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    return (await this.#rows.settled()) ? super.getUpdateComplete() : complete;
  }

  /** The state of the room this list shows (the snapshot its `<peer-room>` provides). */
  get roomState(): RoomState | undefined {
    return this.#follower.state;
  }

  /**
   * Opens the dialog that verifies a peer of the room: the safety number between this page's key
   * and theirs, its QR code, and "Mark verified" (trust in the room's address book). Settles once
   * the number shows.
   */
  async verify(id: string, opener?: HTMLElement): Promise<void> {
    const room = this.#follower.state;
    const peer = room?.peers.find((candidate) => candidate.id === id);
    if (!room?.selfId || !peer) return;
    await this.#verifyDialog.open(room.selfId, { fingerprint: id, name: peer.name || this.#strings().unnamed }, opener);
  }

  #strings(): Strings {
    return { ...this.#localize.strings('verify', this.strings), ...this.#localize.strings('list', this.strings) };
  }

  #grid(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[role="grid"]');
  }

  /** The focusable thing of a cell: the cell itself, or the one button in it. */
  #cellTarget(row: number, column: number): HTMLElement | null {
    const cell = this.#grid()?.querySelectorAll('[role="row"]')[row]?.querySelectorAll<HTMLElement>('[role="gridcell"]')[column];
    return cell?.hasAttribute('tabindex') ? cell : (cell?.querySelector<HTMLElement>('button') ?? null);
  }

  /**
   * The cell with the tab stop, after the rows changed: the same peer's if it is still here, else its
   * neighbour's. Kept as the new focus, so the next render and the next key start from the cell shown.
   */
  #resolveFocus(peers: readonly PeerView[], room: RoomState): GridPosition {
    const at = this.#focus ? peers.findIndex((peer) => peer.id === this.#focus!.id) : 0;
    const row = at >= 0 ? at : Math.min(this.#focusRow, peers.length - 1);
    const column = Math.min(this.#focus?.column ?? 0, columnsOf(peers[row]!, room).length - 1);
    this.#focus = { id: peers[row]!.id, column };
    this.#focusRow = row;
    return { row, column };
  }

  readonly #onFocusIn = (event: FocusEvent) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[role="gridcell"]');
    const row = cell?.closest<HTMLElement>('[role="row"]');
    if (!cell || !row) return;
    const rows = [...this.#grid()!.querySelectorAll('[role="row"]')];
    const focus = { id: row.dataset.peer!, column: [...row.querySelectorAll('[role="gridcell"]')].indexOf(cell) };
    this.#focusRow = rows.indexOf(row);
    if (focus.id === this.#focus?.id && focus.column === this.#focus.column) return;
    this.#focus = focus;
    this.requestUpdate();
  };

  readonly #onKeydown = (event: KeyboardEvent) => {
    const rows = [...this.#grid()!.querySelectorAll('[role="row"]')];
    const columnCounts = rows.map((row) => row.querySelectorAll('[role="gridcell"]').length);
    const target = gridMove(event, { row: this.#focusRow, column: this.#focus?.column ?? 0 }, columnCounts, this.#localize.dir);
    if (!target) return;
    event.preventDefault();
    this.#cellTarget(target.row, target.column)?.focus();
  };

  protected override update(changed: PropertyValues): void {
    // Read before the render replaces anything: a removed focused cell leaves no trace after it.
    const active = this.shadowRoot?.activeElement;
    this.#focusWasInGrid = !!active && !!this.#grid()?.contains(active);
    super.update(changed);
  }

  protected override updated(): void {
    if (!this.#focusWasInGrid) return;
    this.#focusWasInGrid = false;
    const active = this.shadowRoot?.activeElement;
    if (active && this.#grid()?.contains(active)) return;
    // The focused cell went (its peer left, or its button with the trust that offered it): focus the
    // cell that took its place, or the empty state, never the page's body.
    const stop = this.#grid()?.querySelector<HTMLElement>('[tabindex="0"]') ?? this.renderRoot.querySelector<HTMLElement>('[part="empty"]');
    stop?.focus();
  }

  protected override render() {
    const strings = this.#strings();
    const room = this.#follower.state;
    const peers = room?.peers ?? [];
    const dialog = this.#verifyDialog.render(strings);
    // tabindex -1: where focus lands when the last row goes while it was in the list.
    if (!room || peers.length === 0) return html`<p part="empty" class="empty" tabindex="-1"><slot name="empty">${strings.empty}</slot></p>${dialog}`;
    const rows = this.#rows.module;
    // The rows' code is on its way (willUpdate asked for it): an empty, busy grid until it is here.
    if (!rows) return html`<div part="list" class="grid" role="grid" aria-label=${strings.label} aria-busy="true"></div>${dialog}`;
    const stop = this.#resolveFocus(peers, room);
    return html`<div part="list" class="grid" role="grid" aria-label=${strings.label} @keydown=${this.#onKeydown} @focusin=${this.#onFocusIn}>
        ${repeat(
          peers,
          (peer) => peer.id,
          (peer, index) => rows.peerRow(peer, index === stop.row ? stop.column : -1, strings, room, this.#rowActions),
        )}
      </div>
      ${dialog}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-list': PeerListElement;
  }
}
