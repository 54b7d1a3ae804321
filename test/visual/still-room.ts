/**
 * A room that holds still, for pictures: a fixed state (peers, their trust, links and round-trip
 * times) provided under the public `roomContext`, as an app that shows a room from elsewhere would
 * provide it. A live room's round-trip times change every few seconds, so a `<peer-list>` in a
 * picture follows this one instead.
 */
import { ContextProvider } from '@lit/context';
import { roomContext, type PeerView, type RoomState } from '../../src/elements/room-context.js';

/** Nothing a picture does acts on the room. */
const inert: RoomState['actions'] = Object.freeze({
  send: () => undefined,
  broadcast: () => undefined,
  next: async () => undefined,
  setTrust: async () => undefined,
});

/**
 * Makes `host` provide a fixed, open room with `peers` to the elements inside it. Call it before
 * they connect: their first request is then answered here, not by a room around `host`.
 */
export function holdStill(host: HTMLElement, selfId: string, peers: readonly PeerView[]): void {
  const state: RoomState = Object.freeze({
    status: 'open',
    problem: undefined,
    mode: 'mesh',
    trust: 'tofu',
    peers: Object.freeze(peers.map((peer) => Object.freeze({ ...peer }))),
    searching: false,
    selfId,
    identity: undefined,
    keyring: undefined,
    group: undefined,
    actions: inert,
  });
  // On a plain element the provider listens from construction (there is no controller lifecycle).
  new ContextProvider(host, { context: roomContext, initialValue: state });
}
