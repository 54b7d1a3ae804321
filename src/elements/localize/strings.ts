/**
 * The words every peerkit element shows, by element: the shape each translation fills
 * (`Translation`), and what an element's `strings` property overrides. A term that shows a number,
 * a size or a plural gets the element's locale-bound `Format` as its last argument, so a
 * translation says "1 Peer" / "2 Peers" and "1,5 kB" the way its language does.
 *
 * The small vocabularies the terms are keyed by (delivery states, room statuses, trust badges)
 * live here too, so an element and its words share one definition without importing each other.
 */
import type { TrustLevel } from '../../core/envelope/trust.js';
import type { LinkState } from '../../core/link/link.js';
import type { CallDeviceErrorCode, DeviceKind } from '../../core/call/devices.js';
import type { ConnectFailureCode } from '../../core/signaling/transport.js';
import type { Format } from './format.js';

export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'failed';
export type RoomStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'error';
export type PeerTrustBadge = 'trusted' | 'unknown' | 'key-changed' | 'blocked';
/** `joining` until a link exists; `indirect`: a large room (partial mesh) reaches the peer through others. */
export type PeerLinkState = LinkState | 'joining' | 'indirect';

/** Why the server cannot be used right now (the room keeps trying): the room's alert says which. */
export interface ServerProblem {
  readonly code: ConnectFailureCode | 'ice-unavailable';
  readonly message: string;
  /** The HTTP status behind it, when known (e.g. 404 from a wrong `server` URL). */
  readonly status?: number;
}

/**
 * Why the room could not start, when waiting will not fix it (the room does not retry by itself):
 * `join-refused` (`status`: the server's code, e.g. 409 room full, 401 key refused, 429 too many
 * tries), `invalid-options` (pair mode without a server, a URL that is no server's…),
 * `keys-unavailable` (the key or address book could not be loaded), `start-failed` (anything else).
 */
export interface RoomFailure {
  readonly code: 'join-refused' | 'invalid-options' | 'keys-unavailable' | 'start-failed';
  readonly message: string;
  readonly status?: number;
}

/** What keeps the room from working, as its alert shows it and its snapshot shares it. */
export type RoomProblem = ServerProblem | RoomFailure;

export interface PeerRoomStrings {
  readonly status: Record<RoomStatus, string>;
  /** The alert while the server is out of reach or misconfigured (the element keeps retrying). */
  readonly serverProblem: (problem: ServerProblem) => string;
  /** The alert when the room could not start and will not retry by itself. */
  readonly failure: (failure: RoomFailure) => string;
  /** The alert when the connection closed on its own. */
  readonly connectionClosed: string;
  /** Before the time of the next automatic attempt ("in 8 seconds", told by `<peer-relative-time>`). */
  readonly nextAttempt: string;
  /** While an attempt is under way. */
  readonly attempting: string;
  readonly retryNow: string;
  /** Opens the dialog that asks for another server. */
  readonly changeServer: string;
  readonly changeServerHeading: string;
  readonly changeServerMessage: string;
  /** The dialog's field. */
  readonly serverAddress: string;
  readonly changeServerConfirm: string;
  /** Why the dialog refuses what was typed. */
  readonly serverInvalid: string;
  readonly peers: (count: number, format: Format) => string;
  readonly next: string;
  readonly searching: string;
  /** Shown while links go through the TURN server only; `relayOnlyDetail` says what that means. */
  readonly relayOnly: string;
  readonly relayOnlyDetail: string;
}

/** The "verify this peer" dialog that `<peer-list>` and `<peer-identity>` share. */
export interface SafetyNumberStrings {
  /** The button on each peer that opens the dialog. */
  readonly verifyAction: string;
  /** Its accessible name, naming the peer (every row has one); `name` comes isolated (U+2068…U+2069). */
  readonly verifyActionFor: (name: string) => string;
  readonly verifyTitle: (name: string) => string;
  readonly verifyHelp: (name: string) => string;
  readonly safetyNumber: string;
  readonly computing: string;
  readonly qrLabel: string;
  readonly markVerified: string;
  readonly verified: (name: string) => string;
  /** Shown when the safety number could not be computed (a malformed fingerprint). */
  readonly verifyFailed: string;
  /** Shown when marking the peer verified failed (the address book could not be written). */
  readonly markFailed: string;
  readonly close: string;
}

/** `<peer-list>`'s own words. */
export interface PeerListOwnStrings {
  readonly label: string;
  readonly empty: string;
  readonly unnamed: string;
  readonly trust: Record<PeerTrustBadge, string>;
  readonly state: Record<PeerLinkState, string>;
  readonly relayed: string;
  /** Beside the link's state: no WebRTC path formed, its messages go through the server (encrypted). */
  readonly viaServer: string;
  /** Beside the link's state: the peer is in the room's call (`<peer-call>`). */
  readonly inCall: string;
  /** A link's round-trip time. */
  readonly rtt: (milliseconds: number, format: Format) => string;
  readonly trustAction: string;
  readonly blockAction: string;
  readonly unblockAction: string;
  /** The actions' accessible names, naming the peer (every row has them); `name` comes isolated (U+2068…U+2069). */
  readonly trustActionFor: (name: string) => string;
  readonly blockActionFor: (name: string) => string;
  readonly unblockActionFor: (name: string) => string;
}

/** What `<peer-list>`'s `strings` property overrides: its own words and its verify dialog's. */
export interface PeerListStrings extends SafetyNumberStrings, PeerListOwnStrings {}

export interface PeerChatStrings {
  readonly label: string;
  readonly empty: string;
  readonly placeholder: string;
  readonly send: string;
  readonly you: string;
  readonly unread: string;
  readonly jumpToLatest: (unread: number, format: Format) => string;
  readonly state: Record<DeliveryState, string>;
  readonly attach: string;
  readonly dropHere: string;
  /** The download anchor of an attached file (`name` may be empty). */
  readonly download: (name: string, bytes: number, format: Format) => string;
  /** A transfer's progress, `percent` 0…100. */
  readonly transfer: (direction: 'send' | 'receive', percent: number, format: Format) => string;
  readonly fetching: string;
  readonly cancel: string;
  readonly retry: string;
  /** Why an attachment is not shown, from its FileError code. */
  readonly attachmentFailed: (code: string) => string;
  /** Names the skeleton shown while the history loads. */
  readonly loading: string;
  /** Why the composer is disabled: no `<peer-room>` to send through. */
  readonly noRoom: string;
  /** Why the composer is disabled: the room has no key to sign with yet. */
  readonly noKey: string;
  /** An own message being signed, stored, or waiting for the room to start. */
  readonly sending: string;
  /** A send that failed; its text stays, with retry and edit. `reason` is the error's message. */
  readonly sendFailed: (reason: string) => string;
  /** Puts a failed message's text back into the composer. */
  readonly edit: string;
  /** Read out when one message arrives: `author` is already isolated. */
  readonly announce: (author: string, text: string) => string;
  /** A message with files and no text, as the announcement's text. */
  readonly filesOnly: (count: number, format: Format) => string;
  /** Read out when several arrive at once. */
  readonly announceMany: (count: number, format: Format) => string;
  /** The drop overlay: `count` files (0 when the browser does not say how many). */
  readonly dropFiles: (count: number, format: Format) => string;
  /** The button that opens the reaction picker. */
  readonly addReaction: string;
  /** A reaction chip's name: it starts with what the chip shows (the emoji and the count), then who reacted (`names` isolated) and whether this user is among them. */
  readonly reaction: (emoji: string, names: readonly string[], mine: boolean, format: Format) => string;
  /** Who is typing (`names` isolated); empty when nobody is. */
  readonly typing: (names: readonly string[], format: Format) => string;
  /** Under an own message: who has seen it (`names` isolated). */
  readonly seenBy: (names: readonly string[], format: Format) => string;
}

/** `<peer-identity>`'s own words. */
export interface PeerIdentityOwnStrings {
  readonly loading: string;
  /** The heading over the key (its name and fingerprint); focus moves to it once a key is made. */
  readonly yourKey: string;
  readonly none: string;
  readonly locked: string;
  readonly badPassphrase: string;
  /** What went wrong, on screen, from an IdentityError code (or `failed`). */
  readonly failed: (code: string) => string;
  readonly name: string;
  readonly passphrase: string;
  readonly optionalPassphrase: string;
  readonly create: string;
  readonly unlock: string;
  readonly importLabel: string;
  readonly importAction: string;
  readonly fingerprint: string;
  readonly exportPublic: string;
  readonly exportPrivate: string;
  readonly delete: string;
  /** The heading of the dialog that asks before deleting the key. */
  readonly deleteHeading: string;
  readonly confirmDelete: string;
  /** The dialog before exporting the private key: heading, why it matters, the field, the action. */
  readonly exportHeading: string;
  readonly exportMessage: string;
  readonly exportPassphrase: string;
  readonly exportConfirm: string;
  readonly exported: string;
  readonly addressBook: string;
  readonly emptyAddressBook: string;
  readonly addContact: string;
  readonly addContactAction: string;
  readonly remove: string;
  /** The remove button's accessible name, naming the peer; `name` comes isolated (U+2068…U+2069). */
  readonly removeFor: (name: string) => string;
  readonly trustFor: (name: string) => string;
  readonly trust: Record<TrustLevel, string>;
}

/** What `<peer-identity>`'s `strings` property overrides: its own words and its verify dialog's. */
export interface PeerIdentityStrings extends SafetyNumberStrings, PeerIdentityOwnStrings {}

/** The building blocks' words (`src/elements/blocks`): the alert, copy button, dialog and presence badge. */
export interface AlertStrings {
  /** The dismiss button's accessible name. */
  readonly dismiss: string;
}
export interface CopyButtonStrings {
  readonly copy: string;
  /** Said (politely) once the text is on the clipboard. */
  readonly copied: string;
  readonly failed: string;
}
export interface DialogStrings {
  readonly cancel: string;
  readonly confirm: string;
  readonly close: string;
}
export type PresenceStatus = 'connected' | 'connecting' | 'relayed' | 'offline';
export type PresenceStrings = Readonly<Record<PresenceStatus, string>>;

export interface PeerCallStrings {
  /** The call's region and its toolbar. */
  readonly label: string;
  readonly controls: string;
  readonly join: string;
  /** Joining takes a moment: the devices are asked for. */
  readonly joining: string;
  readonly leave: string;
  readonly mute: string;
  readonly unmute: string;
  /** The microphone button when there is no microphone (never had one, or it failed). */
  readonly microphoneOn: string;
  readonly cameraOn: string;
  readonly cameraOff: string;
  readonly shareScreen: string;
  readonly stopSharing: string;
  /** Opens the device choice. */
  readonly devices: string;
  readonly microphone: string;
  readonly camera: string;
  /** A device without a name (the browser tells names only once a device was allowed). */
  readonly unnamedDevice: (index: number) => string;
  readonly you: string;
  readonly unnamed: string;
  /** The label on a muted member's tile. */
  readonly muted: string;
  readonly relayed: string;
  readonly screenOf: (name: string) => string;
  /** Before joining: how many others are in the call. */
  readonly inCall: (count: number, format: Format) => string;
  /** A device could not be used: what happened and what to do. */
  readonly deviceError: (device: DeviceKind, code: CallDeviceErrorCode) => string;
  readonly retry: string;
  /** The call holds no more members (`max`; fewer while there is video). */
  readonly full: (max: number, video: boolean) => string;
  /** Outside a room: a call needs one. */
  readonly noRoom: string;
}

/**
 * A complete translation of every element. `registerTranslation()` takes this type, so a table
 * that misses a term (say, one added in a later release) fails to type-check; at run time a missing
 * or broken term shows in English instead.
 */
export interface Translation {
  /** The language it is for, as a BCP 47 tag: `de`, or `de-CH` for a regional variant. */
  readonly $code: string;
  /** The language's name in itself (`Deutsch`), for a language picker. */
  readonly $name: string;
  readonly room: PeerRoomStrings;
  readonly list: PeerListOwnStrings;
  readonly chat: PeerChatStrings;
  readonly call: PeerCallStrings;
  readonly identity: PeerIdentityOwnStrings;
  readonly verify: SafetyNumberStrings;
  readonly alert: AlertStrings;
  readonly copyButton: CopyButtonStrings;
  readonly dialog: DialogStrings;
  readonly presence: PresenceStrings;
}

export type TranslationSection = Exclude<keyof Translation, '$code' | '$name'>;
