/**
 * The log's keyboard and reading position, for `<peer-chat>`: one tab stop for the whole log (the
 * active message), arrow keys / Home / End between messages, and — once per frame after a scroll —
 * the newest message in view, which is what the reader has seen (the chat tells the room) and,
 * while focus is elsewhere, where the tab stop goes, so tabbing into a log read from the middle
 * lands there instead of scrolling away to the newest message.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const ROWS = 'article[data-id]';

export class LogFocus implements ReactiveController {
  /** The message that holds the log's tab stop (the newest shown when undefined or not shown). */
  activeId: string | undefined;
  #viewPending = false;
  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') this.followView();
  };

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly log: () => HTMLElement | null,
    /** The newest message in view, after each scroll and when the page becomes visible. */
    private readonly viewed: (id: string | undefined) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  /** The id holding the tab stop among `shown` ids, else the newest of them. */
  tabStop(shown: readonly string[]): string | undefined {
    return this.activeId !== undefined && shown.includes(this.activeId) ? this.activeId : shown.at(-1);
  }

  #focused(): Element | null {
    const root = this.host.renderRoot;
    return root instanceof ShadowRoot ? root.activeElement : null;
  }

  /**
   * A message arrived while the reader was at the newest: unless they are moving through the log
   * themselves, the tab stop is the newest message again (before the next frame says what is in view).
   */
  followNewest(): void {
    if (this.activeId !== undefined && !this.log()?.contains(this.#focused())) {
      this.activeId = undefined;
      this.host.requestUpdate();
    }
  }

  /** Once per frame, however fast the scroll events come: what is in view now. */
  followView(): void {
    const log = this.log();
    if (!log || this.#viewPending) return;
    this.#viewPending = true;
    requestAnimationFrame(() => {
      this.#viewPending = false;
      const bottom = log.getBoundingClientRect().bottom;
      const rows = log.querySelectorAll<HTMLElement>(ROWS);
      let at = rows.length - 1;
      while (at >= 0 && rows[at]!.getBoundingClientRect().top >= bottom) at--;
      const id = rows[at]?.dataset.id;
      this.viewed(id);
      if (id && id !== this.activeId && !log.contains(this.#focused())) {
        this.activeId = id;
        this.host.requestUpdate();
      }
    });
  }

  /** Arrow keys move between messages; Home and End go to either end (from a message, not its controls). */
  onKeydown(event: KeyboardEvent): void {
    if (!['ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key)) return;
    if (event.target instanceof HTMLElement && event.target.tagName !== 'ARTICLE' && (event.key === 'Home' || event.key === 'End')) return;
    const rows = [...(this.log()?.querySelectorAll<HTMLElement>(ROWS) ?? [])];
    if (rows.length === 0) return;
    const at = rows.findIndex((row) => row.dataset.id === this.activeId);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? rows.length - 1 : Math.max(0, Math.min(rows.length - 1, (at < 0 ? rows.length : at) + (event.key === 'ArrowUp' ? -1 : 1)));
    event.preventDefault();
    const row = rows[next]!;
    this.activeId = row.dataset.id;
    this.host.requestUpdate();
    row.focus();
    row.scrollIntoView({ block: 'nearest' });
  }

  /** Focus reaching a message (a click, a tab) makes it the log's tab stop. */
  onFocusin(event: FocusEvent): void {
    const row = (event.target as HTMLElement).closest?.<HTMLElement>(ROWS);
    if (row && row.dataset.id !== this.activeId) {
      this.activeId = row.dataset.id;
      this.host.requestUpdate();
    }
  }
}
