/**
 * `<peer-relative-time>`: "2 minutes ago" that stays true, with the full date and time in its
 * `title`, formatted by the shared `Format` for its language (LocalizeController). One shared
 * timer serves every connected one (a chat shows thousands; a timer each would cost more than the
 * text): each second it re-renders only those whose text can have changed since they last
 * rendered — every second while they count seconds, every 15 s after that.
 */
import { css, html, nothing } from 'lit';
import { LocalizeController } from '../localize/localize-controller.js';
import { PeerElement } from '../peer-element.js';

const TICK_MS = 1000;
/** Past a minute the text counts minutes or more: a refresh every 15 s is never more than 15 s late. */
const SLOW_REFRESH_MS = 15_000;

const shown = new Set<PeerRelativeTimeElement>();
let ticker: ReturnType<typeof setInterval> | undefined;

function watch(element: PeerRelativeTimeElement): void {
  shown.add(element);
  ticker ??= setInterval(() => {
    const now = Date.now();
    for (const each of shown) if (each.isDue(now)) each.requestUpdate();
  }, TICK_MS);
}

function unwatch(element: PeerRelativeTimeElement): void {
  shown.delete(element);
  if (shown.size === 0 && ticker !== undefined) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/** Milliseconds since the epoch, from a number or anything `Date` parses; NaN if neither. */
function timeOf(value: string | number | undefined): number {
  if (value === undefined || value === '') return NaN;
  return typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

/**
 * A point in time told relative to now ("5 minutes ago"), kept current, with the full date and
 * time as its `title`, in the language of its own or its closest ancestor's `lang` (else the document's).
 *
 * @summary "5 minutes ago", kept current, the full time on hover.
 * @tagname peer-relative-time
 * @csspart time - The `<time>` element.
 */
export class PeerRelativeTimeElement extends PeerElement {
  static override properties = {
    datetime: {},
  };

  static override styles = css`
    :host {
      display: inline;
    }
  `;

  /** The time: milliseconds since the epoch, or an ISO 8601 string. */
  declare datetime: string | number | undefined;

  readonly #localize = new LocalizeController(this);
  #renderedAt = 0;

  /** Whether the text may read differently at `now` than when it was last rendered. */
  isDue(now: number): boolean {
    const age = Math.abs(now - timeOf(this.datetime));
    return now - this.#renderedAt >= (age < 60_000 ? TICK_MS : SLOW_REFRESH_MS);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watch(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatch(this);
  }

  protected override render() {
    const time = timeOf(this.datetime);
    if (Number.isNaN(time)) return nothing;
    this.#renderedAt = Date.now();
    const format = this.#localize.format;
    // dir=auto: the words take their own direction ("17 hours ago" stays whole in a right-to-left page).
    return html`<time part="time" dir="auto" datetime=${new Date(time).toISOString()} title=${format.dateTime(time)}>${format.relativeTime(time, this.#renderedAt)}</time>`;
  }
}

/** Whether any `<peer-relative-time>` keeps the shared timer running (for tests). */
export function relativeTimeTickerRunning(): boolean {
  return ticker !== undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-relative-time': PeerRelativeTimeElement;
  }
}
