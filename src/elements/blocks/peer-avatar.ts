/** `<peer-avatar>`: the avatar (avatar.ts) as an element, for pages. */
import { css } from 'lit';
import { PeerElement } from '../peer-element.js';
import { token } from '../styles/tokens.js';
import { avatar, avatarStyles, type AvatarSize } from './avatar.js';

/**
 * An avatar: the display name's initials on a disc coloured from the fingerprint. Hidden from
 * screen readers unless `label` is set (the name is usually written next to it).
 *
 * @summary Initials on a disc coloured from the peer's fingerprint.
 * @tagname peer-avatar
 * @csspart avatar - The disc.
 */
export class PeerAvatarElement extends PeerElement {
  static override properties = {
    name: { type: String },
    fingerprint: { type: String },
    size: { type: String, reflect: true },
    label: { type: String },
  };

  static override styles = [
    avatarStyles,
    css`
      :host {
        display: inline-flex;
        vertical-align: middle;
        color-scheme: ${token('color-scheme')};
      }
    `,
  ];

  /** The display name the initials come from. */
  declare name: string;
  /** The peer's key fingerprint: it picks the colour. */
  declare fingerprint: string;
  /** `s`, `m` (default) or `l`. */
  declare size: AvatarSize;
  /** Names the avatar for screen readers when no name is written next to it. */
  declare label: string | undefined;

  constructor() {
    super();
    this.name = '';
    this.fingerprint = '';
    this.size = 'm';
  }

  protected override render() {
    return avatar({ name: this.name, fingerprint: this.fingerprint, size: this.size, ...(this.label ? { label: this.label } : {}) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-avatar': PeerAvatarElement;
  }
}
