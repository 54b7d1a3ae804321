/**
 * `<peer-alert>`: a message in the page's flow — info, success, warning or danger — with an icon
 * and a word-bearing message (never colour alone), an optional action (Retry…) and a dismiss
 * button. Only an `urgent` alert interrupts (`role="alert"`); the rest wait their turn (`role="status"`).
 */
import { css, html, nothing } from 'lit';
import { LocalizeController } from '../localize/localize-controller.js';
import type { AlertStrings } from '../localize/strings.js';
import { PeerElement } from '../peer-element.js';
import { buttonStyles } from './button.styles.js';
import { button } from './button.js';
import { CircleAlert, CircleCheck, Info, TriangleAlert, X, type IconNode } from 'lucide';
import { icon } from './icon.js';
import { token } from '../styles/tokens.js';

export type AlertVariant = 'info' | 'success' | 'warning' | 'danger';

const variantIcons: Record<AlertVariant, IconNode> = {
  info: Info,
  success: CircleCheck,
  warning: TriangleAlert,
  danger: CircleAlert,
};

/**
 * An inline alert: info, success, warning or danger, with an icon, an optional action and an
 * optional dismiss button. `urgent` makes it interrupt screen readers (`role="alert"`); otherwise it
 * is a polite `role="status"`.
 *
 * @summary An inline alert with an action and a dismiss button.
 * @tagname peer-alert
 * @slot - The message.
 * @slot action - An action, e.g. a Retry `<peer-button>`.
 * @csspart base - The alert's box.
 * @csspart icon - The variant's icon.
 * @csspart message - The message.
 * @csspart dismiss - The dismiss button.
 * @fires peer-alert-dismiss - The user dismissed the alert (cancelable: then it stays open). `detail: {}`
 */
export class PeerAlertElement extends PeerElement {
  static override properties = {
    variant: { type: String, reflect: true },
    urgent: { type: Boolean },
    dismissible: { type: Boolean },
    open: { type: Boolean, reflect: true },
    toast: { type: Boolean, reflect: true },
    strings: { attribute: false },
  };

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        --_tone: ${token('color-accent')};
      }
      :host(:not([open])) {
        display: none;
      }
      :host([variant='success']) {
        --_tone: ${token('color-success')};
      }
      :host([variant='warning']) {
        --_tone: ${token('color-warning')};
      }
      :host([variant='danger']) {
        --_tone: ${token('color-danger')};
      }
      /* The actions go to a line of their own (at its end) when message and actions do not fit side by side. */
      .base {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-start;
        gap: ${token('space-xs')};
        padding: ${token('space-s')} ${token('space-m')};
        font-family: ${token('font')};
        font-size: ${token('font-size-s')};
        line-height: ${token('line-height')};
        color: ${token('color-text')};
        background: color-mix(in srgb, var(--_tone) 8%, ${token('color-surface')});
        border: 1px solid color-mix(in srgb, var(--_tone) 45%, ${token('color-surface')});
        border-inline-start: ${token('space-2xs')} solid var(--_tone);
        border-radius: ${token('radius-m')};
      }
      .base > .icon {
        color: var(--_tone);
        /* Centred on the first line of text. */
        margin-block: calc((1em * ${token('line-height')} - 1.25em) / 2);
      }
      .message {
        flex: 1 1 14rem;
        min-width: 0;
        align-self: center;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        max-inline-size: 100%;
        margin-inline-start: auto;
        align-items: center;
        gap: ${token('space-2xs')};
        margin-block: calc(-1 * ${token('space-2xs')});
      }
      :host([toast]) .base {
        background: color-mix(in srgb, var(--_tone) 8%, ${token('color-surface-raised')});
        box-shadow: ${token('shadow-m')};
      }
      ::slotted([slot='action']) {
        flex: none;
        max-inline-size: 100%;
      }
      @media (forced-colors: active) {
        .base {
          border-color: CanvasText;
        }
        .base > .icon {
          color: CanvasText;
        }
      }
    `,
  ];

  /** `info` (default), `success`, `warning` or `danger`. */
  declare variant: AlertVariant;
  /** Interrupts screen readers (`role="alert"`): only for what must be heard now. */
  declare urgent: boolean;
  /** Shows a dismiss button. */
  declare dismissible: boolean;
  /** False once dismissed (then the alert is hidden); set it to show the alert again. */
  declare open: boolean;
  /** Drawn raised, with a shadow, as the toasts of `toast()` are. */
  declare toast: boolean;
  /** Overrides for the default strings (localization). */
  declare strings: Partial<AlertStrings>;

  readonly #localize = new LocalizeController(this);

  constructor() {
    super();
    this.variant = 'info';
    this.urgent = false;
    this.dismissible = false;
    this.open = true;
    this.toast = false;
    this.strings = {};
  }

  /** Hides the alert as the dismiss button does (firing `peer-alert-dismiss`, which may cancel it). */
  dismiss(): void {
    if (this.emit('peer-alert-dismiss', {}, { cancelable: true })) this.open = false;
  }

  protected override render() {
    const variant = Object.hasOwn(variantIcons, this.variant) ? this.variant : 'info';
    const strings = this.#localize.strings('alert', this.strings);
    return html`<div part="base" class="base" role=${this.urgent ? 'alert' : 'status'}>
      ${icon(variantIcons[variant])}
      <div part="message" class="message"><slot></slot></div>
      <div class="actions">
        <slot name="action"></slot>
        ${this.dismissible ? button({ iconOnly: true, icon: X, label: strings.dismiss, variant: 'text', size: 's', part: 'button dismiss', onClick: () => this.dismiss() }) : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-alert': PeerAlertElement;
  }
}
