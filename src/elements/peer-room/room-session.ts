/**
 * The part of `<peer-room>` that needs the core (keys, crypto, signaling, WebRTC). The element
 * loads it on first connect, so the tag renders — and a CDN page shows it — before any of this
 * arrives.
 */
import { Identity } from '../../core/identity/identity.js';
import { Keyring } from '../../core/identity/keyring.js';
import { Pairing } from '../../core/pair/pairing.js';
import { Room } from '../../core/room/room.js';
import { BroadcastChannelTransport } from '../../core/signaling/broadcast-channel.js';
import { iceServersFrom } from '../../core/signaling/ice.js';
import type { CoarseLocation } from '../../core/signaling/suggest.js';
import type { SignalingTransport } from '../../core/signaling/transport.js';
import { WebSocketTransport } from '../../core/signaling/websocket.js';
import type { TrustPolicy } from '../../core/envelope/trust.js';

export interface RoomSessionConfig {
  readonly server: string | undefined;
  readonly ns: string;
  readonly room: string;
  readonly mode: 'mesh' | 'pair';
  readonly trust: TrustPolicy;
  readonly iceServers: string | undefined;
  readonly identity: Identity;
  readonly keyring: Keyring;
  readonly maxLinks?: number | undefined;
  /** The user agreed to share a coarse location (the browser asks them too). */
  readonly shareLocation?: boolean;
}

export interface RoomSession {
  readonly transport: SignalingTransport;
  readonly group: Room | Pairing;
}

/** This page's key and address book: the ones given, else the stored ones (a key is made if none). */
export async function loadKeys(given: { identity: Identity | undefined; keyring: Keyring | undefined; displayName: string | undefined }): Promise<{ identity: Identity; keyring: Keyring }> {
  const identity = given.identity ?? (await Identity.loadOrCreate({ name: given.displayName || 'Anonymous' }));
  const keyring = given.keyring ?? (await Keyring.open());
  return { identity, keyring };
}

/** The transport and the Room (mesh) or Pairing (pair) for this configuration, not yet joined. */
export function createRoomSession(config: RoomSessionConfig): RoomSession {
  const { identity, server } = config;
  const transport = server ? new WebSocketTransport(server, identity) : new BroadcastChannelTransport(identity.fingerprint, { channel: `peerkit:${config.ns}` });
  const common = { identity, ns: config.ns, keys: config.keyring, policy: config.trust, ...iceOption(config) };
  if (config.mode !== 'pair') {
    const maxLinks = config.maxLinks !== undefined && Number.isFinite(config.maxLinks) ? { maxLinks: config.maxLinks } : {};
    const location = config.shareLocation ? { location: browserLocation } : {};
    return { transport, group: new Room({ ...common, transport, room: config.room, ...maxLinks, ...location }) };
  }
  if (!(transport instanceof WebSocketTransport)) {
    transport.close();
    throw new Error('pair mode needs a server (the link protocol)');
  }
  return { transport, group: new Pairing({ ...common, transport }) };
}

/** `ice-servers`: `server` reads the server's /ice; otherwise a comma-separated list of ICE URLs. */
function iceOption(config: RoomSessionConfig): { iceServers?: RTCIceServer[] | (() => Promise<RTCIceServer[]>) } {
  const value = config.iceServers?.trim();
  if (!value) return {};
  if (value === 'server') return config.server ? { iceServers: iceServersFrom(config.server) } : {};
  return { iceServers: [{ urls: value.split(',').map((url) => url.trim()).filter(Boolean) }] };
}

/** The browser's position, asked for once (the browser prompts the user); undefined if refused. */
function browserLocation(): Promise<CoarseLocation | undefined> {
  const geolocation = globalThis.navigator?.geolocation;
  if (!geolocation) return Promise.resolve(undefined);
  return new Promise((resolve) =>
    geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lon: position.coords.longitude }),
      () => resolve(undefined),
      { enableHighAccuracy: false, maximumAge: 30 * 60_000, timeout: 30_000 },
    ),
  );
}
