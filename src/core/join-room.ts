/**
 * The one call to start (DESIGN.md "Core API"):
 *
 *   const room = await joinRoom({ server: 'https://signal.example.org', ns: 'my-app', room: 'lobby' });
 *
 * loads this browser's key and address book from IndexedDB (made on first use), picks the
 * transport (the peerkit server over WebSocket when `server` is given, BroadcastChannel between
 * pages of this origin otherwise), reads the server's `/ice` when asked, and joins: a Room in mesh
 * mode, a Pairing (one stranger at a time) in pair mode. Every failure is a JoinRoomError whose
 * `code` says which step failed, and leaves nothing behind (no socket, no half-joined room).
 */
import type { TrustPolicy } from './envelope/trust.js';
import { Identity } from './identity/identity.js';
import { Keyring } from './identity/keyring.js';
import { Pairing } from './pair/pairing.js';
import { browserStore, type KeyValueStore } from './platform/storage.js';
import { Room } from './room/room.js';
import { BroadcastChannelTransport } from './signaling/broadcast-channel.js';
import { ConnectError } from './signaling/connect-failure.js';
import { iceServersFrom } from './signaling/ice.js';
import type { CoarseLocation } from './signaling/suggest.js';
import { SignalingError, type ConnectFailureCode, type SignalingTransport } from './signaling/transport.js';
import { WebSocketTransport } from './signaling/websocket.js';

export type JoinRoomErrorCode =
  /** The options cannot work (no ns or room, pair mode without a server, a URL that is no server's). */
  | 'invalid-options'
  /** The key or the address book could not be loaded or made (IndexedDB unavailable, a locked key). */
  | 'keys-unavailable'
  /** `iceServers: 'server'` and the server's `/ice` failed (`status`: its HTTP status, when it answered). */
  | 'ice-unavailable'
  /** The server is out of reach: see ConnectFailureCode (`status`: the HTTP status its socket URL answered). */
  | ConnectFailureCode
  /** The server refused the join (`status`: its code, e.g. 403 or 429). */
  | 'join-refused'
  | 'aborted';

export class JoinRoomError extends Error {
  override readonly name = 'JoinRoomError';
  constructor(
    readonly code: JoinRoomErrorCode,
    message: string,
    options: { readonly status?: number | undefined; readonly cause?: unknown } = {},
  ) {
    super(`${code}: ${message}`, { cause: options.cause });
    if (options.status !== undefined) this.status = options.status;
  }

  /** The HTTP status or signaling code behind the failure, when there was one. */
  readonly status?: number;
}

/** Stores for the key and the address book, where IndexedDB will not do (Node, tests). */
export interface JoinRoomStores {
  readonly identity: KeyValueStore;
  readonly keyring: KeyValueStore;
}

export interface JoinRoomOptions {
  /** The peerkit server (`https://host`, `http://host:port`, `wss://host/ws`). Without it, pages of this origin in this browser meet over BroadcastChannel. */
  readonly server?: string | undefined;
  /** Namespace: an app's own space on a shared server. */
  readonly ns: string;
  /** The room within the namespace (mesh mode). */
  readonly room: string;
  /** `mesh` (default): everyone in the room. `pair`: one stranger at a time (needs `server`). */
  readonly mode?: 'mesh' | 'pair';
  /** Whose signals are accepted: `any`, `tofu` (default: trust on first use) or `known`. */
  readonly trust?: TrustPolicy;
  /** ICE servers for the links, or `server` for the server's `/ice` (STUN, TURN credentials). Default: none, host candidates only. */
  readonly iceServers?: RTCIceServer[] | 'server' | undefined;
  /**
   * `relay`: links use TURN relay candidates only, so other members (or, in pair mode, the
   * stranger) never learn this device's IP addresses; it needs a TURN server among the ICE servers.
   * `all`: direct paths too. Default: `relay` in pair mode when the ICE servers include a TURN
   * server, else `all`.
   */
  readonly iceTransportPolicy?: RTCIceTransportPolicy | undefined;
  /** The key to use; default: the one stored in `storage`, made (named `name`) if there is none. */
  readonly identity?: Identity | undefined;
  /** The address book trust is checked against; default: the one in `storage`. */
  readonly keyring?: Keyring | undefined;
  /** Where the key and address book live: an IndexedDB database name (default `peerkit`), or stores. */
  readonly storage?: string | JoinRoomStores | undefined;
  /** The name in a newly made key (default `Anonymous`); a stored key keeps its own. */
  readonly name?: string | undefined;
  /** Mesh mode: most links this peer keeps (default 8); a larger room relays. */
  readonly maxLinks?: number | undefined;
  /**
   * Mesh mode: how long a link may stay connecting before chat and named channels go through the
   * server instead (encrypted to the peer; the peer shows path `server`), until a WebRTC path
   * forms. Default 5000 ms; 0 turns it off. Needs `server`.
   */
  readonly serverFallbackMs?: number | undefined;
  /** Mesh mode: a coarse location for the server's suggestions; only with the user's consent. */
  readonly location?: (() => Promise<CoarseLocation | undefined>) | undefined;
  /** Gives up: what was made is closed and the promise rejects with `aborted`. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Called before joining with what was made, so a caller sees every event from the first one (the
   * member list, the transport's state). Whatever it attaches stays on objects that are closed if
   * the join fails.
   */
  readonly onJoining?: ((joining: Joining) => void) | undefined;
}

export interface Joining {
  readonly room: Room | Pairing;
  readonly transport: SignalingTransport;
  readonly identity: Identity;
  readonly keyring: Keyring;
}

/** What joinRoom returns: the Room (or Pairing), and `close()` to leave it and close the connection it opened. */
export type Joined<G extends Room | Pairing> = G & {
  /** Leaves, and closes the transport joinRoom made (`leave()` alone leaves and keeps it for `join()`). */
  close(): Promise<void>;
};

export function joinRoom(options: JoinRoomOptions & { readonly mode: 'pair' }): Promise<Joined<Pairing>>;
export function joinRoom(options: JoinRoomOptions & { readonly mode?: 'mesh' }): Promise<Joined<Room>>;
export function joinRoom(options: JoinRoomOptions): Promise<Joined<Room | Pairing>>;
export async function joinRoom(options: JoinRoomOptions): Promise<Joined<Room | Pairing>> {
  checkOptions(options);
  const { identity, keyring } = await step(options.signal, loadKeys(options));
  const { iceServers, known } = await step(options.signal, iceServersOf(options, identity));
  const iceTransportPolicy = transportPolicyOf(options, known);
  const transport = createTransport(options, identity);
  let group: Room | Pairing;
  try {
    const common = { identity, ns: options.ns, keys: keyring, policy: options.trust ?? 'tofu', iceTransportPolicy, ...(iceServers ? { iceServers } : {}) };
    group =
      options.mode === 'pair'
        ? new Pairing({ ...common, transport: transport as WebSocketTransport })
        : new Room({
            ...common,
            transport,
            room: options.room,
            ...(options.maxLinks !== undefined && Number.isFinite(options.maxLinks) ? { maxLinks: options.maxLinks } : {}),
            ...(options.location ? { location: options.location } : {}),
            ...(options.serverFallbackMs !== undefined && Number.isFinite(options.serverFallbackMs) ? { serverFallbackMs: options.serverFallbackMs } : {}),
          });
  } catch (error) {
    transport.close();
    throw error;
  }
  const close = async () => {
    await group.leave().catch(() => undefined);
    transport.close();
  };
  try {
    options.onJoining?.({ room: group, transport, identity, keyring });
    await step(options.signal, group.join());
  } catch (error) {
    await close();
    throw joinError(error);
  }
  return Object.assign(group, { close });
}

function checkOptions(options: JoinRoomOptions): void {
  if (!options.ns) throw new JoinRoomError('invalid-options', '`ns` is required');
  if (options.mode !== 'pair' && !options.room) throw new JoinRoomError('invalid-options', '`room` is required in mesh mode');
  if (options.mode !== undefined && options.mode !== 'mesh' && options.mode !== 'pair') throw new JoinRoomError('invalid-options', `unknown mode ${JSON.stringify(options.mode)}`);
  if (options.mode === 'pair' && !options.server) throw new JoinRoomError('invalid-options', 'pair mode needs a server (the pair protocol)');
  if (options.iceServers === 'server' && !options.server) throw new JoinRoomError('invalid-options', "iceServers: 'server' needs a server");
  if (options.signal?.aborted) throw new JoinRoomError('aborted', 'aborted before joining', { cause: options.signal.reason });
}

/** Waits for `work` unless `signal` aborts first. */
async function step<T>(signal: AbortSignal | undefined, work: Promise<T>): Promise<T> {
  if (!signal) return work;
  // Given up on, `work` still settles, often failing because of the abort (a join cut short by
  // leave()): that failure is expected, not unhandled.
  work.catch(() => undefined);
  if (signal.aborted) throw new JoinRoomError('aborted', 'aborted', { cause: signal.reason });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new JoinRoomError('aborted', 'aborted', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}

/** The key and address book given, else the stored ones (a key is made if there is none). */
async function loadKeys(options: JoinRoomOptions): Promise<{ identity: Identity; keyring: Keyring }> {
  try {
    const { storage } = options;
    const store = (kind: keyof JoinRoomStores) => (typeof storage === 'object' ? Promise.resolve(storage[kind]) : storage ? browserStore(kind, storage) : undefined);
    const identityStore = options.identity ? undefined : await store('identity');
    const keyringStore = options.keyring ? undefined : await store('keyring');
    const identity = options.identity ?? (await Identity.loadOrCreate({ name: options.name || 'Anonymous', ...(identityStore ? { store: identityStore } : {}) }));
    const keyring = options.keyring ?? (await Keyring.open(keyringStore ? { store: keyringStore } : {}));
    return { identity, keyring };
  } catch (error) {
    throw new JoinRoomError('keys-unavailable', `the key or the address book could not be loaded (${(error as Error).message})`, { cause: error });
  }
}

/** Whether one of these ICE servers is a TURN server: relay-only links need one. */
function hasTurn(servers: readonly RTCIceServer[]): boolean {
  return servers.some(({ urls }) => (Array.isArray(urls) ? urls : [urls]).some((url) => /^turns?:/i.test(url)));
}

/** The links' candidate policy: as asked (relay only with a TURN server to relay through), else relay for strangers when there is one. */
function transportPolicyOf(options: JoinRoomOptions, known: readonly RTCIceServer[]): RTCIceTransportPolicy {
  const policy = options.iceTransportPolicy ?? (options.mode === 'pair' && hasTurn(known) ? 'relay' : 'all');
  if (policy !== 'all' && policy !== 'relay') throw new JoinRoomError('invalid-options', `unknown iceTransportPolicy ${JSON.stringify(policy)}`);
  if (policy === 'relay' && !hasTurn(known)) {
    throw new JoinRoomError('invalid-options', "iceTransportPolicy 'relay' needs a TURN server: iceServers 'server' on a server started with --turn-secret, or a turn: URL");
  }
  return policy;
}

/**
 * The ICE servers option for the links, and the servers known now: `/ice` is read now, so a
 * failure is told before joining (and reused, refreshed, for every link).
 */
async function iceServersOf(options: JoinRoomOptions, identity: Identity): Promise<{ iceServers: RTCIceServer[] | (() => Promise<RTCIceServer[]>) | undefined; known: readonly RTCIceServer[] }> {
  if (options.iceServers !== 'server') return { iceServers: options.iceServers, known: options.iceServers ?? [] };
  try {
    const fromServer = iceServersFrom(options.server!, { id: identity.fingerprint });
    return { iceServers: fromServer, known: await fromServer() };
  } catch (error) {
    const status = error instanceof SignalingError && error.code !== 499 ? error.code : undefined;
    throw new JoinRoomError(error instanceof SignalingError && error.code === 499 ? 'invalid-options' : 'ice-unavailable', (error as Error).message, { status, cause: error });
  }
}

function createTransport(options: JoinRoomOptions, identity: Identity): SignalingTransport {
  try {
    return options.server ? new WebSocketTransport(options.server, identity) : new BroadcastChannelTransport(identity.fingerprint, { channel: `peerkit:${options.ns}` });
  } catch (error) {
    throw new JoinRoomError('invalid-options', (error as Error).message, { cause: error });
  }
}

function joinError(error: unknown): JoinRoomError {
  if (error instanceof JoinRoomError) return error;
  if (error instanceof ConnectError) return new JoinRoomError(error.failure.code, error.failure.message, { status: error.failure.status, cause: error });
  if (error instanceof SignalingError && error.code === 504) return new JoinRoomError('server-timeout', error.message, { cause: error });
  if (error instanceof SignalingError) return new JoinRoomError('join-refused', error.message, { status: error.code, cause: error });
  return new JoinRoomError('join-refused', (error as Error).message, { cause: error });
}
