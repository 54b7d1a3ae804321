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
import { adoptLateStyles } from './styles/late-styles.js';
import type { SafetyNumberView } from './safety-number-view.js';

export type { SafetyNumberStrings };

export interface VerifyPeer {
  readonly fingerprint: string;
  readonly name: string;
}

export interface SafetyNumberDialogOptions {
  /** Sets the peer's trust to `trusted` where the host keeps it. */
  readonly markVerified: (fingerprint: string) => Promise<void>;
  readonly isVerified: (fingerprint: string) => boolean;
}

type Host = ReactiveControllerHost & HTMLElement;

export class SafetyNumberDialog {
  readonly #host: Host;
  readonly #options: SafetyNumberDialogOptions;
  #view: SafetyNumberView | undefined;

  #loading: Promise<typeof import('./safety-number-view.js')> | undefined;

  constructor(host: Host, options: SafetyNumberDialogOptions) {
    this.#host = host;
    this.#options = options;
    // A pointer over, or focus on, one of the host's verify buttons (class `verify`) fetches the
    // dialog's code, so it is usually there by the time of the click.
    const prefetch = (event: Event) => {
      const target = event.composedPath()[0];
      if (target instanceof Element && target.closest('.verify')) this.#load().catch(() => undefined);
    };
    host.addEventListener('pointerover', prefetch);
    host.addEventListener('focusin', prefetch);
  }

  #load(): Promise<typeof import('./safety-number-view.js')> {
    this.#loading ??= import('./safety-number-view.js').catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  /**
   * Shows the dialog for `peer`, then computes the safety number (the work factor takes a moment);
   * settles once the number is on screen. Focus returns to `opener` when the dialog closes.
   * When the dialog's code cannot be loaded (offline), the host fires `peer-error` (`load-failed`)
   * and the next open tries again.
   */
  async open(ourFingerprint: string, peer: VerifyPeer, opener?: HTMLElement): Promise<void> {
    if (!this.#view) {
      let view: typeof import('./safety-number-view.js');
      try {
        view = await this.#load();
      } catch (error) {
        const message = `the verify dialog could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        this.#host.dispatchEvent(new CustomEvent('peer-error', { detail: { code: 'load-failed', message }, bubbles: true, composed: true }));
        return;
      }
      adoptLateStyles(this.#host, [view.safetyNumberDialogStyles]);
      this.#view ??= new view.SafetyNumberView(this.#host, this.#options);
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
