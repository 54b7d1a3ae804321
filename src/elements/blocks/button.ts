/**
 * peerkit's button, in two forms that draw the same thing:
 * - `button(options)`, a lit template of a real `<button>` for the elements' own shadow roots
 *   (with `buttonStyles`): it stays in the host's tree, so `<form>` submission, `aria-*` id
 *   references and the host's `::part`s work as with any button, and a chat with thousands of
 *   rows does not pay a shadow root per button;
 * - `<peer-button>`, a custom element around that template, for pages.
 * A loading button stays focusable (a `disabled` one would drop the focus of whoever pressed it)
 * and is marked `aria-busy` and `aria-disabled`; clicks on it go nowhere.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { PeerElement } from '../peer-element.js';
import { BlockError } from './block-error.js';
import { buttonStyles } from './button.styles.js';
import { icon, isIconName, type IconName } from './icon.js';

export type ButtonVariant = 'primary' | 'neutral' | 'danger' | 'text';
export type ButtonSize = 's' | 'm';

interface ButtonCommon {
  /** Default `neutral`. */
  readonly variant?: ButtonVariant;
  /** Default `m`. */
  readonly size?: ButtonSize;
  /** Drawn before the label (replaced by the spinner while loading). */
  readonly icon?: IconName;
  readonly disabled?: boolean;
  /** Shows a spinner, sets `aria-busy`, and ignores clicks, keeping the focus where it is. */
  readonly loading?: boolean;
  /** Default `button`. */
  readonly type?: 'button' | 'submit';
  /** The `part` attribute (default `button`). */
  readonly part?: string;
  /** More classes, for the host's own layout. */
  readonly className?: string;
  /** Shown on hover as the browser's tooltip; the accessible name stays `label`. */
  readonly title?: string;
  /** `aria-describedby`: ids in the same shadow root. */
  readonly describedBy?: string;
  readonly onClick?: (event: MouseEvent) => void;
}

export type ButtonOptions = ButtonCommon &
  (
    | { readonly iconOnly?: false; readonly label: string | TemplateResult }
    /** No visible text: `label` is the button's accessible name, so it is required. */
    | { readonly iconOnly: true; readonly icon: IconName; readonly label: string }
  );

/** A `<button>` in peerkit's style, for a shadow root that includes `buttonStyles`. */
export function button(options: ButtonOptions): TemplateResult {
  if (options.iconOnly && !options.label.trim()) throw new BlockError('missing-label', `the icon-only button "${options.icon}" needs a label`);
  const loading = options.loading ?? false;
  const classes = ['button', options.variant ?? 'neutral', `size-${options.size ?? 'm'}`, options.iconOnly ? 'icon-only' : '', options.className ?? ''].filter(Boolean).join(' ');
  const onClick = (event: MouseEvent) => {
    if (loading) {
      // No submit, no handler of the host or the page: the action is already under way.
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    options.onClick?.(event);
  };
  const glyph = loading ? icon('loader', { part: 'spinner' }) : options.icon ? icon(options.icon) : nothing;
  return html`<button
    part=${options.part ?? 'button'}
    class=${loading ? `${classes} loading` : classes}
    type=${options.type ?? 'button'}
    ?disabled=${options.disabled ?? false}
    aria-busy=${loading ? 'true' : nothing}
    aria-disabled=${loading ? 'true' : nothing}
    aria-label=${options.iconOnly ? options.label : nothing}
    aria-describedby=${ifDefined(options.describedBy)}
    title=${ifDefined(options.title)}
    @click=${onClick}
  >${glyph}${options.iconOnly ? nothing : html`<span class="label">${options.label}</span>`}</button>`;
}

/**
 * A button in peerkit's style: four variants, two sizes, an optional icon, and a loading state.
 * With `label` and `icon` it is an icon-only button named by `label`; otherwise its text is its
 * content. Clicks while `loading` or `disabled` reach no listener. `type="submit"` submits the
 * form it is in.
 *
 * @summary A button: primary, neutral, danger or text; loading; icon-only with a label.
 * @tagname peer-button
 * @slot - The button's text (not used when `label` makes it icon-only).
 * @csspart button - The inner `<button>`.
 * @csspart icon - The icon, when there is one.
 * @csspart spinner - The spinning icon while `loading`.
 * @cssprop --peer-icon-size - The icon's size (default `1.25em`).
 */
export class PeerButtonElement extends PeerElement {
  static override shadowRootOptions: ShadowRootInit = { ...PeerElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    variant: { type: String, reflect: true },
    size: { type: String, reflect: true },
    icon: { type: String },
    label: { type: String },
    disabled: { type: Boolean, reflect: true },
    loading: { type: Boolean, reflect: true },
    type: { type: String },
  };

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: inline-flex;
      }
      :host([hidden]) {
        display: none;
      }
      .button {
        flex: auto;
      }
    `,
  ];

  /** `primary`, `neutral`, `danger` or `text`. */
  declare variant: ButtonVariant;
  /** `s` or `m`. */
  declare size: ButtonSize;
  /** An icon name from peerkit's set, drawn before the text. */
  declare icon: string | undefined;
  /** Makes the button icon-only (needs `icon`): its accessible name. */
  declare label: string | undefined;
  declare disabled: boolean;
  /** Shows a spinner, sets `aria-busy`, and ignores clicks. */
  declare loading: boolean;
  /** `button` (default) or `submit` (submits the closest form). */
  declare type: 'button' | 'submit';

  constructor() {
    super();
    this.variant = 'neutral';
    this.size = 'm';
    this.disabled = false;
    this.loading = false;
    this.type = 'button';
  }

  readonly #onClick = () => {
    // The inner button is in this element's shadow root, so it cannot submit the page's form itself.
    if (this.type === 'submit') this.closest('form')?.requestSubmit();
  };

  protected override render() {
    const iconName = isIconName(this.icon) ? this.icon : undefined;
    const common = { variant: this.variant, size: this.size, disabled: this.disabled, loading: this.loading, onClick: this.#onClick };
    return this.label && iconName
      ? button({ ...common, iconOnly: true, icon: iconName, label: this.label })
      : button({ ...common, label: html`<slot></slot>`, ...(iconName ? { icon: iconName } : {}) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-button': PeerButtonElement;
  }
}
