/**
 * `<peer-list>`: everyone in a `<peer-room>` with name, short fingerprint, trust badge (and
 * actions to verify by safety number, trust or block), connection state, path and round-trip time. It takes the room from
 * the nearest `<peer-room>` ancestor, or from `for="<room id>"` anywhere on the page.
 *
 * It is an ARIA grid (the APG "Layout Grid"): one row per peer, one cell per fact or action, one
 * tab stop for the whole list, arrow keys between cells (see peer-list-grid.ts).
 */
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { button } from '../blocks/button.js';
import { shortFingerprint } from '../fingerprint-format.js';
import { PeerElement } from '../peer-element.js';
import { SafetyNumberDialog } from '../safety-number-dialog.js';
import { isolate } from '../localize/isolate.js';
import { LocalizeController } from '../localize/localize-controller.js';
import type { PeerListStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import type { PeerView, RoomState } from '../room-context.js';
import { RoomFollower } from '../room-follower.js';
import { gridMove, type GridPosition } from './peer-list-grid.js';
import { peerListStyles } from './peer-list.styles.js';

export type { PeerListStrings };

type Strings = Bound<PeerListStrings>;

/** The cells of one row, in reading order; the actions a peer does not offer are left out. */
type Column = 'name' | 'trust' | 'state' | 'rtt' | 'verify' | 'trust-action' | 'block';

/**
 * @tagname peer-list
 * @summary The peers of a room, their trust and their links.
 *
 * @fires peer-error - The verify dialog's code could not be loaded (`load-failed`; the next Verify tries again). `detail: {code, message}`
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

  constructor() {
    super();
    this.strings = {};
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

  #columns(peer: PeerView, room: RoomState): Column[] {
    const columns: Column[] = ['name', 'trust', 'state', 'rtt'];
    if (room.selfId) columns.push('verify');
    if (peer.trust !== 'trusted' && peer.trust !== 'blocked') columns.push('trust-action');
    columns.push('block');
    return columns;
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
    const column = Math.min(this.#focus?.column ?? 0, this.#columns(peers[row]!, room).length - 1);
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
    const stop = this.#resolveFocus(peers, room);
    return html`<div part="list" class="grid" role="grid" aria-label=${strings.label} @keydown=${this.#onKeydown} @focusin=${this.#onFocusIn}>
        ${repeat(
          peers,
          (peer) => peer.id,
          (peer, index) => this.#row(peer, index === stop.row ? stop.column : -1, strings, room),
        )}
      </div>
      ${dialog}`;
  }

  /** One peer's row; `stop` is the index of the cell holding the tab stop, -1 for none. */
  #row(peer: PeerView, stop: number, strings: Strings, room: RoomState): TemplateResult {
    const name = peer.name || strings.unnamed;
    const inSentence = isolate(name);
    const blocked = peer.trust === 'blocked';
    const nameId = `name-${peer.id}`;
    const cells: Record<Column, (tabIndex: 0 | -1) => TemplateResult> = {
      name: (tabIndex) => html`<span role="gridcell" class="cell identity" tabindex=${tabIndex}>
        <span part="name" class="name" id=${nameId}>${name}</span>
        <span part="fingerprint" class="fingerprint" title=${peer.id}>${shortFingerprint(peer.id)}</span>
      </span>`,
      trust: (tabIndex) => html`<span role="gridcell" part="trust trust-${peer.trust}" class="cell trust ${peer.trust}" tabindex=${tabIndex}>${strings.trust[peer.trust]}</span>`,
      state: (tabIndex) =>
        html`<span role="gridcell" part="state" class="cell state ${peer.state}" tabindex=${tabIndex}>${[strings.state[peer.state], peer.path === 'relayed' ? strings.relayed : ''].filter(Boolean).join(' · ')}</span>`,
      rtt: (tabIndex) => html`<span role="gridcell" part="rtt" class="cell rtt" tabindex=${tabIndex}>${peer.rtt === undefined ? '' : strings.rtt(Math.round(peer.rtt))}</span>`,
      verify: (tabIndex) =>
        this.#action(tabIndex, 'verify', strings.verifyAction, strings.verifyActionFor(inSentence), (event) => void this.verify(peer.id, event.currentTarget as HTMLElement)),
      'trust-action': (tabIndex) => this.#action(tabIndex, 'trust-peer', strings.trustAction, strings.trustActionFor(inSentence), () => void room.actions.setTrust(peer.id, 'trusted')),
      block: (tabIndex) =>
        this.#action(tabIndex, 'block', blocked ? strings.unblockAction : strings.blockAction, blocked ? strings.unblockActionFor(inSentence) : strings.blockActionFor(inSentence), () => void room.actions.setTrust(peer.id, blocked ? 'unknown' : 'blocked')),
    };
    const columns = this.#columns(peer, room);
    const cell = (column: Column) => cells[column](columns.indexOf(column) === stop ? 0 : -1);
    const actions = columns.filter((column) => column === 'verify' || column === 'trust-action' || column === 'block');
    return html`<div role="row" part="peer" class="row" data-peer=${peer.id} aria-labelledby=${nameId}>
      ${cell('name')}${cell('trust')}${cell('state')}${cell('rtt')}
      <div class="actions">${actions.map(cell)}</div>
    </div>`;
  }

  #action(tabIndex: 0 | -1, className: string, label: string, accessibleName: string, onClick: (event: MouseEvent) => void): TemplateResult {
    return html`<span role="gridcell" class="cell">${button({ label, accessibleName, size: 's', part: 'action', className, tabIndex, onClick })}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-list': PeerListElement;
  }
}
