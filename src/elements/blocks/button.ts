/**
 * peerkit's button, in two forms that draw the same thing:
 * - `button(options)`, a lit template of a real `<button>` for the elements' own shadow roots
 *   (with `buttonStyles`): it stays in the host's tree, so `<form>` submission, `aria-*` id
 *   references and the host's `::part`s work as with any button, and a chat with thousands of
 *   rows does not pay a shadow root per button;
 * - `<peer-button>` (peer-button.ts), a custom element around that template, for pages.
 * A loading button stays focusable (a `disabled` one would drop the focus of whoever pressed it)
 * and is marked `aria-busy` and `aria-disabled`; clicks on it go nowhere.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { LoaderCircle, type IconNode } from 'lucide';
import { BlockError } from './block-error.js';
import { icon } from './icon.js';

export type ButtonVariant = 'primary' | 'neutral' | 'danger' | 'text';
export type ButtonSize = 's' | 'm';

interface ButtonCommon {
  /** Default `neutral`. */
  readonly variant?: ButtonVariant;
  /** Default `m`. */
  readonly size?: ButtonSize;
  /** Drawn before the label (replaced by the spinner while loading): a Lucide icon, e.g. `import { Send } from 'lucide'`. */
  readonly icon?: IconNode;
  /** The icon points along the reading direction (send, reply): mirrored in right-to-left text. */
  readonly directionalIcon?: boolean;
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
  /**
   * The accessible name when it must say more than the visible label, e.g. whom the button acts on
   * ("Trust Alice" on a row's "Trust"). It should contain the visible label (WCAG 2.5.3).
   */
  readonly accessibleName?: string;
  /** For a composite widget's roving focus (one tab stop): `-1` takes the button out of the tab order. */
  readonly tabIndex?: 0 | -1;
  /** A toggle button's state (`aria-pressed`): e.g. "Mute" pressed while muted. */
  readonly pressed?: boolean;
  readonly onClick?: (event: MouseEvent) => void;
}

export type ButtonOptions = ButtonCommon &
  (
    | { readonly iconOnly?: false; readonly label: string | TemplateResult }
    /** No visible text: `label` is the button's accessible name, so it is required. */
    | { readonly iconOnly: true; readonly icon: IconNode; readonly label: string }
  );

/** A `<button>` in peerkit's style, for a shadow root that includes `buttonStyles`. */
export function button(options: ButtonOptions): TemplateResult {
  if (options.iconOnly && !options.label.trim()) throw new BlockError('missing-label', 'an icon-only button needs a label');
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
  const glyph = loading ? icon(LoaderCircle, { part: 'spinner' }) : options.icon ? icon(options.icon, { directional: options.directionalIcon ?? false }) : nothing;
  return html`<button
    part=${options.part ?? 'button'}
    class=${loading ? `${classes} loading` : classes}
    type=${options.type ?? 'button'}
    ?disabled=${options.disabled ?? false}
    aria-busy=${loading ? 'true' : nothing}
    aria-disabled=${loading ? 'true' : nothing}
    aria-label=${options.iconOnly ? options.label : (options.accessibleName ?? nothing)}
    aria-describedby=${ifDefined(options.describedBy)}
    aria-pressed=${options.pressed === undefined ? nothing : options.pressed ? 'true' : 'false'}
    title=${ifDefined(options.title)}
    tabindex=${ifDefined(options.tabIndex)}
    @click=${onClick}
  >${glyph}${options.iconOnly ? nothing : html`<span class="label">${options.label}</span>`}</button>`;
}
