/** peerkit's elements, without defining them: import `./<tag>/define.js` (or `peerkit/define/<tag>`) for that. */
export { PeerElement, defineElement } from './peer-element.js';
export type { PeerEventMap, PeerConnectionDetail } from './events.js';
export { roomContext } from './room-context.js';
export { PeerRoomElement } from './peer-room/peer-room.js';
export type { PeerView, PeerTrustBadge, RoomStatus, PeerRoomStrings } from './peer-room/peer-room.js';
export { PeerListElement } from './peer-list/peer-list.js';
export type { PeerListStrings } from './peer-list/peer-list.js';
export { PeerIdentityElement } from './peer-identity/peer-identity.js';
export { shortFingerprint, groupedFingerprint } from './fingerprint-format.js';
export type { SafetyNumberStrings } from './safety-number-dialog.js';
export type { PeerIdentityStrings } from './peer-identity/peer-identity.js';
export { PeerChatElement } from './peer-chat/peer-chat.js';
export type { ChatEntry, DeliveryState, PeerChatStrings } from './peer-chat/peer-chat.js';
