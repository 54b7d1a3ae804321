/**
 * `<peer-room>` provides itself to descendants through @lit/context. The key is a string, not a
 * symbol, so two copies of the library on one page still find each other.
 */
import { createContext } from '@lit/context';
import type { PeerRoomElement } from './peer-room/peer-room.js';

export const roomContext = createContext<PeerRoomElement | undefined>('peerkit-room');

/** The `<peer-room>` with this id: in the host's own tree first (a shadow root), then the document. */
export function roomById(host: Element, id: string): PeerRoomElement | undefined {
  const root = host.getRootNode() as Document | ShadowRoot;
  const found = root.getElementById?.(id) ?? document.getElementById(id);
  return found?.tagName === 'PEER-ROOM' ? (found as PeerRoomElement) : undefined;
}
