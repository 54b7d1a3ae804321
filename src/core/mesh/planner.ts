/**
 * Which links a peer makes, keeps and drops: a pure function of what it knows (members, links,
 * asks, memories) returning actions. No timers, no I/O, no WebRTC: the room carries the actions
 * out (room/mesh-links.ts) and asks again whenever something changed.
 *
 * Up to `maxLinks` other members the room is a full mesh: every member is linked, one side of each
 * link offering (`offersTo`: the newer member, or the smaller id; room/membership.ts). Above it
 * the room is a partial mesh (topology.ts): each peer keeps its two ring neighbours (the
 * connectivity floor), picks a few chords of its own (the closest suggested peer that is free,
 * else a random one), takes chords others ask it for while it has room, and never keeps more
 * than `maxLinks`. A chord is asked for before any RTCPeerConnection is made, so a peer that is
 * full costs a message, not a handshake.
 */
import type { PeerSuggestion } from '../signaling/suggest.js';
import { chordTarget, isPartialMesh } from './topology.js';

export interface MeshState {
  /** This peer's id. */
  readonly self: string;
  /** Whether this peer makes the offer for a link to `id` (Membership.offersTo); the other side answers. */
  readonly offersTo: (id: string) => boolean;
  /** The other members of the room. */
  readonly members: ReadonlySet<string>;
  readonly maxLinks: number;
  /** This peer's ring neighbours among the members (topology.ts `ringNeighbors`). */
  readonly ring: ReadonlySet<string>;
  /** Peers with a link that is up or connecting, in the order the links were made. */
  readonly links: ReadonlySet<string>;
  /** Peers whose link is being created (not yet in `links`). */
  readonly creating: ReadonlySet<string>;
  /** The chords this peer picked (the ring and others' picks come on top). */
  readonly chosen: ReadonlySet<string>;
  /** Peers asked for a chord, until they offer, say yes or no, or the ask times out. */
  readonly asked: ReadonlySet<string>;
  /** Peers this peer said yes to (they offer our links): their offer holds a place until it comes. */
  readonly expecting: ReadonlySet<string>;
  /** Peers whose dropped link waits for its backoff before it is made again. */
  readonly relinking: ReadonlySet<string>;
  /** Peers rotated away from, with when that memory ends. */
  readonly declined: ReadonlyMap<string, number>;
  /** Peers that said they are full, with when they may be asked again. */
  readonly full: ReadonlyMap<string, number>;
  /** The server's suggestions, closest first. */
  readonly suggestions: readonly PeerSuggestion[];
  /** Whether the room was a partial mesh when the last plan was made. */
  readonly wasPartial: boolean;
  readonly now: number;
  /** [0, 1): which random member becomes a chord when no suggestion fits. Tests pass their own. */
  readonly random: () => number;
}

export type MeshAction =
  /** Offer a link (the trust policy is checked first). */
  | { readonly kind: 'offer'; readonly id: string }
  /** Ask a non-ring peer for a chord. */
  | { readonly kind: 'ask'; readonly id: string }
  /** Drop a link to make room, telling the peer it is `full`. */
  | { readonly kind: 'unlink'; readonly id: string }
  /** Remember a chord as this peer's pick, or forget one. */
  | { readonly kind: 'choose'; readonly id: string }
  | { readonly kind: 'unchoose'; readonly id: string };

export function isPartial(state: Pick<MeshState, 'members' | 'maxLinks'>): boolean {
  return isPartialMesh(state.members.size, state.maxLinks);
}

/** Links up or being made, and asks waiting for an offer: what counts against `maxLinks` (`besides` one peer's place). */
export function degree(state: MeshState, besides?: string): number {
  const places = new Set([...state.links, ...state.creating, ...state.asked, ...state.expecting]);
  if (besides !== undefined) places.delete(besides);
  return places.size;
}

/**
 * Chords fill links up to this; the last place is kept for a ring neighbour, so a peer joining
 * next to us takes a free place instead of pushing a chord out (which would cascade).
 */
export function chordRoom(maxLinks: number): number {
  return maxLinks >= 4 ? maxLinks - 1 : maxLinks;
}

export function isLive(state: MeshState, id: string): boolean {
  return state.links.has(id) || state.creating.has(id);
}

/** Whether this peer makes (and remakes) a link to `id`. */
export function wants(state: MeshState, id: string): boolean {
  if (!state.members.has(id)) return false;
  if (!isPartial(state)) return true;
  return state.chosen.has(id) || state.asked.has(id) || state.ring.has(id);
}

/** A member with no link, ask or memory against it: one a new chord may go to. */
export function freeToLink(state: MeshState, id: string): boolean {
  return id !== state.self && state.members.has(id) && !isLive(state, id) && !state.asked.has(id) && (state.declined.get(id) ?? 0) <= state.now && (state.full.get(id) ?? 0) <= state.now;
}

/** The best suggested peer free to link and estimated at most 1/factor as far as `rtt`. */
export function closerThan(state: MeshState, rtt: number, factor: number): PeerSuggestion | undefined {
  return state.suggestions.find((peer) => peer.rtt !== undefined && peer.rtt * factor <= rtt && freeToLink(state, peer.id));
}

/**
 * The state as actions change it, so that one decision sees the ones made before it (a chord
 * asked for counts against the room for the next pick).
 */
class Draft {
  readonly actions: MeshAction[] = [];
  readonly links: Set<string>;
  readonly chosen: Set<string>;
  readonly asked: Set<string>;
  readonly view: MeshState;

  constructor(state: MeshState) {
    this.links = new Set(state.links);
    this.chosen = new Set(state.chosen);
    this.asked = new Set(state.asked);
    this.view = { ...state, links: this.links, chosen: this.chosen, asked: this.asked };
  }

  do(action: MeshAction): void {
    this.actions.push(action);
    if (action.kind === 'unlink') this.links.delete(action.id);
    if (action.kind === 'ask') this.asked.add(action.id);
    if (action.kind === 'choose') this.chosen.add(action.id);
    if (action.kind === 'unchoose') this.chosen.delete(action.id);
  }
}

/**
 * Drops one link that is not a ring link, preferring those nobody here picked; a chord of ours
 * goes only to make room for a ring link (the floor comes first). False if none could go.
 */
function makeRoom(draft: Draft, forRing: boolean): boolean {
  const state = draft.view;
  for (const chords of forRing ? [false, true] : [false]) {
    for (const id of state.links) {
      if (state.ring.has(id) || state.chosen.has(id) !== chords || state.asked.has(id)) continue;
      draft.do({ kind: 'unchoose', id });
      draft.do({ kind: 'unlink', id });
      return true;
    }
  }
  return false;
}

/** Makes sure a link this peer wants is up or on its way: offered, or asked for. */
function ensureInto(draft: Draft, id: string): void {
  const state = draft.view;
  if (isLive(state, id) || state.asked.has(id) || state.relinking.has(id)) return;
  const partial = isPartial(state);
  const ring = state.ring.has(id);
  if (partial && degree(state) >= state.maxLinks && !makeRoom(draft, ring)) return;
  // A full mesh and the ring need no asking: both sides want the link, and one of them offers.
  if (!partial || ring) {
    if (state.offersTo(id)) draft.do({ kind: 'offer', id });
    return;
  }
  draft.do({ kind: 'ask', id });
}

export function ensure(state: MeshState, id: string): MeshAction[] {
  const draft = new Draft(state);
  ensureInto(draft, id);
  return draft.actions;
}

/**
 * Whether a link `id` offers or asks for is taken, and what must go to make room for it. One this
 * peer wants (its ring neighbour, a chord it picked) is taken even when full: a link nobody here
 * picked makes room for it.
 */
export function accepts(state: MeshState, id: string): { readonly accept: boolean; readonly actions: readonly MeshAction[] } {
  if (!isPartial(state) || state.expecting.has(id)) return { accept: true, actions: [] };
  const draft = new Draft(state);
  if (wants(state, id)) {
    // Its own place is not counted: the ask for it already holds one, and its link takes that one.
    const accept = degree(state, id) < state.maxLinks || makeRoom(draft, state.ring.has(id));
    return { accept, actions: draft.actions };
  }
  return { accept: (state.declined.get(id) ?? 0) <= state.now && degree(state) < chordRoom(state.maxLinks), actions: [] };
}

/** A chord: the closest suggested peer that is free to link, else a random one. */
function pickChord(state: MeshState): string | undefined {
  const free = (id: string) => !state.ring.has(id) && freeToLink(state, id);
  const suggested = state.suggestions.find((peer) => peer.rtt !== undefined && free(peer.id));
  if (suggested) return suggested.id;
  const candidates = [...state.members].filter(free);
  return candidates[Math.floor(state.random() * candidates.length)];
}

/**
 * Partial mesh upkeep: the ring links, enough chords, and never more than `maxLinks` (the links
 * nobody here picked go first).
 */
export function plan(state: MeshState): MeshAction[] {
  const draft = new Draft(state);
  const view = draft.view;
  if (!isPartial(state)) {
    // Back to a full mesh (members left): every member gets a link again. Otherwise a full mesh
    // offers as members join and relinks as links drop, not here.
    if (state.wasPartial) for (const id of state.members) if (state.offersTo(id) && !isLive(state, id)) draft.do({ kind: 'offer', id });
    return draft.actions;
  }
  for (const id of state.ring) ensureInto(draft, id);
  for (const id of state.chosen) if (state.ring.has(id) || !state.members.has(id)) draft.do({ kind: 'unchoose', id });
  const target = chordTarget(state.maxLinks);
  while (view.chosen.size < target && degree(view) < chordRoom(state.maxLinks)) {
    const chord = pickChord(view);
    if (!chord) break;
    draft.do({ kind: 'choose', id: chord });
    ensureInto(draft, chord);
  }
  let excess = degree(view) - state.maxLinks;
  for (const pass of [false, true]) {
    for (const id of [...view.links]) {
      if (excess <= 0) return draft.actions;
      if (state.ring.has(id) || view.chosen.has(id) !== pass) continue;
      draft.do({ kind: 'unchoose', id });
      draft.do({ kind: 'unlink', id });
      excess--;
    }
  }
  return draft.actions;
}
