/** The cells of a `<peer-list>` row, in reading order; the actions a peer does not offer are left out. */
import type { PeerView, RoomState } from '../room-context.js';

export type Column = 'name' | 'trust' | 'state' | 'rtt' | 'verify' | 'trust-action' | 'block';

export function columnsOf(peer: PeerView, room: RoomState): Column[] {
  const columns: Column[] = ['name', 'trust', 'state', 'rtt'];
  if (room.selfId) columns.push('verify');
  if (peer.trust !== 'trusted' && peer.trust !== 'blocked') columns.push('trust-action');
  columns.push('block');
  return columns;
}
