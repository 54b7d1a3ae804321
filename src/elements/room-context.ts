/** How elements find their `<peer-room>`: the context it provides, or its id (`for="…"`). */
import { roomContext, type PeerRoomElement } from './peer-room/peer-room.js';

export { roomContext };

/** The `<peer-room>` with this id: in the host's own tree first (a shadow root), then the document. */
export function roomById(host: Element, id: string): PeerRoomElement | undefined {
  const root = host.getRootNode() as Document | ShadowRoot;
  const found = root.getElementById?.(id) ?? document.getElementById(id);
  return found?.tagName === 'PEER-ROOM' ? (found as PeerRoomElement) : undefined;
}
