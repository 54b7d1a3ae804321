/**
 * What `<peer-chat>` reads out: new messages from others, as they arrive, and nothing else. The
 * log itself is not a live region (`aria-live="off"`), so a history load, a page of older
 * messages, a sync of what was missed or a "Sent → Delivered" change is never read out. Arrivals
 * within `settleMs` of each other are read as one line ("Ann: hi", or "3 new messages"), so a
 * burst — or a member flooding the room — costs the listener one announcement, not hundreds.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** Long messages are read to here; the reader can move into the log for the rest. */
const MAX_SPOKEN = 240;

export class ChatAnnouncer implements ReactiveController {
  #count = 0;
  #author = '';
  #text = '';
  #said = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The line to read for `count` arrivals (the first one's author and text, for when it is the only one). */
    private readonly line: (count: number, author: string, text: string) => string,
    private readonly settleMs = 400,
  ) {
    host.addController(this);
  }

  /** A message from someone else reached the log as it happened. */
  incoming(author: string, text: string): void {
    if (this.#count++ === 0) {
      this.#author = author;
      this.#text = text.length > MAX_SPOKEN ? `${text.slice(0, MAX_SPOKEN)}…` : text;
    }
    this.#timer ??= setTimeout(() => this.#flush(), this.settleMs);
  }

  /** What the live region says now (for tests and for the host's render). */
  get said(): string {
    return this.#said;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#count = 0;
  }

  #flush(): void {
    this.#timer = undefined;
    const line = this.line(this.#count, this.#author, this.#text);
    this.#count = 0;
    // The same words twice would not change the region, and would not be read: a no-break space tells them apart.
    this.#said = line === this.#said.trimEnd() && !this.#said.endsWith('\u00a0') ? `${line}\u00a0` : line;
    this.host.requestUpdate();
  }

  render() {
    return html`<div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.#said}</div>`;
  }
}
