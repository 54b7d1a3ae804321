/**
 * Which slice of a long log `<peer-chat>` renders. A page of the newest messages at first; older
 * pages come in as the reader scrolls up, newer ones as they scroll back down, and the slice never
 * holds more than `max` messages: past that, the end the reader moved away from is let go. So a
 * reader who scrolls back through 10,000 messages has at most `max` rows in the DOM at any time.
 *
 * Pure arithmetic over indices (no DOM): the element keeps the reader's place across a change
 * by anchoring on a row it can still see.
 */
export interface WindowRange {
  readonly start: number;
  readonly end: number;
}

export class MessageWindow {
  #start = 0;
  #end = 0;
  /** Whether the newest message is in the window: new ones then join it as they arrive. */
  #following = true;
  /** Rows kept while following: `max` just after paging (the reader is among them), `followMax` once they are back at the newest page. */
  #followRows: number;

  constructor(
    readonly page = 100,
    readonly max = 300,
    /**
     * Rows kept while following the newest: each arrival lays out the whole log again, so a reader
     * at the bottom keeps about a page (older rows go as new ones come), not the full `max`.
     */
    readonly followMax = Math.min(max, Math.ceil(page * 1.5)),
  ) {
    if (!(page > 0 && max >= page && followMax >= page && followMax <= max)) throw new RangeError(`a window of ${max} rows (${followMax} while following) cannot page by ${page}`);
    this.#followRows = followMax;
  }

  /** The slice of a log of `length` messages to render. */
  range(length: number): WindowRange {
    if (this.#following) {
      // More than a page at once (a history loaded, a log set by hand): start again from its newest page.
      const jumped = length - this.#end > this.page;
      this.#end = length;
      this.#start = jumped ? Math.max(0, length - this.page) : Math.max(0, Math.min(this.#start, length - this.page), length - this.#followRows);
    } else {
      this.#end = Math.min(this.#end, length);
      this.#start = Math.min(this.#start, Math.max(0, this.#end - this.page));
    }
    return { start: this.#start, end: this.#end };
  }

  /** Whether the newest message is rendered. */
  get following(): boolean {
    return this.#following;
  }

  /** Older messages are not rendered. */
  get hasOlder(): boolean {
    return this.#start > 0;
  }

  /** Newer messages are not rendered, in a log of `length`. */
  hasNewer(length: number): boolean {
    return !this.#following && this.#end < length;
  }

  /** One page further back; the newest rows go when the window would pass `max`. */
  older(length: number): void {
    this.range(length);
    this.#followRows = this.max;
    this.#start = Math.max(0, this.#start - this.page);
    if (this.#end - this.#start > this.max) {
      this.#end = this.#start + this.max;
      this.#following = false;
    }
  }

  /** One page further forward; the oldest rows go when the window would pass `max`. */
  newer(length: number): void {
    this.range(length);
    this.#end = Math.min(length, this.#end + this.page);
    this.#following = this.#end >= length;
    this.#start = Math.max(this.#start, this.#end - this.max);
  }

  /** Back to the newest page. */
  latest(): void {
    this.#following = true;
    this.#followRows = this.followMax;
    this.#start = Number.MAX_SAFE_INTEGER;
  }
}
