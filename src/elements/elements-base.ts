/**
 * peerkit's elements but `<peer-call>`, without defining them: what the CDN entry carries (it
 * defines `<peer-call>` on first use, so a page without a call never loads the call's code).
 * `index.ts` adds `<peer-call>`.
 */
export { PeerElement, defineElement } from './peer-element.js';
export type { PeerEventMap, PeerConnectionDetail } from './events.js';
export { roomContext } from './room-context.js';
export type { RoomState, RoomActions } from './room-context.js';
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
export { LocalizeController } from './localize/localize-controller.js';
export { registerTranslation, loadTranslation } from './localize/translations.js';
export type { Bound } from './localize/translations.js';
export type { Format, PluralForms } from './localize/format.js';
export type { Translation, TranslationSection, PeerListOwnStrings, PeerIdentityOwnStrings, ServerProblem, RoomFailure, RoomProblem } from './localize/strings.js';
export { en } from './locales/en.js';
