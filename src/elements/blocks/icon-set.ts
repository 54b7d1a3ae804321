/**
 * The named icon set: every Lucide icon peerkit's elements draw, under Lucide's names, for what
 * takes an icon by name (`<peer-icon name>`, `<peer-button icon>`). Templates import the icon
 * itself from 'lucide' instead, so an element does not carry the whole set.
 */
import {
  ArrowDown,
  Ban,
  Check,
  CheckCheck,
  ChevronDown,
  CircleAlert,
  CircleCheck,
  Copy,
  FaceSlightlySmilingPlus,
  Info,
  KeyRound,
  LoaderCircle,
  LogIn,
  LogOut,
  Paperclip,
  Reply,
  Send,
  ShieldCheck,
  ShieldOff,
  Trash,
  TriangleAlert,
  User,
  Users,
  Wifi,
  WifiOff,
  X,
  type IconNode,
} from 'lucide';
import { css, nothing } from 'lit';
import { PeerElement } from '../peer-element.js';
import { icon, iconStyles } from './icon.js';

export const icons = {
  'alert-circle': CircleAlert,
  'alert-triangle': TriangleAlert,
  'arrow-down': ArrowDown,
  ban: Ban,
  check: Check,
  'check-check': CheckCheck,
  'check-circle': CircleCheck,
  'chevron-down': ChevronDown,
  copy: Copy,
  info: Info,
  key: KeyRound,
  loader: LoaderCircle,
  'log-in': LogIn,
  'log-out': LogOut,
  paperclip: Paperclip,
  reply: Reply,
  send: Send,
  'shield-check': ShieldCheck,
  'shield-off': ShieldOff,
  'smile-plus': FaceSlightlySmilingPlus,
  trash: Trash,
  user: User,
  users: Users,
  wifi: Wifi,
  'wifi-off': WifiOff,
  x: X,
} satisfies Record<string, IconNode>;

/** Icons that point along the reading direction: mirrored in right-to-left text. */
export const directionalIcons: ReadonlySet<string> = new Set(['send', 'reply', 'log-in', 'log-out']);

/** The names of the icons peerkit ships (Lucide's names). */
export type IconName = keyof typeof icons;

export const iconNames = Object.keys(icons) as readonly IconName[];

export function isIconName(name: string | undefined): name is IconName {
  return name !== undefined && Object.hasOwn(icons, name);
}

/**
 * An icon from peerkit's set (Lucide), inline SVG in the colour of the surrounding text.
 * Decorative unless `label` is set.
 *
 * @summary One icon from peerkit's icon set.
 * @tagname peer-icon
 * @csspart icon - The `<svg>`.
 * @cssprop --peer-icon-size - Width and height (default `1.25em`, so it follows the font size).
 */
export class PeerIconElement extends PeerElement {
  static override properties = {
    name: { type: String, reflect: true },
    label: { type: String },
  };

  static override styles = [
    iconStyles,
    css`
      :host {
        display: inline-flex;
        vertical-align: middle;
      }
    `,
  ];

  /** The icon's name, one of `iconNames`; an unknown name draws nothing. */
  declare name: string | undefined;
  /** What the icon says on its own, when no text is next to it; unset, screen readers skip it. */
  declare label: string | undefined;

  protected override render() {
    return isIconName(this.name) ? icon(icons[this.name], { directional: directionalIcons.has(this.name), ...(this.label ? { label: this.label } : {}) }) : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-icon': PeerIconElement;
  }
}
