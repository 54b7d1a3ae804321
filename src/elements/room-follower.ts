/**
 * A reactive controller for elements that show a room (`<peer-list>`, `<peer-chat>`): it follows
 * the state of a `<peer-room>` — the one named by the host's `for`, else the nearest ancestor —
 * through @lit/context, and re-renders the host when what it watches changes.
 */
import { ContextEvent, type ContextCallback } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ensureContextRoot, roomById, roomContext, type RoomState } from './room-context.js';

type Host = ReactiveControllerHost & HTMLElement & { for: string | undefined };

/** The parts of the state a host renders from: it re-renders when one of them changes. */
export type Watched = (state: RoomState | undefined) => readonly unknown[];

export class RoomFollower implements ReactiveController {
  readonly #host: Host;
  readonly #watched: Watched;
  #state: RoomState | undefined;
  /** The callback of the current subscription; answers to an older one are turned away. */
  #callback: ContextCallback<RoomState | undefined> | undefined;
  #unsubscribe: (() => void) | undefined;
  /** The `for` the current subscription was made for. */
  #for: string | undefined;

  /** By default the host re-renders on every change of the room's state. */
  constructor(host: Host, watched: Watched = (state) => [state]) {
    this.#host = host;
    this.#watched = watched;
    host.addController(this);
  }

  /** The room's latest state; undefined while the host has no room. */
  get state(): RoomState | undefined {
    return this.#state;
  }

  hostConnected(): void {
    // The element's own document: it may live in (or have moved to) an iframe.
    ensureContextRoot(this.#host.ownerDocument);
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#drop();
    // Re-rendered (and so told) without a room; moved with its room, the room answers again first.
    this.#show(undefined);
  }

  /** A changed `for` follows another room: right after the update, not in it (the answer re-renders the host). */
  hostUpdated(): void {
    if (this.#host.for === this.#for) return;
    queueMicrotask(() => {
      if (this.#host.isConnected && this.#host.for !== this.#for) this.#subscribe();
    });
  }

  #subscribe(): void {
    this.#drop();
    const host = this.#host;
    this.#for = host.for;
    const callback: ContextCallback<RoomState | undefined> = (state, unsubscribe) => {
      if (this.#callback !== callback) {
        unsubscribe?.();
        return;
      }
      if (this.#unsubscribe !== unsubscribe) {
        // A room named by `for` is the only one to follow: @lit/context may ask again from the
        // host's own place (a room nested in the named one re-parents its subscribers), where
        // another room, around the host, would answer.
        if (this.#for && this.#unsubscribe) {
          unsubscribe?.();
          return;
        }
        // Answered by another provider than before (a room moved in between): leave the old one.
        this.#unsubscribe?.();
      }
      this.#unsubscribe = unsubscribe;
      this.#show(state);
    };
    this.#callback = callback;
    if (!host.for) {
      host.dispatchEvent(new ContextEvent(roomContext, host, callback, true));
      return;
    }
    const room = roomById(host, host.for);
    if (!room) {
      this.#show(undefined);
      return;
    }
    // Asked of the room itself, which answers at once once it is upgraded; before, the request
    // would bubble on to some other room, so it waits for the definition instead.
    if (room.matches(':defined')) room.dispatchEvent(new ContextEvent(roomContext, host, callback, true));
    else {
      this.#show(undefined);
      void customElements.whenDefined('peer-room').then(() => {
        if (this.#callback === callback && host.isConnected) this.#subscribe();
      });
    }
  }

  #show(state: RoomState | undefined): void {
    const before = this.#watched(this.#state);
    this.#state = state;
    const after = this.#watched(state);
    if (after.length !== before.length || after.some((value, at) => value !== before[at])) this.#host.requestUpdate();
  }

  #drop(): void {
    this.#callback = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
