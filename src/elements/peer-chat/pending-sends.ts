/**
 * Messages typed into `<peer-chat>`'s composer and not yet in the history: being signed and stored
 * (or waiting for the room to start), or failed. A failed one keeps its text on screen, with retry
 * and edit, until the user acts: typed text is never lost. Their rows are drawn by pending-row.ts.
 */
export interface PendingSend {
  readonly key: number;
  readonly text: string;
  readonly state: 'sending' | 'failed';
  readonly reason?: string;
}

export class PendingSends {
  #items: readonly PendingSend[] = [];
  #keys = 0;

  get items(): readonly PendingSend[] {
    return this.#items;
  }

  /** `text` is on its way (again, for a retry of `retrying`). */
  start(text: string, retrying?: PendingSend): PendingSend {
    const pending: PendingSend = { key: retrying?.key ?? ++this.#keys, text, state: 'sending' };
    this.#items = retrying ? this.#items.map((each) => (each.key === pending.key ? pending : each)) : [...this.#items, pending];
    return pending;
  }

  /** It is in the history now (or was taken back into the composer): off the list. */
  remove(pending: PendingSend): void {
    this.#items = this.#items.filter((each) => each.key !== pending.key);
  }

  failed(pending: PendingSend, reason: string): void {
    this.#items = this.#items.map((each) => (each.key === pending.key ? { ...pending, state: 'failed', reason } : each));
  }
}
