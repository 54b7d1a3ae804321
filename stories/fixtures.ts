/**
 * What the stories show: made-up people, a conversation, a room's state. No server and no key are
 * needed for any of them.
 */
import { html, type TemplateResult } from 'lit';
import type { ChatEntry } from '../src/elements/peer-chat/chat-entry.js';
import { roomContext, type PeerView, type RoomState } from '../src/elements/room-context.js';

/** Fingerprints as the core makes them: 40 hex digits. */
export const PEOPLE = {
  you: { id: '5c3a9f0e1b7d24c68a0f3e5d7b9c1a2e4f6d8b0a', name: 'You' },
  ann: { id: 'a17c52e9d03b4f86c1e27a95b0d3f48c6e1a9b27', name: 'Ann Okafor' },
  ben: { id: 'b84d1f6a2c09e73b5d4a8f1c6e2b90d7a3c5e8f1', name: 'Ben Lindqvist' },
  cat: { id: 'c2e97b4d18a6f0c35e9b2d7a4f81c6e03b5d9a72', name: 'Cat Moreau' },
  dev: { id: 'd05a3c8e7f21b96d4a0e5c3b8f7d12a6e9c4b0f3', name: 'Dev Raman' },
  eve: { id: 'e6b2d9f04a8c17e53b6d0a9f2c4e81b7d3a5f6c0', name: '' },
  fay: { id: 'f3a8c61d09e4b27f5a1c8d3e6b09f4a27c5e1d8b', name: 'Fay Adeyemi' },
} as const;

const MINUTE = 60_000;

/** Yesterday evening and this morning: groups by author, a day divider, every delivery state of one's own (the last one failed). */
export function conversation(now = Date.now()): ChatEntry[] {
  const today = new Date(now);
  today.setHours(9, 0, 0, 0);
  const morning = Math.min(today.getTime(), now - 30 * MINUTE);
  const yesterday = morning - 14 * 60 * MINUTE;
  let n = 0;
  const say = (who: keyof typeof PEOPLE, time: number, text: string, state?: ChatEntry['state']): ChatEntry => {
    const person = PEOPLE[who];
    const own = who === 'you';
    return { id: `story-${String(++n).padStart(3, '0')}`, from: person.id, author: own ? '' : person.name, text, time, own, ...(state ? { state } : {}) };
  };
  return [
    say('ann', yesterday, 'Is everyone set for the workshop tomorrow?'),
    say('ann', yesterday + MINUTE, 'I put the slides in the shared folder.'),
    say('ben', yesterday + 4 * MINUTE, 'Got them, thanks. I will bring the projector.'),
    say('you', yesterday + 6 * MINUTE, 'I can take notes and send them round afterwards.', 'delivered'),
    say('cat', morning, 'Running ten minutes late, start without me!'),
    say('ann', morning + 2 * MINUTE, 'No problem, we are still setting up.'),
    say('you', morning + 5 * MINUTE, 'Saved you a seat by the window.', 'delivered'),
    say('you', morning + 6 * MINUTE, 'The Wi-Fi password is on the whiteboard.', 'sent'),
    say('you', morning + 7 * MINUTE, 'Anyone need a charger?', 'queued'),
    say('you', morning + 8 * MINUTE, 'I have two spare cables.', 'failed'),
  ];
}

/** Peers in every trust and link state the list shows. */
export const ROOM_PEERS: readonly PeerView[] = [
  { id: PEOPLE.ann.id, name: PEOPLE.ann.name, trust: 'trusted', state: 'connected', rtt: 18, path: 'direct' },
  { id: PEOPLE.ben.id, name: PEOPLE.ben.name, trust: 'unknown', state: 'connected', rtt: 142, path: 'relayed' },
  { id: PEOPLE.cat.id, name: PEOPLE.cat.name, trust: 'key-changed', state: 'reconnecting', rtt: undefined, path: 'unknown' },
  { id: PEOPLE.dev.id, name: PEOPLE.dev.name, trust: 'blocked', state: 'indirect', rtt: undefined, path: 'unknown' },
  // No WebRTC path formed (UDP blocked, no TURN): chat goes through the server, encrypted to her.
  { id: PEOPLE.fay.id, name: PEOPLE.fay.name, trust: 'trusted', state: 'connected', rtt: undefined, path: 'server' },
  { id: PEOPLE.eve.id, name: PEOPLE.eve.name, trust: 'unknown', state: 'joining', rtt: undefined, path: 'unknown' },
];

/** A room's state as `<peer-room>` would share it: open, with these peers; its actions do nothing. */
export function roomState(state: Partial<RoomState> = {}): RoomState {
  return Object.freeze({
    status: 'open',
    problem: undefined,
    mode: 'mesh',
    trust: 'tofu',
    peers: [],
    searching: false,
    selfId: PEOPLE.you.id,
    identity: undefined,
    keyring: undefined,
    group: undefined,
    actions: { send: () => undefined, broadcast: () => undefined, next: () => Promise.resolve(), setTrust: () => Promise.resolve() },
    ...state,
  });
}

/** Wraps a story in a stand-in for `<peer-room>`: it answers the elements' requests for the room with `state`. */
export function inRoom(state: RoomState, story: TemplateResult): TemplateResult {
  const answer = (event: Event) => {
    const request = event as Event & { context: unknown; callback: (value: RoomState) => void };
    if (request.context !== roomContext) return;
    event.stopPropagation();
    request.callback(state);
  };
  return html`<div @context-request=${answer}>${story}</div>`;
}
