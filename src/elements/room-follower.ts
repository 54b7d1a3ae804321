/**
 * A reactive controller for elements that show a room (`<peer-list>`, `<peer-chat>`): it finds the
 * `<peer-room>` — the one named by the host's `for`, else the nearest ancestor through
 * @lit/context — and keeps the host's listeners on it as either changes.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeerRoomElement } from './peer-room/peer-room.js';
import { ensureContextRoot, roomById, roomContext } from './room-context.js';

type Host = ReactiveControllerHost & HTMLElement & { for: string | undefined };

export class RoomFollower implements ReactiveController {
  readonly #host: Host;
  readonly #handlers: readonly (readonly [string, (event: Event) => void])[];
  readonly #consumer: ContextConsumer<typeof roomContext, Host>;
  #room: PeerRoomElement | undefined;

  constructor(host: Host, handlers: Record<string, (event: Event) => void>) {
    this.#host = host;
    this.#handlers = Object.entries(handlers);
    // Before the consumer, so hostConnected attaches the document's ContextRoot ahead of its request.
    host.addController(this);
    this.#consumer = new ContextConsumer(host, { context: roomContext, subscribe: true, callback: () => this.refresh() });
  }

  get room(): PeerRoomElement | undefined {
    return this.#room;
  }

  /** Finds the room again (call when `for` changes); re-renders the host if it is another one. */
  refresh(): void {
    const host = this.#host;
    const room = host.for ? roomById(host, host.for) : this.#consumer.value;
    if (room === this.#room) return;
    this.#detach();
    this.#room = room;
    for (const [type, handler] of this.#handlers) room?.addEventListener(type, handler);
    host.requestUpdate();
  }

  hostConnected(): void {
    // The element's own document: it may live in (or have moved to) an iframe.
    ensureContextRoot(this.#host.ownerDocument);
    this.refresh();
  }

  hostDisconnected(): void {
    this.#detach();
  }

  #detach(): void {
    for (const [type, handler] of this.#handlers) this.#room?.removeEventListener(type, handler);
    this.#room = undefined;
  }
}
