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

  constructor(
    readonly page = 100,
    readonly max = 300,
  ) {
    if (!(page > 0 && max >= page)) throw new RangeError(`a window of ${max} rows cannot page by ${page}`);
  }

  /** The slice of a log of `length` messages to render. */
  range(length: number): WindowRange {
    if (this.#following) {
      // More than a page at once (a history loaded, a log set by hand): start again from its newest page.
      const jumped = length - this.#end > this.page;
      this.#end = length;
      this.#start = jumped ? Math.max(0, length - this.page) : Math.max(0, Math.min(this.#start, length - this.page), length - this.max);
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
    this.#start = Number.MAX_SAFE_INTEGER;
  }
}
