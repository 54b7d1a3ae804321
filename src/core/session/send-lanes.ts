/**
 * Program order for sends that may wait (a Blob being read, a link's full send buffer, a message
 * in parts): jobs on one lane take turns, in the order they were added. A job on an idle lane
 * starts at once — synchronously, inside the call — so a send with nothing to wait for is handed to
 * its link before the call returns and keeps its place among everything else sent there (an app's
 * `room.send` included). A job's turn ends when it says so (everything it sends is handed over;
 * waiting for a receipt needs no turn) or when it settles. Only a job that must wait holds later
 * ones on its lane; other lanes go on.
 */
export class LaneFull extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} messages waiting their turn`);
    this.name = 'LaneFull';
  }
}

interface Lane {
  /** Whether a job has the turn. */
  busy: boolean;
  readonly waiting: (() => void)[];
}

/** What a job calls when it no longer needs its lane (calling it again does nothing). */
export type EndTurn = () => void;

export class SendLanes {
  readonly #lanes = new Map<string, Lane>();

  /** @param maxWaitingPerLane jobs one lane may hold waiting for their turn; one more is refused with LaneFull. */
  constructor(private readonly maxWaitingPerLane: number) {}

  /** Runs `job` on `lane` once the jobs added there before it have ended their turns (at once when there are none). */
  run<T>(lane: string, job: (endTurn: EndTurn) => Promise<T>): Promise<T> {
    let state = this.#lanes.get(lane);
    if (!state) this.#lanes.set(lane, (state = { busy: false, waiting: [] }));
    const current = state;
    if (current.waiting.length >= this.maxWaitingPerLane) return Promise.reject(new LaneFull(this.maxWaitingPerLane));
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        current.busy = true;
        let ended = false;
        const endTurn = () => {
          if (ended) return;
          ended = true;
          this.#next(lane, current);
        };
        void job(endTurn).then(resolve, reject).finally(endTurn);
      };
      if (current.busy || current.waiting.length > 0) current.waiting.push(start);
      else start();
    });
  }

  #next(lane: string, state: Lane): void {
    state.busy = false;
    if (state.waiting.length === 0) {
      this.#lanes.delete(lane);
      return;
    }
    // Started from a microtask, not from inside the job that ended: a long lane of sends that go
    // at once would otherwise nest one call inside the other.
    state.busy = true;
    queueMicrotask(() => state.waiting.shift()!());
  }
}
