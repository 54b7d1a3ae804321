/**
 * One fetch's knowledge of who holds its file (see fetcher.ts): the peers asked, each with the
 * timer that takes its silence for a no; those that said yes and were not used yet; those that
 * said no; and those ruled out for this file because they failed or misbehaved.
 */
export class Holders {
  readonly #asked = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #willing: string[] = [];
  readonly #refused = new Set<string>();
  readonly #excluded = new Set<string>();

  /** Among `peers`, those that neither said no nor were ruled out. */
  usable(peers: readonly string[]): string[] {
    return peers.filter((peer) => !this.#excluded.has(peer) && !this.#refused.has(peer));
  }

  /** The first of `usable` that said yes, taken off the list of those that did. */
  takeWilling(usable: readonly string[]): string | undefined {
    const at = this.#willing.findIndex((peer) => usable.includes(peer));
    return at >= 0 ? this.#willing.splice(at, 1)[0] : undefined;
  }

  isAsked(peer: string): boolean {
    return this.#asked.has(peer);
  }

  /** Peers asked that have not answered yet. */
  get asking(): number {
    return this.#asked.size;
  }

  /** Whether any peer said no or was ruled out. */
  get answered(): boolean {
    return this.#refused.size > 0 || this.#excluded.size > 0;
  }

  /** `peer` was asked: silent for `timeoutMs`, it counts as a no, and `silent` runs. */
  ask(peer: string, timeoutMs: number, silent: () => void): void {
    this.#asked.set(
      peer,
      setTimeout(() => {
        this.#asked.delete(peer);
        this.#refused.add(peer);
        silent();
      }, timeoutMs),
    );
  }

  /** `peer`'s answer; false (and nothing changes) when it was not being asked. */
  answer(peer: string, holds: boolean): boolean {
    if (!this.#asked.has(peer)) return false;
    clearTimeout(this.#asked.get(peer));
    this.#asked.delete(peer);
    if (holds) this.#willing.push(peer);
    else this.#refused.add(peer);
    return true;
  }

  /** `peer` does not have the file after all (it said so when asked for it). */
  refuse(peer: string): void {
    this.#refused.add(peer);
  }

  /** `peer` failed or misbehaved: it is not asked for this file again. */
  exclude(peer: string): void {
    this.#excluded.add(peer);
  }

  /** `peer` came back (a new session with it, or its FileShare started over): its no is forgotten. */
  again(peer: string): void {
    this.#refused.delete(peer);
  }

  /** The session with `peer` ended: its pending question and its yes are void. */
  forget(peer: string): void {
    clearTimeout(this.#asked.get(peer));
    this.#asked.delete(peer);
    const willing = this.#willing.indexOf(peer);
    if (willing >= 0) this.#willing.splice(willing, 1);
  }

  /** Stops waiting for answers: the fetch is over. */
  stop(): void {
    for (const timer of this.#asked.values()) clearTimeout(timer);
    this.#asked.clear();
  }
}
