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
import type { ConnectFailureCode } from '../../core/signaling/transport.js';
import type { Format } from './format.js';

export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'failed';
export type RoomStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'error';
export type PeerTrustBadge = 'trusted' | 'unknown' | 'key-changed' | 'blocked';
/** `joining` until a link exists; `indirect`: a large room (partial mesh) reaches the peer through others. */
export type PeerLinkState = LinkState | 'joining' | 'indirect';

/** Why the server cannot be used right now (the room keeps trying): the status line says which. */
export interface ServerProblem {
  readonly code: ConnectFailureCode | 'ice-unavailable';
  readonly message: string;
  /** The HTTP status behind it, when known (e.g. 404 from a wrong `server` URL). */
  readonly status?: number;
}

export interface PeerRoomStrings {
  readonly status: Record<RoomStatus, string>;
  /** The status line while the server is out of reach or misconfigured (the element keeps retrying). */
  readonly serverProblem: (problem: ServerProblem) => string;
  readonly peers: (count: number, format: Format) => string;
  readonly next: string;
  readonly searching: string;
}

/** The "verify this peer" dialog that `<peer-list>` and `<peer-identity>` share. */
export interface SafetyNumberStrings {
  /** The button on each peer that opens the dialog. */
  readonly verifyAction: string;
  /** Its accessible name, naming the peer (every row has one). */
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
  /** A link's round-trip time. */
  readonly rtt: (milliseconds: number, format: Format) => string;
  readonly trustAction: string;
  readonly blockAction: string;
  readonly unblockAction: string;
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
}

/** `<peer-identity>`'s own words. */
export interface PeerIdentityOwnStrings {
  readonly loading: string;
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
  readonly identity: PeerIdentityOwnStrings;
  readonly verify: SafetyNumberStrings;
  readonly alert: AlertStrings;
  readonly copyButton: CopyButtonStrings;
  readonly dialog: DialogStrings;
  readonly presence: PresenceStrings;
}

export type TranslationSection = Exclude<keyof Translation, '$code' | '$name'>;
