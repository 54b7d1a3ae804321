/**
 * An element's internal state for page styles to read — `peer-chat:state(dragging)`,
 * `peer-room:state(open)` — through `ElementInternals.states`, so the page can style it but not
 * set it (an attribute could be set by anyone and lie about the element).
 *
 * Fallback: Chromium 90–124 knew only the older dashed form, so there the state is `:--dragging`.
 * A browser with no CustomStateSet at all (Firefox before 126, Safari before 17.4) exposes no state:
 * read the element's property (`status`, `dragging`) or its events instead. The elements' own look
 * never depends on it: they style what they render.
 */
export class CustomStates {
  readonly #states: CustomStateSet | undefined;
  #dashed = false;

  constructor(host: HTMLElement) {
    this.#states = host.attachInternals().states as CustomStateSet | undefined;
  }

  /** Adds or removes the state `name`. */
  toggle(name: string, on: boolean): void {
    const states = this.#states;
    if (!states) return;
    const state = this.#dashed ? `--${name}` : name;
    if (!on) {
      states.delete(state);
      return;
    }
    try {
      states.add(state);
    } catch {
      // Only the dashed form is valid here (Chromium 90–124).
      this.#dashed = true;
      states.add(`--${name}`);
    }
  }

}
