/** `<peer-presence>`: the presence badge (presence-badge.ts) as an element, for pages. */
import { css } from 'lit';
import { LocalizeController } from '../localize/localize-controller.js';
import type { PresenceStatus, PresenceStrings } from '../localize/strings.js';
import { PeerElement } from '../peer-element.js';
import { isPresenceStatus, presenceBadge, presenceBadgeStyles } from './presence-badge.js';

/**
 * A peer's presence: a dot and a word (connected, connecting, relayed, offline).
 *
 * @summary A presence dot with its word: connected, connecting, relayed, offline.
 * @tagname peer-presence
 * @csspart presence - The badge.
 * @csspart presence-dot - The dot.
 */
export class PeerPresenceElement extends PeerElement {
  static override properties = {
    status: { type: String, reflect: true },
    strings: { attribute: false },
  };

  static override styles = [
    presenceBadgeStyles,
    css`
      :host {
        display: inline-flex;
      }
    `,
  ];

  /** `connected`, `connecting`, `relayed` or `offline` (default; also for an unknown value). */
  declare status: PresenceStatus;
  /** Overrides for the words (localization). */
  declare strings: Partial<PresenceStrings>;

  readonly #localize = new LocalizeController(this);

  constructor() {
    super();
    this.status = 'offline';
    this.strings = {};
  }

  protected override render() {
    return presenceBadge(isPresenceStatus(this.status) ? this.status : 'offline', this.#localize.strings('presence', this.strings));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-presence': PeerPresenceElement;
  }
}
