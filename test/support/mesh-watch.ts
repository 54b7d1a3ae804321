/**
 * The test's view of a large room, built from every peer's reports (mesh-probe.ts), whether the
 * peer runs in a Node host or a page: link states, broadcasts received (counted by text), chat
 * messages stored, problems. `until` waits for a condition, re-checked whenever a report comes.
 */
import { ringNeighbors } from '../../src/core/mesh/topology.js';
import type { MeshReport, PeerState } from './mesh-probe.js';

export class MeshWatch {
  readonly states = new Map<string, PeerState>();
  /** By receiver: how many times each broadcast text arrived. */
  readonly received = new Map<string, Map<string, number>>();
  /** By receiver: the broadcasts that came relayed (`via` set). */
  readonly relayed = new Map<string, number>();
  /** By receiver: chat message ids its history took in, in order (ChatSync reports each once). */
  readonly chats = new Map<string, string[]>();
  /** What peers reported going wrong, with when it arrived (ms since this watch was made). */
  readonly problems: { to: string; kind: string; detail: string; at: number }[] = [];
  readonly #started = Date.now();
  readonly #waiters = new Map<() => void, (error: Error) => void>();
  #failure: Error | undefined;

  add(reports: readonly MeshReport[]): void {
    for (const report of reports) {
      switch (report.type) {
        case 'state':
          this.states.set(report.id, report);
          break;
        case 'got': {
          const counts = this.received.get(report.to) ?? new Map<string, number>();
          this.received.set(report.to, counts);
          counts.set(report.data, (counts.get(report.data) ?? 0) + 1);
          if (report.via !== undefined) this.relayed.set(report.to, (this.relayed.get(report.to) ?? 0) + 1);
          break;
        }
        case 'chat': {
          const ids = this.chats.get(report.to) ?? [];
          this.chats.set(report.to, ids);
          ids.push(report.id);
          break;
        }
        case 'problem':
          this.problems.push({ to: report.to, kind: report.kind, detail: report.detail, at: Date.now() - this.#started });
          break;
      }
    }
    for (const check of [...this.#waiters.keys()]) check();
  }

  /** Something the room cannot come back from (a host process died): every wait fails with it. */
  fail(error: Error): void {
    this.#failure ??= error;
    for (const reject of this.#waiters.values()) reject(error);
    this.#waiters.clear();
  }

  /**
   * Resolves once `done()` holds, checked now and after every report; rejects after `ms` with
   * what `explain()` says is still missing.
   */
  until(done: () => boolean, what: string, ms: number, explain: () => string = () => ''): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${explain()}`));
      }, ms);
      this.#waiters.set(check, (error) => {
        clearTimeout(timer);
        reject(error);
      });
      check();
    });
  }

  /**
   * Peers among `members` that do not yet see the settled mesh: every other member known, both
   * ring links up (on both sides), partial mesh when there are more than `maxLinks` others.
   */
  unsettled(members: readonly string[], maxLinks: number): string[] {
    const all = new Set(members);
    const problems: string[] = [];
    for (const id of members) {
      const state = this.states.get(id);
      if (!state) {
        problems.push(`${short(id)}: no report yet`);
        continue;
      }
      const missing = [...ringNeighbors(id, all)].filter((other) => !state.linked.includes(other) || !this.states.get(other)?.linked.includes(id));
      const partial = members.length - 1 > maxLinks;
      if (state.peers !== members.length - 1 || missing.length || (state.mesh === 'partial') !== partial) {
        problems.push(`${short(id)}: knows ${state.peers}/${members.length - 1}, ${state.mesh}, linked [${state.linked.map(short).join(' ')}], ring links missing [${missing.map(short).join(' ')}]`);
      }
    }
    if (!problems.length && !this.connected(members)) problems.push('the graph of connected links is not connected');
    return problems;
  }

  /** Whether every member reaches every other over links both ends report connected. */
  connected(members: readonly string[]): boolean {
    const all = new Set(members);
    const reached = new Set([members[0]!]);
    const queue = [members[0]!];
    while (queue.length) {
      const id = queue.shift()!;
      for (const other of this.states.get(id)?.linked ?? []) {
        if (reached.has(other) || !all.has(other) || !this.states.get(other)?.linked.includes(id)) continue;
        reached.add(other);
        queue.push(other);
      }
    }
    return reached.size === members.length;
  }
}

export function short(id: string): string {
  return id.slice(0, 8);
}
