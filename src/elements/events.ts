/** The `peer-*` events the elements fire, typed for `addEventListener` on any element. */
import type { LinkPath, LinkRejectionCode, LinkState } from '../core/link/link.js';

export interface PeerConnectionDetail {
  readonly id: string;
  /** `indirect`: no link of its own in a large room (partial mesh); messages reach it through others. */
  readonly state: LinkState | 'indirect';
  readonly rtt: number | undefined;
  readonly path: LinkPath;
}

export interface PeerEventMap {
  /** A peer entered the room (or, in pair mode, became the partner). */
  'peer-join': CustomEvent<{ readonly id: string }>;
  'peer-leave': CustomEvent<{ readonly id: string }>;
  /** A link's state, round-trip time or path changed. */
  'peer-connection-change': CustomEvent<PeerConnectionDetail>;
  /** `via`: the peer a relayed message came through (a large room); absent when it came directly. */
  'peer-message': CustomEvent<{ readonly from: string; readonly data: string; readonly via?: string }>;
  /** A slow link was replaced by one to a peer the server estimates closer. */
  'peer-rotate': CustomEvent<{ readonly dropped: string; readonly added: string; readonly rtt: number; readonly estimate: number }>;
  'peer-signal-rejected': CustomEvent<{ readonly from: string; readonly code: LinkRejectionCode; readonly message: string }>;
  /** `code` `server-rejected` / `server-unreachable` / `server-timeout`: the server is out of reach (`status`: the HTTP status its socket URL answered, e.g. 404). */
  'peer-error': CustomEvent<{ readonly code: number | string; readonly message: string; readonly status?: number }>;
  /** A known name arrived with a different key: `previous` and `next` fingerprints (maybe an impostor). */
  'peer-key-changed': CustomEvent<{ readonly name: string; readonly previous: string; readonly next: string }>;
  /** `<peer-chat>`: the user is sending a message; cancel it to send it yourself. */
  'peer-send': CustomEvent<{ readonly text: string }>;
  /** `<peer-chat>`: a chat message passed on by `from` failed its checks and was not stored. */
  'peer-chat-rejected': CustomEvent<{ readonly from: string; readonly code: string; readonly reason: string }>;
  /** `<peer-room>`'s session (its Room or Pairing, `room.group`) started or stopped. */
  'peer-session-change': CustomEvent<{ readonly active: boolean }>;
  /** `<peer-call>`: this page joined or left the call, or its microphone, camera or screen changed. */
  'peer-call-change': CustomEvent<{ readonly inCall: boolean; readonly audio: 'on' | 'muted' | 'none'; readonly video: 'on' | 'off' | 'none'; readonly screen: boolean; readonly members: readonly string[] }>;
  /** `<peer-identity>`'s key was created, unlocked, imported or deleted (then `fingerprint` is undefined). */
  'peer-identity-change': CustomEvent<{ readonly fingerprint: string | undefined }>;
  /** The signaling connection's state (`connecting`, `open`, `reconnecting`, `closed`). */
  'peer-status-change': CustomEvent<{ readonly status: string }>;
  /** `<peer-dialog>` closed; `returnValue` is `''` when it was cancelled. */
  'peer-dialog-close': CustomEvent<{ readonly returnValue: string }>;
  /** `<peer-alert>`: the user dismissed it; cancel to keep it open. */
  'peer-alert-dismiss': CustomEvent<Record<string, never>>;
  /** `<peer-copy-button>` tried to copy `value`; `via` says how, when it worked. */
  'peer-copy': CustomEvent<{ readonly value: string; readonly ok: boolean; readonly via?: 'clipboard' | 'command' }>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the peer-* events into every element's map
  interface HTMLElementEventMap extends PeerEventMap {}
}
