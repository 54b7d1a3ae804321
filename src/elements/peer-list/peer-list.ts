/**
 * `<peer-list>`: everyone in a `<peer-room>` with name, short fingerprint, trust badge (and
 * actions to verify by safety number, trust or block), connection state, path and round-trip time. It takes the room from
 * the nearest `<peer-room>` ancestor, or from `for="<room id>"` anywhere on the page.
 */
import { html, nothing } from 'lit';
import { shortFingerprint } from '../fingerprint-format.js';
import { PeerElement } from '../peer-element.js';
import { SafetyNumberDialog } from '../safety-number-dialog.js';
import { LocalizeController } from '../localize/localize-controller.js';
import type { PeerListStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import type { PeerView } from '../peer-room/peer-room.js';
import type { RoomState } from '../room-context.js';
import { RoomFollower } from '../room-follower.js';
import { peerListStyles } from './peer-list.styles.js';

export type { PeerListStrings };

/**
 * @tagname peer-list
 * @summary The peers of a room, their trust and their links.
 *
 * @slot empty - Shown when nobody else is in the room.
 *
 * @csspart list - The list element.
 * @csspart peer - One row.
 * @csspart name - A peer's name.
 * @csspart fingerprint - A peer's short fingerprint (the full one is its title).
 * @csspart trust - The trust badge; also `trust-trusted`, `trust-unknown`, `trust-key-changed`, `trust-blocked`.
 * @csspart state - Connection state, path and round-trip time.
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
  /** The row that holds the list's one tab stop (roving tabindex). */
  #focusedIndex = 0;

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

  #strings(): Bound<PeerListStrings> {
    return { ...this.#localize.strings('verify', this.strings), ...this.#localize.strings('list', this.strings) };
  }

  #focusRow(index: number): void {
    if (this.#focusedIndex === index) return;
    this.#focusedIndex = index;
    this.requestUpdate();
  }

  #onKeydown(event: KeyboardEvent, count: number): void {
    const moves: Record<string, number> = { ArrowDown: this.#focusedIndex + 1, ArrowUp: this.#focusedIndex - 1, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target === undefined || (event.target as HTMLElement).tagName === 'BUTTON') return;
    event.preventDefault();
    this.#focusedIndex = Math.max(0, Math.min(count - 1, target));
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`li[data-index="${this.#focusedIndex}"]`)?.focus());
  }

  protected override render() {
    const strings = this.#strings();
    const room = this.#follower.state;
    const peers = room?.peers ?? [];
    const dialog = this.#verifyDialog.render(strings);
    if (peers.length === 0) return html`<p part="empty" class="empty"><slot name="empty">${strings.empty}</slot></p>${dialog}`;
    const focused = Math.min(this.#focusedIndex, peers.length - 1);
    return html`<ul part="list" aria-label=${strings.label} @keydown=${(event: KeyboardEvent) => this.#onKeydown(event, peers.length)}>
        ${peers.map((peer, index) => this.#row(peer, index, index === focused, strings, room!))}
      </ul>
      ${dialog}`;
  }

  #row(peer: PeerView, index: number, focused: boolean, strings: Bound<PeerListStrings>, room: RoomState) {
    const name = peer.name || strings.unnamed;
    const link = [strings.state[peer.state], peer.path === 'relayed' ? strings.relayed : '', peer.rtt === undefined ? '' : strings.rtt(Math.round(peer.rtt))].filter(Boolean).join(' · ');
    const blocked = peer.trust === 'blocked';
    return html`<li part="peer" data-index=${index} tabindex=${focused ? 0 : -1} @focus=${() => this.#focusRow(index)} aria-label="${name}, ${strings.trust[peer.trust]}, ${link}">
      <span part="name" class="name">${name}</span>
      <span part="fingerprint" class="fingerprint" title=${peer.id}>${shortFingerprint(peer.id)}</span>
      <span part="trust trust-${peer.trust}" class="trust ${peer.trust}">${strings.trust[peer.trust]}</span>
      <span part="state" class="state ${peer.state}">${link}</span>
      <span class="actions">
        ${room.selfId
          ? html`<button part="action" class="verify" type="button" aria-label=${strings.verifyActionFor(name)} @click=${(event: Event) => void this.verify(peer.id, event.currentTarget as HTMLElement)}>
              ${strings.verifyAction}
            </button>`
          : nothing}
        ${peer.trust === 'trusted' || blocked ? nothing : html`<button part="action" type="button" @click=${() => void room.actions.setTrust(peer.id, 'trusted')}>${strings.trustAction}</button>`}
        <button part="action" type="button" @click=${() => void room.actions.setTrust(peer.id, blocked ? 'unknown' : 'blocked')}>${blocked ? strings.unblockAction : strings.blockAction}</button>
      </span>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-list': PeerListElement;
  }
}
