/**
 * `<peer-room>` provides itself to descendants through @lit/context. The key is a string, not a
 * symbol, so two copies of the library on one page still find each other.
 */
import { createContext } from '@lit/context';
import type { PeerRoomElement } from './peer-room/peer-room.js';

export const roomContext = createContext<PeerRoomElement | undefined>('peerkit-room');
