/**
 * A part of an element's code it loads when it first needs it (its rows, its views, a dialog), so
 * the CDN entry does not carry it: loaded once; a failed load (offline) is told to the element,
 * which fires `peer-error` with `load-failed`, and is tried again on the next use.
 */
import type { ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export interface LazyPartOptions<M> {
  readonly load: () => Promise<M>;
  /** What the part is, in the error's message ("the chat's rows"). */
  readonly what: string;
  /** The load failed: `message` says what could not be loaded and why. */
  readonly failed: (message: string) => void;
  /** Runs once the module is here, before the host renders with it (adopting its styles). */
  readonly loaded?: (module: M) => void;
}

export class LazyPart<M> {
  readonly #host: Host;
  readonly #options: LazyPartOptions<M>;
  #module: M | undefined;
  #loading: Promise<M> | undefined;

  constructor(host: Host, options: LazyPartOptions<M>) {
    this.#host = host;
    this.#options = options;
  }

  /** The module, once loaded. */
  get module(): M | undefined {
    return this.#module;
  }

  /** Loads the module (once); the host renders again when it is here. */
  load(): Promise<M> {
    this.#loading ??= this.#options.load().then(
      (module) => {
        this.#options.loaded?.(module);
        this.#module = module;
        this.#host.requestUpdate();
        return module;
      },
      (error: unknown) => {
        this.#loading = undefined;
        this.#options.failed(`${this.#options.what} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      },
    );
    return this.#loading;
  }

  /** Starts loading and lets a failure go (it was told to `failed`). */
  prefetch(): void {
    this.load().catch(() => undefined);
  }

  /** Whether a load was under way, once it has ended (never rejects): the host's `updateComplete` waits on it. */
  async settled(): Promise<boolean> {
    if (this.#module || !this.#loading) return false;
    try {
      await this.#loading;
      return true;
    } catch {
      return false;
    }
  }
}
