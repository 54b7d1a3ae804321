/**
 * peerkit's one icon set: Lucide's SVG icons (imported one by one, so a bundle carries only these),
 * drawn inline with `currentColor`, so an icon takes the colour of the text around it in every
 * theme and in forced-colors mode. Decorative (`aria-hidden`) unless given a label.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
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
import { PeerElement } from '../peer-element.js';

const icons = {
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

/** The names of the icons peerkit ships (Lucide's names). */
export type IconName = keyof typeof icons;

export const iconNames = Object.keys(icons) as readonly IconName[];

export function isIconName(name: string | undefined): name is IconName {
  return name !== undefined && Object.hasOwn(icons, name);
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Each icon's SVG children as markup, built once: the same string lets lit reuse what it parsed. */
const markupCache = new Map<IconName, string>();
function markupOf(name: IconName): string {
  let markup = markupCache.get(name);
  if (markup === undefined) {
    markup = icons[name]
      .map(([tag, attributes]) => `<${tag} ${Object.entries(attributes).map(([key, value]) => `${key}="${escapeAttribute(String(value))}"`).join(' ')}/>`)
      .join('');
    markupCache.set(name, markup);
  }
  return markup;
}

export interface IconOptions {
  /** What the icon says on its own (then it is an image with this name); leave out when text is next to it. */
  readonly label?: string;
  /** The `part` attribute (default `icon`). */
  readonly part?: string;
}

/** An inline SVG icon, for templates in a shadow root that includes `iconStyles`. */
export function icon(name: IconName, options: IconOptions = {}): TemplateResult {
  const label = options.label?.trim();
  return html`<svg
    part=${options.part ?? 'icon'}
    class="icon"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    focusable="false"
    role=${label ? 'img' : nothing}
    aria-label=${label || nothing}
    aria-hidden=${label ? nothing : 'true'}
  >${unsafeSVG(markupOf(name))}</svg>`;
}

export const iconStyles = css`
  .icon {
    flex: none;
    width: var(--peer-icon-size, 1.25em);
    height: var(--peer-icon-size, 1.25em);
    vertical-align: middle;
  }
`;

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
    return isIconName(this.name) ? icon(this.name, this.label ? { label: this.label } : {}) : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-icon': PeerIconElement;
  }
}
