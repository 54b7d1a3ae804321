/** How elements find their `<peer-room>`: the context it provides, or its id (`for="…"`). */
import { ContextRoot } from '@lit/context';
import { roomContext, type PeerRoomElement } from './peer-room/peer-room.js';

export { roomContext };

/** The `<peer-room>` with this id: in the host's own tree first (a shadow root), then the document. */
export function roomById(host: Element, id: string): PeerRoomElement | undefined {
  const root = host.getRootNode() as Document | ShadowRoot;
  const found = root.getElementById?.(id) ?? document.getElementById(id);
  return found?.tagName === 'PEER-ROOM' ? (found as PeerRoomElement) : undefined;
}

const rooted = new WeakSet<Document>();

/**
 * Keeps the context requests nobody answered yet and asks again when a `<peer-room>` upgrades, so
 * a list or chat defined before the room (`define/peer-list` imported first, or the room's module
 * still loading) finds it all the same. One per document, on its root element: every request of
 * the document reaches it (they bubble and are composed), and it exists before `<body>` is parsed.
 * Attached by the consumers, not the room, because it must be listening before the first request
 * goes unanswered; the room only announces itself (ContextProvider's `context-provider` event).
 */
export function ensureContextRoot(document: Document): void {
  if (rooted.has(document)) return;
  rooted.add(document);
  new ContextRoot().attach(document.documentElement);
}
