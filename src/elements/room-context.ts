/**
 * What `<peer-room>` shares with the elements that show it: an immutable snapshot of its state
 * (provided through @lit/context, replaced on every change) and the handles needed to act on it.
 * Followers render from the snapshot and never reach into the room element.
 */
import { ContextRoot, createContext } from '@lit/context';
import type { Identity } from '../core/identity/identity.js';
import type { Keyring } from '../core/identity/keyring.js';
import type { TrustPolicy } from '../core/envelope/trust.js';
import type { Pairing } from '../core/pair/pairing.js';
import type { Room } from '../core/room/room.js';
import type { LinkPath } from '../core/link/link.js';
import type { PeerLinkState, PeerTrustBadge, RoomProblem, RoomStatus } from './localize/strings.js';

/** What the elements show of one peer. */
export interface PeerView {
  readonly id: string;
  /** The name in its key, or as renamed in the address book; empty when unknown. */
  readonly name: string;
  readonly trust: PeerTrustBadge;
  /** `joining` until a link exists. */
  /** `indirect`: a large room (partial mesh) reaches this peer through others, without a link of its own. */
  readonly state: PeerLinkState;
  readonly rtt: number | undefined;
  readonly path: LinkPath;
  /** In the room's call, as the `<peer-call>` inside the room hears it. */
  readonly inCall?: boolean;
}

/** What a follower may do to the room: the room's own public methods, nothing more. */
export interface RoomActions {
  send(to: string, data: string): void;
  broadcast(data: string): void;
  /** Pair mode: drop the partner and look for another stranger. */
  next(): Promise<void>;
  /** Sets a peer's trust in the room's address book. */
  setTrust(id: string, trust: 'trusted' | 'unknown' | 'blocked'): Promise<void>;
}

/** The room as its followers see it; a new frozen object on every change, so `===` tells a change. */
export interface RoomState {
  /** The signaling connection's state. */
  readonly status: RoomStatus;
  /** What keeps the room from working (the server out of reach, a refused join…), while something does. */
  readonly problem: RoomProblem | undefined;
  readonly mode: 'mesh' | 'pair';
  /** The trust policy signals and chat messages are checked against. */
  readonly trust: TrustPolicy;
  /** Everyone in the room but this peer. */
  readonly peers: readonly PeerView[];
  /** Pair mode: looking for a stranger. */
  readonly searching: boolean;
  /** This page's peer id (its key's fingerprint), once the identity is loaded. */
  readonly selfId: string | undefined;
  /** The key this page signs with (chat messages are signed by it). */
  readonly identity: Identity | undefined;
  /** The room's address book (names and trust of known peers). */
  readonly keyring: Keyring | undefined;
  /** The running session's Room (mesh) or Pairing (pair); undefined while none runs. */
  readonly group: Room | Pairing | undefined;
  readonly actions: RoomActions;
}

/**
 * `<peer-room>` provides its state under this context. The key is a string, not a symbol, so two
 * copies of the library on one page still find each other; it names the snapshot (0.1 provided
 * the element under `peerkit-room`), so a copy expecting the other shape finds nothing rather than
 * the wrong thing.
 */
export const roomContext = createContext<RoomState | undefined>('peerkit-room-state');

/** The `<peer-room>` with this id: in the host's own tree first (a shadow root), then the document. */
export function roomById(host: Element, id: string): HTMLElement | undefined {
  const root = host.getRootNode() as Document | ShadowRoot;
  const found = root.getElementById?.(id) ?? document.getElementById(id);
  return found?.tagName === 'PEER-ROOM' ? found : undefined;
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
