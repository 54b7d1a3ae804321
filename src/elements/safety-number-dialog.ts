/**
 * The "verify this peer" dialog that `<peer-identity>` and `<peer-list>` share: the safety number
 * between this user's key and the peer's in groups of five, the same pair as a QR code, and
 * "Mark verified". The host says how to trust a key (its keyring or its room), places `render()`
 * in its template and includes `buttonStyles` (the dialog draws the block button).
 *
 * This is the dialog's front: the dialog (safety-number-view.ts, with its styles), the QR encoder
 * and the safety-number math load when it first opens, since most visits never open it and the
 * CDN entry stays small.
 */
import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SafetyNumberStrings } from './localize/strings.js';
import { LazyPart } from './lazy-part.js';
import { adoptLateStyles } from './styles/late-styles.js';
import type { SafetyNumberDialogOptions, SafetyNumberView, VerifyPeer } from './safety-number-view.js';

export type { SafetyNumberDialogOptions, SafetyNumberStrings, VerifyPeer };

type Host = ReactiveControllerHost & HTMLElement;

export class SafetyNumberDialog {
  readonly #host: Host;
  readonly #options: SafetyNumberDialogOptions;
  readonly #code: LazyPart<typeof import('./safety-number-view.js')>;
  #view: SafetyNumberView | undefined;

  constructor(host: Host, options: SafetyNumberDialogOptions) {
    this.#host = host;
    this.#options = options;
    this.#code = new LazyPart(host, {
      load: () => import('./safety-number-view.js'),
      what: 'the verify dialog',
      loaded: (view) => adoptLateStyles(host, [view.safetyNumberDialogStyles]),
      // The host's peer-error, as its own emit() would fire it.
      failed: (message) => host.dispatchEvent(new CustomEvent('peer-error', { detail: { code: 'load-failed', message }, bubbles: true, composed: true })),
    });
    // A pointer over, or focus on, one of the host's verify buttons (class `verify`) fetches the
    // dialog's code, so it is usually there by the time of the click.
    const prefetch = (event: Event) => {
      const target = event.composedPath()[0];
      if (target instanceof Element && target.closest('.verify')) this.#code.prefetch();
    };
    host.addEventListener('pointerover', prefetch);
    host.addEventListener('focusin', prefetch);
  }

  /**
   * Shows the dialog for `peer`, then computes the safety number (the work factor takes a moment);
   * settles once the number is on screen. Focus returns to `opener` when the dialog closes.
   * When the dialog's code cannot be loaded (offline), the host fires `peer-error` (`load-failed`)
   * and the next open tries again.
   */
  async open(ourFingerprint: string, peer: VerifyPeer, opener?: HTMLElement): Promise<void> {
    if (!this.#view) {
      let code: typeof import('./safety-number-view.js');
      try {
        code = await this.#code.load();
      } catch {
        return;
      }
      this.#view ??= new code.SafetyNumberView(this.#host, this.#options);
    }
    await this.#view.open(ourFingerprint, peer, opener);
  }

  close(): void {
    this.#view?.close();
  }

  render(strings: SafetyNumberStrings): TemplateResult | typeof nothing {
    return this.#view?.render(strings) ?? nothing;
  }
}
