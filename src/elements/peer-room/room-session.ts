/**
 * The part of `<peer-room>` that needs the core (keys, crypto, signaling, WebRTC). The element
 * loads it on first connect, so the tag renders — and a CDN page shows it — before any of this
 * arrives. Starting is joinRoom's (core/join-room.ts); what is left here is how the element's
 * attributes read as its options.
 */
import type { Identity } from '../../core/identity/identity.js';
import type { Keyring } from '../../core/identity/keyring.js';
import type { JoinRoomOptions } from '../../core/join-room.js';
import type { TrustPolicy } from '../../core/envelope/trust.js';
import type { CoarseLocation } from '../../core/signaling/suggest.js';

export { joinRoom, JoinRoomError } from '../../core/join-room.js';
export { Backoff } from '../../core/util/backoff.js';
export { serverBase } from '../../core/signaling/server-url.js';

export interface RoomSessionConfig {
  readonly server: string | undefined;
  readonly ns: string;
  readonly room: string;
  readonly mode: 'mesh' | 'pair';
  readonly trust: TrustPolicy;
  /** The `ice-servers` attribute: `server`, or a comma-separated list of ICE URLs. */
  readonly iceServers: string | undefined;
  /** The `ice-transport-policy` attribute: `relay`, `all`, or unset (joinRoom's default). */
  readonly iceTransportPolicy: string | undefined;
  readonly identity: Identity | undefined;
  readonly keyring: Keyring | undefined;
  readonly displayName: string | undefined;
  readonly maxLinks?: number | undefined;
  /** The `server-fallback` attribute: ms before a link that does not form goes through the server; 0 never. */
  readonly serverFallback?: number | undefined;
  /** The user agreed to share a coarse location (the browser asks them too). */
  readonly shareLocation?: boolean;
}

/** The element's attributes as joinRoom's options. */
export function joinOptions(config: RoomSessionConfig): JoinRoomOptions {
  return {
    server: config.server || undefined,
    ns: config.ns,
    room: config.room,
    mode: config.mode,
    trust: config.trust,
    iceServers: iceServersOf(config),
    // An unknown value reaches joinRoom, which refuses it (invalid-options) where the user sees it.
    iceTransportPolicy: (config.iceTransportPolicy?.trim() || undefined) as RTCIceTransportPolicy | undefined,
    identity: config.identity,
    keyring: config.keyring,
    name: config.displayName,
    maxLinks: config.maxLinks,
    serverFallbackMs: config.serverFallback,
    location: config.shareLocation ? browserLocation : undefined,
  };
}

/** `server` reads the server's /ice (ignored without a server, as before); otherwise a comma-separated list of ICE URLs. */
function iceServersOf(config: RoomSessionConfig): JoinRoomOptions['iceServers'] {
  const value = config.iceServers?.trim();
  if (!value) return undefined;
  if (value === 'server') return config.server ? 'server' : undefined;
  return [{ urls: value.split(',').map((url) => url.trim()).filter(Boolean) }];
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
